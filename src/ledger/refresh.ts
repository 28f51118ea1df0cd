/**
 * The projections that an append refreshes from the tables after its rows are written, in its
 * own transaction: counted forecasts, claim scores and their sources' totals, analytics. One
 * place for every path of the group-commit writer (a group, one append at a time, a remote
 * group), so that a projection added here is kept by all of them.
 *
 * A refresh added here must also be named by `refreshNeeded`: a remote group that needs none
 * is written in one batch and never calls `refreshAfterWrite` (src/ledger/remote-commit.ts).
 */
import type { ResultSet, Transaction } from '@libsql/client';
import { analyticsTouchedGiven, refreshAnalytics, refreshAnalyticsFor } from '../db/analytics.js';
import { refreshScoresFor } from '../db/claim-scores.js';
import { claimsTouched, refreshCounted, touchesCounted } from '../db/counted.js';
import type { LedgerEvent } from '../domain/types.js';
import type { TxView } from './view.js';

type Exec = Pick<Transaction, 'execute' | 'batch'>;

/**
 * Refresh what these appended events change. `analytics`: the claims whose analytics they
 * touch, when the caller knows them (else they are read: analyticsClaimsTouched).
 */
export async function refreshAfterWrite(tx: Exec, events: readonly LedgerEvent[], analytics?: ReadonlySet<string>): Promise<void> {
  await refreshCounted(tx, claimsTouched(events));
  await refreshScoresFor(tx, events);
  if (!analytics) await refreshAnalyticsFor(tx, events);
  else if (analytics.size > 0) await refreshAnalytics(tx, analytics);
}

/**
 * `refreshAfterWrite` for a local group, given the group's view: each forecast claim's analytics
 * start day (claim_analytics.start_day, which says whether a forecast moves it) is read once
 * and kept in the view (`startDays`), as the remote writer does, instead of read for every
 * group. A claim whose analytics are refreshed is forgotten there (its start day may move) and
 * read again when next needed. Sound while the view is: the view is reused only at an unchanged
 * chain head, and only a refresh of the claim changes its start day.
 */
export async function refreshAfterGroup(tx: Exec, view: TxView, events: readonly LedgerEvent[]): Promise<void> {
  const unknown = new Set<string>();
  for (const e of events) if (e.type === 'forecast.recorded' && e.claimId !== null && !view.startDays.has(e.claimId)) unknown.add(e.claimId);
  const ids = [...unknown];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rs = await tx.execute({ sql: `SELECT claim_id, start_day FROM claim_analytics WHERE claim_id IN (${part.map(() => '?').join(',')})`, args: part });
    const days = new Map(rs.rows.map((r) => [String(r[0]), Number(r[1])]));
    for (const id of part) view.startDays.set(id, days.get(id) ?? null);
  }
  const { analytics } = refreshNeeded(events, (id) => view.startDays.get(id) ?? null);
  for (const id of analytics) view.startDays.delete(id);
  await refreshAfterWrite(tx, events, analytics);
}

/**
 * Whether `refreshAfterWrite` has anything to do for these events, and the claims whose
 * analytics they touch, given each claim's analytics start day so far (null: none).
 */
export function refreshNeeded(events: readonly LedgerEvent[], startDay: (claimId: string) => number | null): { needed: boolean; analytics: Set<string> } {
  const analytics = analyticsTouchedGiven(events, startDay);
  return { needed: analytics.size > 0 || events.some(touchesCounted), analytics };
}

/** An empty result, for a write whose answer nobody reads (see DeferringTx). */
const NO_ROWS: ResultSet = { columns: [], columnTypes: [], rows: [], rowsAffected: 0, lastInsertRowid: undefined, toJSON: () => ({}) };

type Stmt = Parameters<Exec['execute']>[0];

/**
 * A transaction whose writes wait to travel with the next read, or with the commit: on a
 * remote database each request is a round trip, and a refresh writes after each of its reads.
 * A batch of statements none of which reads (no SELECT or WITH) is held back and answered with
 * empty results at once: callers of `refreshAfterWrite` never read what a write returns. Reads
 * asked for in the same turn of the event loop travel together. The first statements held
 * (`checks`) are the group's head and guard checks.
 */
export class DeferringTx implements Exec {
  private held: Stmt[];
  private sent = false;
  private waiting: Array<{ list: Stmt[]; resolve: (rs: ResultSet[]) => void; reject: (err: unknown) => void }> = [];

  constructor(
    private readonly tx: Transaction,
    first: Stmt[],
    private readonly checks: number,
  ) {
    this.held = [...first];
  }

  async execute(stmt: Stmt): Promise<ResultSet> {
    return (await this.batch([stmt]))[0] as ResultSet;
  }

  batch(stmts: Parameters<Exec['batch']>[0]): Promise<ResultSet[]> {
    const list = stmts as Stmt[];
    if (!list.some(reads)) {
      this.held.push(...list);
      return Promise.resolve(list.map(() => NO_ROWS));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ list, resolve, reject });
      if (this.waiting.length === 1) queueMicrotask(() => this.sendWaiting());
    });
  }

  private sendWaiting(): void {
    const waiting = this.waiting;
    this.waiting = [];
    this.send(waiting.flatMap((w) => w.list)).then(
      (rs) => {
        let at = 0;
        for (const w of waiting) w.resolve(rs.slice(at, (at += w.list.length)));
      },
      (err: unknown) => {
        for (const w of waiting) w.reject(err);
      },
    );
  }

  /**
   * The held writes, then `reads` (what the writes left, for the caller), then COMMIT, in one
   * request: COMMIT runs only if every statement before it succeeded.
   */
  async commit(reads: Stmt[] = []): Promise<ResultSet[]> {
    return (await this.send([...reads, 'COMMIT'])).slice(0, reads.length);
  }

  /** Send the held statements and these (their results); a failure says whose statement failed (HeldFailure). */
  private async send(list: Stmt[]): Promise<ResultSet[]> {
    const held = this.held;
    const first = !this.sent;
    this.held = [];
    this.sent = true;
    try {
      return (await this.tx.batch([...held, ...list])).slice(held.length);
    } catch (err) {
      const index = (err as { statementIndex?: unknown }).statementIndex;
      if (typeof index !== 'number') throw err;
      const commit = list[list.length - 1] === 'COMMIT' && index === held.length + list.length - 1;
      throw new HeldFailure(err, first && index < this.checks ? 'check' : commit ? 'commit' : 'statement');
    }
  }
}

/** A statement of a DeferringTx failed: a check (the race was lost), a statement (nothing is written), or the commit. */
export class HeldFailure extends Error {
  constructor(
    readonly cause: unknown,
    readonly what: 'check' | 'statement' | 'commit',
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

function reads(stmt: Parameters<Exec['execute']>[0]): boolean {
  const sql = typeof stmt === 'string' ? stmt : Array.isArray(stmt) ? String(stmt[0]) : stmt.sql;
  return /^\s*(select|with)\b/i.test(sql);
}
