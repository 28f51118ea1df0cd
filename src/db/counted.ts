import type { InValue, Transaction } from '@libsql/client';
import { countForecast, crowdBriersOfOthers, type ForecastPoint } from '../domain/scoring/index.js';
import type { LedgerEvent } from '../domain/types.js';
import { toIsoInstant } from '../domain/dates.js';
import { forecastingClosesAt } from '../domain/rules.js';
import { multiRowInserts } from './write-ops.js';

type Exec = Pick<Transaction, 'execute' | 'batch'>;

/** An event that can change its claim's counted forecasts: a resolution, a reopening, a retracted forecast. */
export function touchesCounted(e: LedgerEvent): e is Extract<LedgerEvent, { type: 'claim.resolved' | 'claim.reopened' | 'event.retracted' }> {
  return e.type === 'claim.resolved' || e.type === 'claim.reopened' || (e.type === 'event.retracted' && e.payload.targetType === 'forecast');
}

/** Claims whose counted forecasts an event can change (touchesCounted). */
export function claimsTouched(events: readonly LedgerEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (touchesCounted(e)) ids.add(e.payload.claimId);
  return ids;
}

interface ClaimRow {
  kind: string;
  outcome: 0 | 1;
  knownOn: string;
  /** Forecasting closed then: forecasts made at or after it do not count (`made-after-close`). */
  deadline?: string | null;
  forecasts: Map<string, Array<ForecastPoint & { backfilled: boolean }>>;
}

async function loadClaims(tx: Exec, ids: string[]): Promise<Map<string, ClaimRow>> {
  const marks = ids.map(() => '?').join(',');
  const [claims, forecasts] = await tx.batch([
    { sql: `SELECT id, kind, status, known_on, deadline FROM claims WHERE id IN (${marks}) AND status IN ('confirmed', 'refuted')`, args: ids },
    { sql: `SELECT claim_id, source_id, seq, probability, made_at, backfilled FROM forecasts WHERE claim_id IN (${marks}) AND retracted_seq IS NULL`, args: ids },
  ]);
  const out = new Map<string, ClaimRow>();
  for (const r of claims?.rows ?? []) out.set(String(r.id), { kind: String(r.kind), outcome: r.status === 'confirmed' ? 1 : 0, knownOn: String(r.known_on), deadline: r.deadline === null ? null : String(r.deadline), forecasts: new Map() });
  for (const r of forecasts?.rows ?? []) {
    const claim = out.get(String(r.claim_id));
    if (!claim) continue;
    const list = claim.forecasts.get(String(r.source_id)) ?? [];
    list.push({ seq: Number(r.seq), probability: Number(r.probability), madeAt: String(r.made_at), backfilled: Boolean(r.backfilled) });
    claim.forecasts.set(String(r.source_id), list);
  }
  return out;
}

type Point = ForecastPoint & { backfilled: boolean };

/** Both rules' counted forecast for one list of forecasts, or null when none came before knownOn. */
function countBoth(claimId: string, sourceId: string, c: ClaimRow, forecasts: Point[]) {
  const h = { sourceId, claimId, outcome: c.outcome, knownOn: c.knownOn, forecasts };
  const last = countForecast(h, 'last');
  const tw = countForecast(h, 'time-weighted');
  if (!last || !tw) return null;
  return { p_last: last.probability, brier_last: last.brier, log_last: last.logScore, p_tw: tw.probability, brier_tw: tw.brier, log_tw: tw.logScore };
}

/** The counted_forecasts rows of one resolved claim (confirmed or refuted), from its standing forecasts. */
export function countedRows(claimId: string, c: ClaimRow): Array<Record<string, InValue>> {
  const knownOn = toIsoInstant(c.knownOn) ?? c.knownOn;
  const row = (sourceId: string, variant: string, hasBackfilled: number, b: NonNullable<ReturnType<typeof countBoth>>) => ({
    claim_id: claimId, source_id: sourceId, variant, has_backfilled: hasBackfilled, kind: c.kind, known_on: knownOn, outcome: c.outcome,
    p_last: b.p_last, brier_last: b.brier_last, log_last: b.log_last, p_tw: b.p_tw, brier_tw: b.brier_tw, log_tw: b.log_tw,
    crowd_last: null as number | null, crowd_tw: null as number | null,
  });
  const rows: Array<ReturnType<typeof row>> = [];
  const closes = forecastingClosesAt(c.deadline) ?? Infinity;
  for (const [sourceId, all] of c.forecasts) {
    // Made at or after the deadline (recorded before that rule, or before the deadline was moved
    // earlier by an edit): shown as not counted, `made-after-close` (counted-marks.ts).
    const points = closes === Infinity ? all : all.filter((p) => Date.parse(p.madeAt) < closes);
    const both = countBoth(claimId, sourceId, c, points);
    if (!both) continue;
    let backfilled = 0;
    for (const p of points) if (p.backfilled) backfilled++;
    rows.push(row(sourceId, 'all', backfilled > 0 ? 1 : 0, both));
    if (backfilled === 0 || backfilled === points.length) continue;
    const live = countBoth(claimId, sourceId, c, points.filter((p) => !p.backfilled));
    if (live) rows.push(row(sourceId, 'live', 0, live));
  }
  addCrowdTerms(rows);
  return rows;
}

