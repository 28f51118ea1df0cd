/**
 * The analytics projections (claim_analytics, allegation_entries, analytics_counts, and the
 * claims' first_alleged_on and world_date): recomputed from the projected tables for every
 * claim an append touches, in the append's transaction, after its rows are written (as
 * counted_forecasts is); at the end of a bulk append for the claims it touched; and by
 * `reckon rebuild` for every claim. The counters are changed by the difference between a
 * claim's old and new contributions (src/domain/survival/contributions.ts).
 */
import type { InValue, Transaction } from '@libsql/client';
import { toIsoInstant } from '../domain/dates.js';
import { firstAssertion } from '../domain/claim-view.js';
import { claimContributions, counterDeltas, type ClaimFacts, type Contribution, type EntryFactsRow } from '../domain/survival/contributions.js';
import { DAY_MS, dayNumber, dayText, type ClaimStatus } from '../domain/survival/entries.js';
import type { LedgerEvent } from '../domain/types.js';
import { multiRowInserts } from './write-ops.js';

type Exec = Pick<Transaction, 'execute' | 'batch'>;

const TOUCHING = new Set(['claim.created', 'stance.recorded', 'evidence.recorded', 'claim.resolved', 'claim.reopened', 'event.retracted']);

interface Stored {
  facts: ClaimFacts;
  entries: EntryFactsRow[];
}

