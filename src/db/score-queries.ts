/**
 * Reads of the Metaculus score projections (claim_scores, claim_crowd_scores,
 * source_score_totals; see src/db/claim-scores.ts) for the claim, source and leaderboard
 * routes and the CLI. Sums are over one row per resolved claim and source.
 */
import type { Client, InValue } from '@libsql/client';
import { parseInstant } from '../domain/dates.js';
import { binaryCrowd, spotBinaryClaim, type AggregateEntry, type SourceScore } from '../domain/scoring/index.js';
import { claimWindow, loadBinaryForecasts } from './claim-scores.js';
import { clientRows, type ReadRows, type ReadStatement } from './fast-read.js';
import { periodStatement, periodSumsOf } from './score-period-read.js';

/** Filters of source scores and leaderboards: a tag, and the resolution's knownOn from (inclusive) to (exclusive), ISO instants. */
export interface PeriodFilters {
  tag?: string;
  from?: string;
  to?: string;
}

/** Filters from a query (ISO dates or date-times, already validated): `to` given as a date includes that whole day. */
export function periodFilters(q: { tag?: string; from?: string; to?: string }): PeriodFilters {
  const at = (v: string) => new Date(parseInstant(v) as number).toISOString();
  const to = q.to === undefined ? undefined : q.to.length === 10 ? new Date((parseInstant(q.to) as number) + 86_400_000).toISOString() : at(q.to);
  return { tag: q.tag, from: q.from === undefined ? undefined : at(q.from), to };
}

export interface ScoreSums {
  questions: number;
  baseline: number;
  peer: number;
  coverage: number;
}

export interface ClaimScoreRow {
  id: string;
  status: string;
  openedAt: string;
  deadline: string | null;
  knownOn: string | null;
  window: ReturnType<typeof claimWindow>;
}

const HEAD_COLUMNS = ['id', 'status', 'opened_at', 'created_at', 'deadline', 'known_on'] as const;

/** A claim's status and window (claimScoreHeadOf reads its rows). */
export const claimScoreHeadStatement = (id: string): ReadStatement => ({ sql: `SELECT ${HEAD_COLUMNS.join(', ')} FROM claims WHERE id = ?`, args: [id] });

/** The claim from claimScoreHeadStatement's rows, or null when there is no such claim. */
export function claimScoreHeadOf(read: unknown[][]): ClaimScoreRow | null {
  const v = read[0];
  if (!v) return null;
  const r = Object.fromEntries(HEAD_COLUMNS.map((c, i) => [c, v[i]])) as Record<(typeof HEAD_COLUMNS)[number], unknown>;
  return {
    id: String(r.id),
    status: String(r.status),
    openedAt: String(r.opened_at ?? r.created_at),
    deadline: r.deadline === null ? null : String(r.deadline),
    knownOn: r.known_on === null ? null : String(r.known_on),
    window: claimWindow(r),
  };
}

/** A scored claim's rows from the projection: each source (by id), then the crowd (claimScoresOf reads them). */
export const claimScoresStatements = (id: string): [ReadStatement, ReadStatement] => [
  { sql: 'SELECT source_id, baseline, peer, coverage FROM claim_scores WHERE claim_id = ? ORDER BY source_id', args: [id] },
  { sql: 'SELECT baseline, coverage FROM claim_crowd_scores WHERE claim_id = ?', args: [id] },
];

/** Each source's scores (by id) and the crowd's (null when not scored) from claimScoresStatements' rows. */
export function claimScoresOf(rows: unknown[][], crowd: unknown[][]): { sources: SourceScore[]; crowd: { baseline: number; coverage: number } | null } {
  const c = crowd[0];
  return {
    sources: rows.map(([sourceId, baseline, peer, coverage]) => ({ sourceId: String(sourceId), baseline: Number(baseline), peer: Number(peer), coverage: Number(coverage) })),
    crowd: c ? { baseline: Number(c[0]), coverage: Number(c[1]) } : null,
  };
}

/** Spot scores of a resolved binary claim at `atSeconds`, computed from its forecasts. */
export async function claimSpotScores(client: Pick<Client, 'execute'>, head: ClaimScoreRow, atSeconds: number) {
  if (!head.window || !(head.window.scheduledCloseAt > head.window.openedAt)) return { sources: [], crowd: null };
  const forecasts = (await loadBinaryForecasts(client, [head.id])).get(head.id) ?? [];
  return spotBinaryClaim(forecasts, atSeconds, { ...head.window, resolutionBucket: head.status === 'confirmed' ? 1 : 0 });
}

/** The claim's crowd history (recency-weighted median of the sources the crowd counts). */
export async function claimAggregate(client: Pick<Client, 'execute'>, head: ClaimScoreRow): Promise<AggregateEntry[]> {
  const forecasts = (await loadBinaryForecasts(client, [head.id])).get(head.id) ?? [];
  const openedAt = head.window?.openedAt ?? (Date.parse(head.openedAt) || 0) / 1000;
  return binaryCrowd(forecasts, openedAt, head.window?.actualCloseAt ?? null);
}