/**
 * The crowd terms of relative Brier on the `all` rows of one claim: each row gets the Brier of
 * the median of the OTHER sources' counted probabilities (null when it is the only source).
 */
function addCrowdTerms(rows: Array<{ variant: string; outcome: 0 | 1; p_last: number; p_tw: number; crowd_last: number | null; crowd_tw: number | null }>): void {
  const all = rows.filter((r) => r.variant === 'all');
  const first = all[0];
  if (!first || all.length < 2) return;
  const last = crowdBriersOfOthers(all.map((r) => r.p_last), first.outcome);
  const tw = crowdBriersOfOthers(all.map((r) => r.p_tw), first.outcome);
  all.forEach((r, i) => {
    r.crowd_last = last[i] ?? null;
    r.crowd_tw = tw[i] ?? null;
  });
}

/** Recompute the counted forecasts of these claims from the forecasts and resolutions tables. */
export async function refreshCounted(tx: Exec, claimIds: Iterable<string>, chunk = 500): Promise<void> {
  const all = [...claimIds];
  for (let i = 0; i < all.length; i += chunk) {
    const ids = all.slice(i, i + chunk);
    const claims = await loadClaims(tx, ids);
    const rows = [...claims].flatMap(([claimId, c]) => countedRows(claimId, c));
    const marks = ids.map(() => '?').join(',');
    await tx.batch([{ sql: `DELETE FROM counted_forecasts WHERE claim_id IN (${marks})`, args: ids }, ...multiRowInserts('counted_forecasts', rows)]);
  }
}

/**
 * Counted forecasts worked out in memory during a bulk append, for claims created in it:
 * their forecasts are collected as they are appended, and the rows are made when the claim
 * is resolved (a resolved claim takes no more forecasts). Any other case (a claim from
 * before, a retraction, a reopening) is left to `refreshCounted` from the tables.
 */
export class BulkCounted {
  private points = new Map<string, ClaimRow['forecasts']>();
  /** The deadline in force of each claim whose forecasts are kept. */
  private deadlines = new Map<string, string | null>();
  rows: Array<Record<string, InValue>> = [];
  handled = new Set<string>();

  /**
   * Claims whose forecasts are kept, at most: the most recently created. An import appends a
   * claim's commands together; a claim left open would otherwise hold its forecasts to the
   * end. A claim forgotten here and resolved later is refreshed from the tables instead.
   */
  constructor(private readonly keep = 10_000) {}

  apply(e: LedgerEvent, kind: () => string | undefined): void {
    if (e.type === 'claim.created') {
      this.points.set(e.payload.id, new Map());
      this.deadlines.set(e.payload.id, e.payload.deadline ?? null);
      if (this.points.size > this.keep) {
        const oldest = this.points.keys().next().value!;
        this.points.delete(oldest);
        this.deadlines.delete(oldest);
      }
    } else if (e.type === 'claim.edited') {
      if (this.points.has(e.payload.claimId) && 'deadline' in e.payload.changes) this.deadlines.set(e.payload.claimId, e.payload.changes.deadline ?? null);
    } else if (e.type === 'forecast.recorded') {
      const bySource = this.points.get(e.payload.claimId);
      // A multiple-choice, numeric or date forecast is never counted as a yes/no one.
      if (!bySource || e.payload.probability === undefined) return;
      const list = bySource.get(e.payload.sourceId) ?? [];
      list.push({ seq: e.seq, probability: e.payload.probability, madeAt: e.payload.madeAt, backfilled: e.payload.backfilled });
      bySource.set(e.payload.sourceId, list);
    } else if (e.type === 'claim.resolved') {
      const bySource = this.points.get(e.payload.claimId);
      const deadline = this.deadlines.get(e.payload.claimId) ?? null;
      this.points.delete(e.payload.claimId);
      this.deadlines.delete(e.payload.claimId);
      const k = kind();
      if (!bySource || !k) return;
      this.handled.add(e.payload.claimId);
      const { outcome, knownOn } = e.payload;
      if (outcome === 'confirmed' || outcome === 'refuted') this.rows.push(...countedRows(e.payload.claimId, { kind: k, outcome: outcome === 'confirmed' ? 1 : 0, knownOn, deadline, forecasts: bySource }));
    } else if (e.claimId !== null && (e.type === 'claim.reopened' || e.type === 'event.retracted')) {
      this.points.delete(e.claimId);
      this.deadlines.delete(e.claimId);
      this.handled.delete(e.claimId);
    }
  }

  /** Write the rows made so far; refresh from the tables every touched claim not handled here. */
  async flush(tx: Exec, events: readonly LedgerEvent[]): Promise<void> {
    const { rows, rest } = this.take(events);
    if (rows.length > 0) await tx.batch(multiRowInserts('counted_forecasts', rows));
    await refreshCounted(tx, rest);
  }

  /**
   * What `flush` writes, for a caller that writes it itself: the rows made so far (insert
   * them first), and the touched claims not handled here (then `refreshCounted` them).
   */
  take(events: readonly LedgerEvent[]): { rows: Array<Record<string, InValue>>; rest: string[] } {
    const rest = [...claimsTouched(events)].filter((id) => !this.handled.has(id));
    const rows = this.rows;
    this.rows = [];
    this.handled.clear();
    return { rows, rest };
  }
}