interface Loaded extends Stored {
  firstAllegedOn: string | null;
  worldDate: string;
  old: { firstAllegedOn: string | null; worldDate: string | null };
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The earliest of some dates (instants or partial dates), as its day number; null when none is valid. */
function earliestDay(values: unknown[]): number | null {
  let best: number | null = null;
  for (const v of values) {
    const d = v === null || v === undefined ? null : dayNumber(String(v));
    if (d !== null && (best === null || d < best)) best = d;
  }
  return best;
}

/** What the tables say now of these claims (those that exist). */
async function loadCurrent(tx: Exec, ids: string[]): Promise<Map<string, Loaded>> {
  const marks = ids.map(() => '?').join(',');
  const [claims, forecasts, evidence, stances] = await tx.batch([
    { sql: `SELECT id, kind, status, known_on, created_at, opened_at, first_alleged_on, world_date FROM claims WHERE id IN (${marks})`, args: ids },
    // Forecasts of every question type: yes/no ones and the others' (question_forecasts, issue 17).
    {
      sql: `SELECT claim_id, min(made_at) FROM (SELECT claim_id, made_at FROM forecasts WHERE claim_id IN (${marks}) AND retracted_seq IS NULL
            UNION ALL SELECT claim_id, made_at FROM question_forecasts WHERE claim_id IN (${marks}) AND retracted_seq IS NULL) GROUP BY claim_id`,
      args: [...ids, ...ids],
    },
    { sql: `SELECT claim_id, min(date) FROM evidence WHERE claim_id IN (${marks}) AND retracted_seq IS NULL GROUP BY claim_id`, args: ids },
    {
      sql: `SELECT s.claim_id, s.source_id, s.stance, min(s.date), src.type, src.country FROM stances s JOIN sources src ON src.id = s.source_id
            WHERE s.claim_id IN (${marks}) AND s.retracted_seq IS NULL GROUP BY s.claim_id, s.source_id, s.stance`,
      args: ids,
    },
  ]);
  const firstForecast = new Map((forecasts?.rows ?? []).map((r) => [String(r[0]), r[1]]));
  const firstEvidence = new Map((evidence?.rows ?? []).map((r) => [String(r[0]), r[1]]));
  const byClaim = new Map<string, Array<{ sourceId: string; stance: 'asserts' | 'denies'; date: string; type: string; country: string | null }>>();
  for (const r of stances?.rows ?? []) {
    const list = byClaim.get(String(r[0])) ?? [];
    list.push({ sourceId: String(r[1]), stance: String(r[2]) as 'asserts' | 'denies', date: String(r[3]), type: String(r[4]), country: str(r[5]) });
    byClaim.set(String(r[0]), list);
  }
  const out = new Map<string, Loaded>();
  for (const r of claims?.rows ?? []) {
    const id = String(r.id);
    const kind = String(r.kind);
    const status = String(r.status) as ClaimStatus;
    const stanceRows = byClaim.get(id) ?? [];
    const startDay = earliestDay([r.created_at, r.opened_at, firstForecast.get(id), firstEvidence.get(id), ...stanceRows.map((s) => s.date)]) ?? Math.floor(Date.parse(String(r.created_at)) / DAY_MS);
    const entries: EntryFactsRow[] = [];
    if (kind === 'allegation') {
      for (const s of stanceRows) {
        const day = dayNumber(s.date);
        if (day !== null) entries.push({ sourceId: s.sourceId, sourceType: s.type, country: s.country, stance: s.stance, startDay: day });
      }
    }
    // Each (source, stance) row holds its min(date): the earliest, least precise of its day (text order).
    const firstAllegedOn = kind === 'allegation' ? firstAssertion(stanceRows.map((s) => ({ ...s, retracted: false }))) : null;
    const worldDate = firstAllegedOn !== null ? `${dayText(dayNumber(firstAllegedOn) as number)}T00:00:00.000Z` : (toIsoInstant(str(r.opened_at) ?? '') ?? String(r.created_at));
    out.set(id, {
      facts: { kind, startDay, status, knownDay: status === 'open' || r.known_on === null ? null : dayNumber(String(r.known_on)) },
      entries,
      firstAllegedOn,
      worldDate,
      old: { firstAllegedOn: str(r.first_alleged_on), worldDate: str(r.world_date) },
    });
  }
  return out;
}

/** What the analytics tables hold of these claims (their contributions so far). */
async function loadStored(tx: Exec, ids: string[]): Promise<Map<string, Stored>> {
  const marks = ids.map(() => '?').join(',');
  const [claims, entries] = await tx.batch([
    { sql: `SELECT claim_id, kind, start_day, status, known_day FROM claim_analytics WHERE claim_id IN (${marks})`, args: ids },
    { sql: `SELECT claim_id, source_id, stance, source_type, country, start_day FROM allegation_entries WHERE claim_id IN (${marks})`, args: ids },
  ]);
  const out = new Map<string, Stored>();
  for (const r of claims?.rows ?? []) {
    out.set(String(r[0]), { facts: { kind: String(r[1]), startDay: Number(r[2]), status: String(r[3]) as ClaimStatus, knownDay: r[4] === null ? null : Number(r[4]) }, entries: [] });
  }
  for (const r of entries?.rows ?? []) {
    out.get(String(r[0]))?.entries.push({ sourceId: String(r[1]), stance: String(r[2]) as 'asserts' | 'denies', sourceType: String(r[3]), country: str(r[4]), startDay: Number(r[5]) });
  }
  return out;
}

/** Add counter deltas (upsert), then drop the rows they brought to zero. */
async function applyDeltas(tx: Exec, deltas: Map<string, { c: Contribution; delta: number }>): Promise<void> {
  const rows = [...deltas.values()].map(({ c, delta }) => ({ scope: c.scope, key: c.key, stance: c.stance, outcome: c.outcome, day: c.day, n: delta }));
  const statements = multiRowInserts('analytics_counts', rows).map((st) => ({
    sql: `${(st as { sql: string }).sql} ON CONFLICT (scope, key, stance, outcome, day) DO UPDATE SET n = n + excluded.n`,
    args: (st as { args: InValue[] }).args,
  }));
  const lowered = rows.filter((r) => r.n < 0);
  for (let i = 0; i < lowered.length; i += 5000) {
    const part = lowered.slice(i, i + 5000);
    statements.push({
      sql: `DELETE FROM analytics_counts WHERE n = 0 AND (scope, key, stance, outcome, day) IN (VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')})`,
      args: part.flatMap((r) => [r.scope, r.key, r.stance, r.outcome, r.day]),
    });
  }
  if (statements.length > 0) await tx.batch(statements);
}

/** Recompute the analytics projections of these claims from the tables (chunked). */
export async function refreshAnalytics(tx: Exec, claimIds: Iterable<string>, chunk = 500): Promise<void> {
  const all = [...new Set(claimIds)];
  for (let i = 0; i < all.length; i += chunk) {
    const ids = all.slice(i, i + chunk);
    // Together: on a remote database, one request (src/ledger/refresh.ts).
    const [current, stored] = await Promise.all([loadCurrent(tx, ids), loadStored(tx, ids)]);
    const removed: Contribution[] = [];
    const added: Contribution[] = [];
    for (const [, s] of stored) removed.push(...claimContributions(s.facts, s.entries));
    for (const [, c] of current) added.push(...claimContributions(c.facts, c.entries));
    const marks = ids.map(() => '?').join(',');
    const changed = [...current].filter(([, c]) => c.firstAllegedOn !== c.old.firstAllegedOn || c.worldDate !== c.old.worldDate);
    await tx.batch([
      { sql: `DELETE FROM allegation_entries WHERE claim_id IN (${marks})`, args: ids },
      { sql: `DELETE FROM claim_analytics WHERE claim_id IN (${marks})`, args: ids },
      ...multiRowInserts('claim_analytics', [...current].map(([id, c]) => ({ claim_id: id, kind: c.facts.kind, start_day: c.facts.startDay, status: c.facts.status, known_day: c.facts.knownDay }))),
      ...multiRowInserts('allegation_entries', [...current].flatMap(([id, c]) => c.entries.map((e) => ({ claim_id: id, source_id: e.sourceId, stance: e.stance, source_type: e.sourceType, country: e.country, start_day: e.startDay })))),
      ...(changed.length === 0
        ? []
        : [
            {
              sql: `UPDATE claims SET first_alleged_on = v.column2, world_date = v.column3 FROM (VALUES ${changed.map(() => '(?, ?, ?)').join(', ')}) AS v WHERE claims.id = v.column1`,
              args: changed.flatMap(([id, c]) => [id, c.firstAllegedOn, c.worldDate]),
            },
          ]),
    ]);
    await applyDeltas(tx, counterDeltas(removed, added));
  }
}

/**
 * The claims an append's events touch: every event of a claim that can move its dates,
 * stances or outcome; a forecast only when it is dated before the claim's start so far
 * (forecasts are the bulk of writes, and almost all come after their claim's start).
 */
export async function analyticsClaimsTouched(tx: Pick<Exec, 'execute'>, events: readonly LedgerEvent[]): Promise<Set<string>> {
  const maybe = [...forecastDays(events).keys()];
  const start = new Map<string, number>();
  for (let i = 0; i < maybe.length; i += 500) {
    const part = maybe.slice(i, i + 500);
    const rs = await tx.execute({ sql: `SELECT claim_id, start_day FROM claim_analytics WHERE claim_id IN (${part.map(() => '?').join(',')})`, args: part });
    for (const r of rs.rows) start.set(String(r[0]), Number(r[1]));
  }
  return analyticsTouchedGiven(events, (id) => start.get(id) ?? null);
}

/** The earliest day of each claim's forecasts among these events. */
function forecastDays(events: readonly LedgerEvent[]): Map<string, number> {
  const forecasts = new Map<string, number>();
  for (const e of events) {
    if (e.claimId === null || e.type !== 'forecast.recorded') continue;
    const day = dayNumber(e.payload.madeAt);
    if (day !== null) forecasts.set(e.claimId, Math.min(day, forecasts.get(e.claimId) ?? day));
  }
  return forecasts;
}

/**
 * analyticsClaimsTouched, given each claim's start day so far (claim_analytics.start_day; null
 * without a row): the writer of a remote group reads those ahead with the rest of what it needs.
 */
export function analyticsTouchedGiven(events: readonly LedgerEvent[], startDay: (claimId: string) => number | null): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.claimId !== null && TOUCHING.has(e.type)) ids.add(e.claimId);
  for (const [id, day] of forecastDays(events)) {
    const start = ids.has(id) ? null : startDay(id);
    if (!ids.has(id) && (start === null || day < start)) ids.add(id);
  }
  return ids;
}

/** Refresh the analytics of the claims these appended events touch (the group-commit path). */
export async function refreshAnalyticsFor(tx: Exec, events: readonly LedgerEvent[]): Promise<void> {
  const ids = await analyticsClaimsTouched(tx, events);
  if (ids.size > 0) await refreshAnalytics(tx, ids);
}