function where(f: PeriodFilters): { sql: string; args: InValue[] } {
  const parts: string[] = [];
  const args: InValue[] = [];
  if (f.from) parts.push('known_on >= ?'), args.push(f.from);
  if (f.to) parts.push('known_on < ?'), args.push(f.to);
  if (f.tag) parts.push('claim_id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)'), args.push(f.tag);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

const filtered = (f: PeriodFilters) => Boolean(f.tag || f.from || f.to);

function sums(r: Record<string, unknown>): ScoreSums {
  return { questions: Number(r.questions), baseline: Number(r.baseline), peer: Number(r.peer), coverage: Number(r.coverage) };
}

const AGGREGATES = 'count(*) AS questions, ifnull(sum(c.baseline), 0) AS baseline, ifnull(sum(c.peer), 0) AS peer, ifnull(sum(c.coverage), 0) AS coverage';

/**
 * The filtered sums, by a plan that reads only the rows that match: with a tag, from the
 * tag's claims to their rows (primary key); with a period only, for each source a range of
 * claim_scores_source_idx (source, knownOn) — no scan of every row, no sort.
 */
function filteredSums(f: PeriodFilters, sourceId?: string): { sql: string; args: InValue[] } {
  const period: string[] = [];
  const args: InValue[] = [];
  if (f.from) period.push('c.known_on >= ?'), args.push(f.from);
  if (f.to) period.push('c.known_on < ?'), args.push(f.to);
  if (sourceId !== undefined) period.push('c.source_id = ?'), args.push(sourceId);
  const and = period.map((p) => ` AND ${p}`).join('');
  if (f.tag) {
    return { sql: `SELECT c.source_id, ${AGGREGATES} FROM claim_tags t JOIN claim_scores c ON c.claim_id = t.claim_id WHERE t.tag = ?${and} GROUP BY c.source_id`, args: [f.tag, ...args] };
  }
  return { sql: `SELECT s.id AS source_id, ${AGGREGATES} FROM sources s JOIN claim_scores c INDEXED BY claim_scores_source_idx ON c.source_id = s.id${and} GROUP BY s.id`, args };
}

/**
 * A period's sums without a tag, from claim_score_periods (src/db/score-period-read.ts): the same
 * doubles as filteredSums, proved per source; the few sources not proved are summed row by row
 * as before. Null when the period holds no whole day (its rows are then few): filteredSums.
 *
 * One answer is one state of the database: the rows of the sources not proved are read in one
 * snapshot with the projection read again (a resolution landing after the first read could
 * otherwise show in some sources' sums and not in others'), and the sums are those of that
 * second read; should it leave another source unproved (the database moved in between), the
 * two are read again with that source too. Nothing to sum by rows: one read, one request.
 */
async function periodSums(f: PeriodFilters, rows: ReadRows, sourceId?: string): Promise<Map<string, ScoreSums> | null> {
  if (f.tag || !(f.from || f.to)) return null;
  const statement = periodStatement(f.from, f.to, sourceId);
  if (!statement) return null;
  let read = periodSumsOf(await rows(statement.sql, statement.args));
  const summed = new Set<string>();
  while (read.unproven.some((id) => !summed.has(id))) {
    for (const id of read.unproven) summed.add(id);
    const ids = [...summed];
    const [again, ...byRows] = await rows.batch([statement, ...ids.map((id) => filteredSums(f, id))]);
    read = periodSumsOf(again ?? []);
    const out = new Map(read.sums);
    ids.forEach((id, i) => {
      const r = byRows[i]?.[0];
      if (r && read.unproven.includes(id)) out.set(id, sums({ questions: r[1], baseline: r[2], peer: r[3], coverage: r[4] }));
    });
    read = { sums: out, unproven: read.unproven.filter((id) => !summed.has(id)) };
  }
  if (summed.size === 0) return read.sums;
  return new Map([...read.sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Every source's sums (sources with at least one scored question): unfiltered from
 * source_score_totals, over a period from claim_score_periods, with a tag from claim_scores.
 */
export async function scoreSumsBySource(client: Client, f: PeriodFilters, rows: ReadRows = clientRows(client)): Promise<Map<string, ScoreSums>> {
  const period = await periodSums(f, rows);
  if (period) return period;
  const rs = filtered(f)
    ? await client.execute(filteredSums(f))
    : await client.execute('SELECT source_id, questions, baseline_sum AS baseline, peer_sum AS peer, coverage_sum AS coverage FROM source_score_totals');
  return new Map(rs.rows.map((r) => [String(r.source_id), sums(r)]));
}

/** One source's sums (zero questions when it has none). */
export async function sourceScoreSums(client: Client, sourceId: string, f: PeriodFilters, rows: ReadRows = clientRows(client)): Promise<ScoreSums> {
  const none = { questions: 0, baseline: 0, peer: 0, coverage: 0 };
  const period = await periodSums(f, rows, sourceId);
  if (period) return period.get(sourceId) ?? none;
  const rs = filtered(f)
    ? await client.execute(filteredSums(f, sourceId))
    : await client.execute({ sql: 'SELECT questions, baseline_sum AS baseline, peer_sum AS peer, coverage_sum AS coverage FROM source_score_totals WHERE source_id = ?', args: [sourceId] });
  const r = rs.rows[0];
  return r ? sums(r) : none;
}

/** Every scored claim × source row (the CSV export of scores), in claim then source order. */
export async function allClaimScores(client: Client, f: PeriodFilters) {
  const w = where(f);
  const rs = await client.execute({ sql: `SELECT claim_id, source_id, known_on, baseline, peer, coverage FROM claim_scores ${w.sql} ORDER BY claim_id, source_id`, args: w.args });
  return rs.rows.map((r) => ({ claimId: String(r.claim_id), sourceId: String(r.source_id), knownOn: String(r.known_on), baseline: Number(r.baseline), peer: Number(r.peer), coverage: Number(r.coverage) }));
}
