import { randomBytes } from 'node:crypto';
import type { Transaction } from '@libsql/client';
import type { Database } from '../db/client.js';
import { projectEvent, type Ops } from '../db/projection.js';
import { writeStatements } from '../db/write-ops.js';
import { BulkCounted, claimsTouched, refreshCounted } from '../db/counted.js';
import type { RuleContext } from '../domain/rules.js';
import type { LedgerEvent } from '../domain/types.js';
import { buildEvent, PAYLOAD_TEXT, type Command } from './commands.js';
import { readHead, TxView } from './view.js';

export interface LedgerOptions {
  minProbability?: number;
  maxProbability?: number;
  /** Recording clock, epoch ms (tests pin it). */
  clock?: () => number;
  /** Largest number of appends committed together. */
  maxBatch?: number;
}

interface Pending {
  cmd: Command;
  actor: string | null;
  resolve: (e: LedgerEvent) => void;
  reject: (err: unknown) => void;
}

export interface BulkOptions {
  actor?: string | null;
  /** Validate and write everything, then roll back. */
  dryRun?: boolean;
  /** Called after each flushed chunk with the number of commands done. */
  onProgress?: (done: number) => void;
  /** Events per flush (multi-row INSERTs). */
  chunk?: number;
}

/** A command that failed inside a bulk append, with its position in the input. */
export class BulkError extends Error {
  constructor(
    readonly index: number,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'BulkError';
  }
}

function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0')}`;
}

/**
 * The one writer. Appends are queued; the writer commits together the appends that
 * arrived while the previous commit was in flight (group commit). Each append is decided
 * against the state left by the ones before it, gets its own sequence number and hash, and
 * runs inside its own savepoint so a failing append is refused alone. A caller's promise
 * settles only after the transaction holding its event has committed.
 */
export class Ledger {
  private queue: Pending[] = [];
  /** The writer's turn: group commits and bulk appends run one after another. */
  private tail: Promise<unknown> = Promise.resolve();
  private scheduled = false;
  private readonly min: number;
  private readonly max: number;
  private readonly clock: () => number;
  private readonly maxBatch: number;

  constructor(
    readonly db: Database,
    opts: LedgerOptions = {},
  ) {
    this.min = opts.minProbability ?? 0.01;
    this.max = opts.maxProbability ?? 0.99;
    this.clock = opts.clock ?? Date.now;
    this.maxBatch = opts.maxBatch ?? 256;
  }

  private context(): Omit<RuleContext, 'seq'> {
    return { now: this.clock(), minProbability: this.min, maxProbability: this.max, newId };
  }

  append(cmd: Command, actor: string | null = null): Promise<LedgerEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ cmd, actor, resolve, reject });
      this.schedule();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    void this.exclusive(async () => {
      // Appends arriving from here on wait for the next group.
      this.scheduled = false;
      try {
        await this.commitGroup(this.queue.splice(0, this.maxBatch));
      } finally {
        this.schedule();
      }
    });
  }

  private async begin(): Promise<Transaction> {
    // synchronous may not change inside a transaction: set it on the pooled connection first.
    // The pool hands the connection just released straight to the transaction that follows.
    if (this.db.local) await this.db.client.execute(`PRAGMA synchronous=${this.db.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    return this.db.client.transaction('write');
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    let tx: Transaction | undefined;
    const done: Array<[Pending, LedgerEvent]> = [];
    const refused = new Set<Pending>();
    try {
      tx = await this.begin();
      const view = new TxView(tx, await readHead(tx));
      for (const p of group) {
        const snap = view.snapshot();
        let open = false;
        try {
          const event = await buildEvent(view, p.cmd, this.context(), p.actor);
          // One round trip for the savepoint and the writes (it matters on a remote server).
          open = true;
          await tx.batch([{ sql: 'SAVEPOINT append', args: [] }, ...writeStatements([event], [projectEvent(event)], true, (e) => PAYLOAD_TEXT.get(e))]);
          await refreshCounted(tx, claimsTouched([event]));
          await tx.execute('RELEASE append');
          view.apply(event);
          done.push([p, event]);
        } catch (err) {
          // If this rollback fails the whole group is abandoned (outer catch): never commit a half-write.
          if (open) await tx.batch([{ sql: 'ROLLBACK TO append', args: [] }, { sql: 'RELEASE append', args: [] }]);
          view.restore(snap);
          refused.add(p);
          p.reject(err);
        }
      }
      await tx.commit();
      for (const [p, e] of done) p.resolve(e);
    } catch (err) {
      for (const p of group) if (!refused.has(p)) p.reject(err);
    } finally {
      tx?.close();
    }
  }

  /**
   * Append many commands in ONE transaction: all land or none do (imports, the demo case).
   * Rows are flushed in chunks with multi-row INSERTs. Waits for queued appends first.
   */
  appendAll(cmds: Iterable<Command> | AsyncIterable<Command>, opts: BulkOptions = {}): Promise<{ count: number; head: LedgerEvent | null }> {
    return this.exclusive(() => this.bulk(cmds, opts));
  }

  private async bulk(cmds: Iterable<Command> | AsyncIterable<Command>, opts: BulkOptions) {
    const chunk = opts.chunk ?? 5000;
    const tx = await this.begin();
    // A larger page cache for this connection: bulk inserts touch many index pages.
    if (this.db.local) await tx.execute('PRAGMA cache_size = -8192');
    const view = new TxView(tx, await readHead(tx));
    await view.preloadClaimIds();
    const counted = new BulkCounted();
    let events: LedgerEvent[] = [];
    let ops: Ops[] = [];
    let index = 0;
    let last: LedgerEvent | null = null;
    const flush = async () => {
      if (events.length > 0) {
        await tx.batch(writeStatements(events, ops, true, (e) => PAYLOAD_TEXT.get(e)));
        await counted.flush(tx, events);
        view.forgetWritten();
      }
      events = [];
      ops = [];
      opts.onProgress?.(index);
    };
    try {
      const iterator = (Symbol.asyncIterator in cmds ? cmds[Symbol.asyncIterator]() : cmds[Symbol.iterator]()) as AsyncIterator<Command> | Iterator<Command>;
      for (;;) {
        let step: IteratorResult<Command>;
        try {
          step = await iterator.next();
        } catch (err) {
          // The input itself refused this item (an importer's check): report its position.
          throw new BulkError(index, err);
        }
        if (step.done) break;
        const cmd = step.value;
        // A retraction reads its target from the tables: write what is pending first.
        if (cmd.type === 'event.retract' || (cmd.type === 'event.import' && cmd.event.type === 'event.retracted')) await flush();
        try {
          last = await buildEvent(view, cmd, this.context(), opts.actor ?? null);
        } catch (err) {
          throw new BulkError(index, err);
        }
        view.apply(last);
        const event = last;
        counted.apply(event, () => (event.claimId ? view.cachedClaim(event.claimId)?.kind : undefined));
        events.push(last);
        ops.push(projectEvent(last));
        index++;
        if (events.length >= chunk) await flush();
      }
      await flush();
      if (opts.dryRun) await tx.rollback();
      else await tx.commit();
      return { count: index, head: last };
    } catch (err) {
      await tx.rollback().catch(() => undefined);
      throw err;
    } finally {
      tx.close();
    }
  }
}
