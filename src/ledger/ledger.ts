import { randomBytes } from 'node:crypto';
import type { Transaction } from '@libsql/client';
import type { Database } from '../db/client.js';
import { projectEvent } from '../db/projection.js';
import { writeStatements } from '../db/write-ops.js';
import { BulkCounted, touchesCounted } from '../db/counted.js';
import { refreshClaimScores, refreshScoreTotals } from '../db/claim-scores.js';
import { refreshAnalytics } from '../db/analytics.js';
import { refreshAfterGroup, refreshAfterWrite } from './refresh.js';
import type { RuleContext } from '../domain/rules.js';
import type { InstanceRules } from '../domain/instance-rules.js';
import { canonicalJson } from '../domain/canonical.js';
import type { LedgerEvent } from '../domain/types.js';
import { buildEvent, PAYLOAD_TEXT, type Command } from './commands.js';
import { readHead, TxView } from './view.js';
import { bulkClaimId, noKind, openBulkSink } from './bulk-sink.js';
import { BulkBuilder } from './bulk-build.js';
import { rulesEventFor } from './rules-event.js';
import { RemoteWriter, type RemoteStats } from './remote-commit.js';
import { groupNeeds } from './group-reads.js';
import { refusedByGuards, type WriteGuard } from './guards.js';

export type { WriteGuard } from './guards.js';

export interface LedgerOptions {
  minProbability?: number;
  maxProbability?: number;
  /** Recording clock, epoch ms (tests pin it). */
  clock?: () => number;
  /** Largest number of appends committed together. */
  maxBatch?: number;
}

export interface Pending {
  cmd: Command;
  actor: string | null;
  guard?: WriteGuard;
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
  /** Checked inside the transaction before anything is written. */
  guard?: WriteGuard;
  /**
   * Given: a command the rules refuse is reported here and skipped, the append goes on (so
   * that every refusal is found), and nothing is written at the end if any was refused.
   */
  onRefused?: (index: number, err: unknown) => void;
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

/** Entries a warm view may hold before the writer starts a fresh one (bounds its memory). */
const WARM_LIMIT = 50_000;

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
  /** The rules this instance is configured with (recorded by a `rules.set` where they change). */
  /** The probability bounds this instance records new forecasts under (its configured rules). */
  readonly rules: InstanceRules;
  private readonly clock: () => number;
  private readonly maxBatch: number;
  /** Group commit in two requests at most, on a remote database. */
  private readonly remote: RemoteWriter;
  /** What the remote writer has done (groups, tries, lost races); zeros on a `file:` database. */
  get remoteStats(): RemoteStats {
    return { ...this.remote.stats };
  }

  constructor(
    readonly db: Database,
    opts: LedgerOptions = {},
  ) {
    this.min = opts.minProbability ?? 0.01;
    this.max = opts.maxProbability ?? 0.99;
    this.rules = { minProbability: this.min, maxProbability: this.max };
    this.clock = opts.clock ?? Date.now;
    this.maxBatch = opts.maxBatch ?? 256;
    this.remote = new RemoteWriter({ client: db.client, rules: this.rules, context: () => this.context(), oneByOne: (g) => this.commitOneByOne(g), replica: db.kind === 'replica' });
  }

  private context(): Omit<RuleContext, 'seq'> {
    return { now: this.clock(), minProbability: this.min, maxProbability: this.max, newId };
  }

