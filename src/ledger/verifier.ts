import type { Client } from '@libsql/client';
import { GENESIS_HASH } from '../domain/canonical.js';
import type { SigningKey } from './checkpoint.js';
import { checkProjections } from './rebuild.js';
import { readVerifiedMark, saveVerifiedMark } from './verify-mark.js';
import { verifyChain, type ChainPoint, type VerifyResult } from './verify.js';

/** The last walk of the whole chain from the genesis, and whether one is under way. */
export interface FullCheck {
  status: 'none' | 'running' | 'done';
  startedAt: string | null;
  finishedAt: string | null;
  result: VerifyResult | null;
}

/** What a caller of `check()` gets: the chain verdict (new events and the last full walk together). */
export type ChainVerdict = VerifyResult & { checkedFrom: number; full: FullCheck };

export interface ProjectionVerdict {
  ok: boolean;
  mismatched: string[];
  checkedAt: string;
}

export interface VerifierOptions {
  /** Signs and checks the persisted verified mark; without it (or `markFile`) the mark lives in memory only. */
  key?: SigningKey;
  /** Where the signed mark is kept (see verify-mark.ts). */
  markFile?: string;
  /** A full walk is started in the background when the last began longer ago than this (default 15 min). */
  fullEveryMs?: number;
  /** The mark is saved at most this often (default 30 s); a restart re-walks at most what came since. */
  saveEveryMs?: number;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Verification for a server: one instance per app, shared by every caller.
 * - `check()` walks only the events after the verified mark (the last event known to verify),
 *   then moves the mark to the head. Callers who arrive while a walk runs share that walk.
 *   Before resuming, the mark's own event must still carry its hash, else (a ledger cut short
 *   or rewritten) the walk starts again from the genesis.
 * - A full walk from the genesis runs as one background job, at most every `fullEveryMs`; its
 *   result is kept and reported to later callers, and a break it found makes the verdict false.
 * - `projections()` rebuilds the projections in a scratch database (no write lock on the live
 *   one); concurrent callers share one run.
 */
export class Verifier {
  private mark: ChainPoint | null | undefined;
  private walking: Promise<ChainVerdict> | null = null;
  private fullRun: Promise<void> | null = null;
  private fullStartedMs = -Infinity;
  private full: FullCheck = { status: 'none', startedAt: null, finishedAt: null, result: null };
  private savedMs = -Infinity;
  private saving: Promise<void> = Promise.resolve();
  private projectionRun: Promise<ProjectionVerdict> | null = null;
  private readonly fullEveryMs: number;
  private readonly saveEveryMs: number;

  constructor(
    private readonly client: Client,
    private readonly opts: VerifierOptions = {},
  ) {
    this.fullEveryMs = opts.fullEveryMs ?? 15 * 60_000;
    this.saveEveryMs = opts.saveEveryMs ?? 30_000;
  }

  /** The chain verdict: new events walked now, combined with the last full walk's finding. */
  check(): Promise<ChainVerdict> {
    this.walking ??= this.walkNew().finally(() => {
      this.walking = null;
    });
    return this.walking;
  }

  /** The last finished full walk; `status` is `running` while one is under way. Starts none. */
  fullCheck(): FullCheck {
    return { ...this.full, status: this.fullRun ? 'running' : this.full.result ? 'done' : 'none' };
  }

  /** Start the background full walk now unless one is running; resolves when it ends. */
  startFullWalk(): Promise<void> {
    this.fullRun ??= this.walkAll().finally(() => {
      this.fullRun = null;
    });
    return this.fullRun;
  }

  /** Rebuild-and-compare of the projections; callers during a run share it. */
  projections(): Promise<ProjectionVerdict> {
    this.projectionRun ??= checkProjections(this.client, yieldToLoop)
      .then((mismatched) => ({ ok: mismatched.length === 0, mismatched, checkedAt: new Date().toISOString() }))
      .finally(() => {
        this.projectionRun = null;
      });
    return this.projectionRun;
  }

  private async walkNew(): Promise<ChainVerdict> {
    const from = await this.resumePoint();
    const startedAt = new Date().toISOString();
    const walk = await verifyChain(this.client, { from });
    if (from.seq === 0) this.recordFull(startedAt, walk);
    if (walk.ok && walk.head !== null) this.advance({ seq: walk.events, hash: walk.head });
    if (Date.now() - this.fullStartedMs >= this.fullEveryMs) void this.startFullWalk();
    return this.combine(walk, from.seq);
  }

  /** Where to resume: the mark if its event still has its hash, else the genesis. */
  private async resumePoint(): Promise<ChainPoint> {
    const { key, markFile } = this.opts;
    if (this.mark === undefined) this.mark = key && markFile ? await readVerifiedMark(markFile, this.client, key) : null;
    const mark = this.mark;
    if (mark && mark.seq > 0) {
      const rs = await this.client.execute({ sql: 'SELECT hash FROM events WHERE seq = ?', args: [mark.seq] });
      if (String(rs.rows[0]?.hash ?? '') === mark.hash) return mark;
      this.mark = null;
    }
    return { seq: 0, hash: GENESIS_HASH };
  }

  private async walkAll(): Promise<void> {
    const startedAt = new Date().toISOString();
    this.fullStartedMs = Date.now();
    try {
      this.recordFull(startedAt, await verifyChain(this.client));
    } catch (err) {
      console.error('[reckon] the background verification failed', err);
    }
  }

  private recordFull(startedAt: string, result: VerifyResult): void {
    this.fullStartedMs = Math.max(this.fullStartedMs, Date.parse(startedAt));
    this.full = { status: 'done', startedAt, finishedAt: new Date().toISOString(), result };
  }

  /** Move the mark forward; save it (signed) now and then. */
  private advance(point: ChainPoint): void {
    if (this.mark && this.mark.seq >= point.seq) return;
    this.mark = point;
    const { key, markFile } = this.opts;
    if (!key || !markFile || Date.now() - this.savedMs < this.saveEveryMs) return;
    this.savedMs = Date.now();
    this.saving = saveVerifiedMark(markFile, key, point).catch((err: unknown) => console.error('[reckon] could not save the verified mark', err));
  }

  /** Resolves once the last save of the mark has ended (for a clean shutdown, and tests). */
  async settled(): Promise<void> {
    await this.saving;
  }

  /** New events verified and the last full walk clean: ok. Else the first break either found. */
  private combine(walk: VerifyResult, checkedFrom: number): ChainVerdict {
    const full = this.fullCheck();
    const fullBreak = full.result && !full.result.ok ? full.result : null;
    if (!walk.ok || !fullBreak) return { ...walk, checkedFrom, full };
    return { ok: false, events: fullBreak.events, firstBadSeq: fullBreak.firstBadSeq, reason: fullBreak.reason, checkedFrom, full };
  }
}