  append(cmd: Command, actor: string | null = null, guard?: WriteGuard): Promise<LedgerEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ cmd, actor, guard, resolve, reject });
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
      // Let requests that arrived during the last commit reach the queue first: a commit
      // blocks the event loop while it waits for the disk, so their sockets are read only
      // now. Wait while the queue still grows (a few turns of the loop at most).
      for (let turns = 0, seen = -1; turns < 4 && this.queue.length !== seen && this.queue.length < this.maxBatch; turns++) {
        seen = this.queue.length;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
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
    const tx = await this.db.client.transaction('write');
    // The automatic checkpoint, on the transaction's own connection (whichever the pool gave):
    // off while a background thread checkpoints the WAL (a commit should not stop to do it),
    // on (every 1,000 pages) if there is none or it has ended.
    if (this.db.local) {
      try {
        await tx.execute(`PRAGMA wal_autocheckpoint=${this.db.backgroundCheckpoints ? 0 : 1000}`);
      } catch (err) {
        tx.close();
        throw err;
      }
    }
    return tx;
  }

  /**
   * The view left by the last group this writer committed. Its cached claims and sources stay
   * valid for the next group exactly when the chain head is still the one it ends at (nothing
   * else appended in between: another instance, the CLI, a bulk append).
   */
  private warm: TxView | null = null;

  /**
   * Commit a group: decide every append in memory against the view (a refused append is
   * rejected alone and leaves no trace), write the accepted events and their projections with
   * multi-row statements, and commit once. If writing fails, the group is retried one append at
   * a time, each in its own savepoint, so that only the failing append is refused. A failed
   * COMMIT is not retried: its outcome is not known (on a server, the reply may be what was
   * lost), and deciding the appends again could record them twice. They are refused.
   */
  private async commitGroup(group: Pending[]): Promise<void> {
    if (!this.db.local && group.every((p) => p.guard?.holds !== undefined || !p.guard)) return this.remote.commit(group);
    // Anything else writes in a transaction of its own, after the remote groups still in flight.
    await this.remote.stepAside();
    let tx: Transaction | undefined;
    const accepted: Array<[Pending, LedgerEvent]> = [];
    const settledByRules = new Set<Pending>();
    let committing = false;
    try {
      tx = await this.begin();
      const head = await readHead(tx);
      const warm = this.warm;
      this.warm = null;
      let view: TxView;
      if (warm && warm.head.seq === head.seq && warm.head.hash === head.hash && warm.size() < WARM_LIMIT) {
        view = warm;
        view.rebind(tx);
      } else view = new TxView(tx, head);
      for (const p of await refusedByGuards(tx, group)) settledByRules.add(p);
      const needs = groupNeeds(group.map((p) => p.cmd));
      await view.prefetch(needs.claims, needs.sources);
      let pending: LedgerEvent[] = [];
      const write = async () => {
        if (pending.length === 0) return;
        await tx!.batch(writeStatements(pending, pending.map(projectEvent), true, (e) => PAYLOAD_TEXT.get(e)));
        pending = [];
      };
      const open = group.filter((p) => !settledByRules.has(p));
      const rules = await rulesEventFor(view, open.map((p) => p.cmd), this.rules, this.context(), open[0]?.actor ?? null);
      if (rules) pending.push(rules);
      for (const p of group) {
        if (settledByRules.has(p)) continue;
        // A retraction reads its target from the tables: write what this group has so far.
        if (p.cmd.type === 'event.retract') await write();
        let event: LedgerEvent;
        try {
          event = await buildEvent(view, p.cmd, this.context(), p.actor);
        } catch (err) {
          settledByRules.add(p);
          p.reject(err);
          continue;
        }
        view.apply(event);
        pending.push(event);
        accepted.push([p, event]);
      }
      await write();
      await refreshAfterGroup(tx, view, accepted.map(([, e]) => e));
      committing = true;
      await tx.commit();
      this.warm = view;
      for (const [p, e] of accepted) p.resolve(e);
      return;
    } catch (err) {
      await tx?.rollback().catch(() => undefined);
      if (committing) {
        for (const p of group) if (!settledByRules.has(p)) p.reject(err);
        return;
      }
    } finally {
      tx?.close();
    }
    // Writing the group failed (a storage error): retry each append alone.
    await this.commitOneByOne(group.filter((p) => !settledByRules.has(p)));
  }

  private async commitOneByOne(group: Pending[]): Promise<void> {
    let tx: Transaction | undefined;
    const done: Array<[Pending, LedgerEvent]> = [];
    const refused = new Set<Pending>();
    try {
      tx = await this.begin();
      const view = new TxView(tx, await readHead(tx));
      for (const p of await refusedByGuards(tx, group)) refused.add(p);
      const open = group.filter((p) => !refused.has(p));
      const rules = await rulesEventFor(view, open.map((p) => p.cmd), this.rules, this.context(), open[0]?.actor ?? null);
      if (rules) await tx.batch(writeStatements([rules], [projectEvent(rules)], true, (e) => PAYLOAD_TEXT.get(e)));
      for (const p of group) {
        if (refused.has(p)) continue;
        let open = false;
        try {
          const event = await buildEvent(view, p.cmd, this.context(), p.actor);
          // One round trip for the savepoint and the writes (it matters on a remote server).
          open = true;
          await tx.batch([{ sql: 'SAVEPOINT append', args: [] }, ...writeStatements([event], [projectEvent(event)], true, (e) => PAYLOAD_TEXT.get(e))]);
          await refreshAfterWrite(tx, [event]);
          await tx.execute('RELEASE append');
          view.apply(event);
          done.push([p, event]);
        } catch (err) {
          // If this rollback fails the whole group is abandoned (outer catch): never commit a half-write.
          if (open) await tx.batch([{ sql: 'ROLLBACK TO append', args: [] }, { sql: 'RELEASE append', args: [] }]);
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
    await this.remote.stepAside();
    // The one transaction: on a writer thread of its own for a file database (this thread
    // decides and hashes the next chunk while the last one is written), else in this thread.
    const sink = await openBulkSink(this.db, () => this.begin());
    const chunk = opts.chunk ?? sink.chunk;
    const counted = new BulkCounted();
    // Claims whose Metaculus scores the append changes: scored once, at the end of the transaction.
    const scored = new Set<string>();
    // Claims whose analytics the append may change: refreshed once, at the end of the transaction.
    const analysed = new Set<string>();
    const builder = new BulkBuilder();
    let index = 0;
    let refused = 0;
    let last: LedgerEvent | null = null;
    try {
      if (opts.guard) {
        const refusal = await opts.guard.check(sink.tx).catch((err: unknown) => err);
        if (refusal) throw refusal;
      }
      const view = new TxView(sink.tx, await readHead(sink.tx));
      await view.preloadClaimIds();
      const flush = async () => {
        if (sink.pending > 0) {
          await sink.flush(counted);
          view.forgetWritten();
        }
        opts.onProgress?.(index);
      };
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
        // A full chunk is written where one claim's commands end, so that the claim being
        // appended stays in the view (no reading it back); a claim longer than a chunk is split.
        else if (sink.pending >= chunk && (sink.pending >= 2 * chunk || bulkClaimId(cmd) !== last?.claimId)) await flush();
        const rules = index === 0 ? await rulesEventFor(view, [cmd], this.rules, this.context(), opts.actor ?? null) : null;
        if (rules) sink.add((last = rules), PAYLOAD_TEXT.get(rules) ?? canonicalJson(rules.payload));
        let event: LedgerEvent;
        try {
          const built = builder.build(view, cmd, this.context(), opts.actor ?? null);
          event = built instanceof Promise ? await built : built;
        } catch (err) {
          if (!opts.onRefused) throw new BulkError(index, err);
          opts.onRefused(index++, err);
          refused++;
          continue;
        }
        last = event;
        view.apply(event);
        counted.apply(event, event.type === 'claim.resolved' ? () => view.cachedClaim(event.claimId!)?.kind : noKind);
        if (touchesCounted(event)) scored.add(event.payload.claimId);
        if (event.claimId !== null) analysed.add(event.claimId);
        sink.add(event, builder.payloadText);
        index++;
      }
      await flush();
      if (scored.size > 0 && refused === 0) await refreshScoreTotals(sink.tx, await refreshClaimScores(sink.tx, scored));
      if (analysed.size > 0 && refused === 0) await refreshAnalytics(sink.tx, analysed);
      await sink.end(!opts.dryRun && refused === 0);
      return { count: index - refused, head: refused === 0 ? last : null };
    } catch (err) {
      await sink.abort();
      throw err;
    }
  }
}
