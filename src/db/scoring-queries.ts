import type { Client, InValue } from '@libsql/client';
import { CompensatedSum, type ProbabilityGroup, type Rule } from '../domain/scoring/index.js';
import { clientRows, type ReadRows, type ReadStatement } from './fast-read.js';
import { PROJECTION_EPOCH } from './schema.js';

export interface ScoreFilters {
  source?: string;
  tag?: string;
  kind?: string;
  /** Resolution date range, as ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  rule: Rule;
  backfilled: 'include' | 'exclude';
  /** Only questions whose scheduled close (deadline, else check-by) is at or before this ISO instant. */
  closedBy?: string;
}

/** Columns of the chosen rule. */
export function ruleColumns(rule: Rule) {
  return rule === 'last' ? { p: 'p_last', brier: 'brier_last', log: 'log_last' } : { p: 'p_tw', brier: 'brier_tw', log: 'log_tw' };
}

/** Backfilled left out: the `live` rows, and the `all` rows of pairs that had no backfilled forecast. */
const VARIANT = { include: "variant = 'all'", exclude: "(variant = 'live' OR (variant = 'all' AND has_backfilled = 0))" };

function whereOf(f: ScoreFilters): { sql: string; args: InValue[] } {
  const where = [VARIANT[f.backfilled]];
  const args: InValue[] = [];
  if (f.source) where.push('source_id = ?'), args.push(f.source);
  if (f.kind) where.push('kind = ?'), args.push(f.kind);
  if (f.from) where.push('known_on >= ?'), args.push(f.from);
  if (f.to) where.push('known_on < ?'), args.push(f.to);
  if (f.tag) where.push('claim_id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)'), args.push(f.tag);
  if (f.closedBy) where.push(`claim_id IN (${CLOSED_BY})`), args.push(f.closedBy);
  return { sql: where.join(' AND '), args };
}

/** Claims whose scheduled close has passed by an instant (julianday reads offsets and bare dates). */
const CLOSED_BY = 'SELECT id FROM claims WHERE due_at IS NOT NULL AND julianday(due_at) <= julianday(?)';

/** How many questions `closedBy` leaves out of calibration: those the other filters keep whose scheduled close has not passed. */
export function questionsLeftOutStatement(f: ScoreFilters & { closedBy: string }): ReadStatement {
  const w = whereOf({ ...f, closedBy: undefined });
  return { sql: `SELECT count(DISTINCT claim_id) AS n FROM counted_forecasts WHERE ${w.sql} AND claim_id NOT IN (${CLOSED_BY})`, args: [...w.args, f.closedBy] };
}

/**
 * Counted forecasts grouped by exact probability. Unfiltered, by one source or by one tag (the
 * calibrations asked for most), under either rule and backfilled in or out: read from their
 * projection (calibration_groups, one row per probability); otherwise one indexed aggregate.
 */
export function calibrationGroupsStatement(f: ScoreFilters): ReadStatement {
  if (!f.kind && !f.from && !f.to && !f.closedBy && !(f.tag && f.source)) {
    const [scope, key] = f.tag ? ['tag', f.tag] : f.source ? ['source', f.source] : ['all', ''];
    return {
      sql: 'SELECT probability, n, ones, brier_hi, brier_lo, log_hi, log_lo FROM calibration_groups WHERE scope = ? AND key = ? AND rule = ? AND mode = ? ORDER BY probability',
      args: [scope, key, f.rule, f.backfilled],
    };
  }
  const w = whereOf(f);
  const c = ruleColumns(f.rule);
  // A tag or a source: its own rows, found by claim (the primary key) or by source, not by a scan
  // of the probability-ordered index that SQLite picks otherwise (the rows of every source).
  const from = f.tag ? 'counted_forecasts INDEXED BY sqlite_autoindex_counted_forecasts_1' : f.source ? 'counted_forecasts INDEXED BY counted_source_idx' : 'counted_forecasts';
  return {
    sql: `SELECT ${c.p} AS probability, count(*) AS n, sum(outcome) AS ones, sum(${c.brier}) AS sb, sum(${c.log}) AS sl
          FROM ${from} WHERE ${w.sql} GROUP BY ${c.p}`,
    args: w.args,
  };
}

/** The groups from calibrationGroupsStatement's rows (the projection's carry their sums in fixed point). */
export function calibrationGroupsOf(read: unknown[][]): ProbabilityGroup[] {
  return read.map((r) => {
    const [p, n, ones] = r;
    const sums = r.length === 7 ? { sumBrier: sumFromFixedPoint(Number(r[3]), Number(r[4])), sumLog: sumFromFixedPoint(Number(r[5]), Number(r[6])) } : { sumBrier: Number(r[3]), sumLog: Number(r[4]) };
    return { probability: Number(p), count: Number(n), ones: Number(ones), ...sums };
  });
}

export async function calibrationGroups(client: Client, f: ScoreFilters, rows: ReadRows = clientRows(client)): Promise<ProbabilityGroup[]> {
  const { sql, args } = calibrationGroupsStatement(f);
  return calibrationGroupsOf(await rows(sql, args));
}

/**
 * The order in which the former track-record query (countedOnSharedClaims) met a source's rows:
 * SQLite ran it as a scan of counted_tw_idx. Plain sums depend on the order of their terms in
 * the last bits, so keeping it keeps every published number unchanged.
 */
const SUMMATION_ORDER = 'p_tw, has_backfilled, outcome, brier_tw, log_tw, rowid';

/**
 * A source's counted forecasts (variant `all`) as [Brier, log score, crowd term or null] under
 * the rule, in SUMMATION_ORDER: one range of counted_source_sum_idx (the source's own rows,
 * already in that order but for ties, sorted by rowid), not a scan of every source's rows.
 */
export function forecastTermsStatement(sourceId: string, rule: Rule): ReadStatement {
  const c = ruleColumns(rule);
  const crowd = rule === 'last' ? 'crowd_last' : 'crowd_tw';
  return {
    sql: `SELECT ${c.brier}, ${c.log}, ${crowd} FROM counted_forecasts INDEXED BY counted_source_sum_idx
     WHERE source_id = ? AND variant = 'all' ORDER BY ${SUMMATION_ORDER}`,
    args: [sourceId],
  };
}

/** forecastTermsStatement's rows, read. */
export function sourceForecastTerms(sourceId: string, rule: Rule, rows: ReadRows): Promise<unknown[][]> {
  const { sql, args } = forecastTermsStatement(sourceId, rule);
  return rows(sql, args);
}

/**
 * A source's forecast scores from its own counted forecasts (variant `all`), each carrying its
 * claim's crowd term: count, mean Brier and log score, and relative Brier over the shared
 * claims (those another source has a counted forecast on too: crowd term not null). Summed
 * as the track record did when it read every counted forecast on the source's claims: the
 * means as plain running sums, relative Brier as relativeBrier does (CompensatedSum of the
 * source's Brier and of the crowd terms), over the rows in the order that read met them —
 * the same numbers to the last bit, from one row per claim instead of one per claim and source.
 */
export async function sourceForecastScores(client: Client, sourceId: string, rule: Rule, rows: ReadRows = clientRows(client)) {
  return forecastScoresOf(await sourceForecastTerms(sourceId, rule, rows));
}

/** The forecast scores (see sourceForecastScores) from forecastTermsStatement's rows. */
export function forecastScoresOf(read: unknown[][]) {
  let count = 0;
  let sumBrier = 0;
  let sumLog = 0;
  let shared = 0;
  const mine = new CompensatedSum();
  const others = new CompensatedSum();
  for (const [b, l, cb] of read) {
    const brier = Number(b);
    count++;
    sumBrier += brier;
    sumLog += Number(l);
    if (cb === null || cb === undefined) continue;
    shared++;
    mine.add(brier);
    others.add(Number(cb));
  }
  return {
    count,
    brier: count ? sumBrier / count : null,
    logScore: count ? sumLog / count : null,
    relativeBrier: shared ? mine.value() / shared - others.value() / shared : null,
    sharedClaims: shared,
  };
}

export type SourceForecastScores = Awaited<ReturnType<typeof sourceForecastScores>>;

/**
 * The version of everything scored (counted_forecasts): the latest resolution and the latest
 * reopening, two index lookups. Counted forecasts exist only for resolved claims and are made
 * from the resolution and the forecasts standing then; a resolved claim takes no new forecast
 * and no retraction of one (it must be reopened first), so they change only when a claim is
 * resolved or reopened — and then this changes; and with it the projection epoch, which a
 * rebuild of the projections increments.
 */
export const SCORING_VERSION: ReadStatement = { sql: `SELECT (SELECT max(seq) FROM resolutions), (SELECT max(reopened_seq) FROM resolutions), ${PROJECTION_EPOCH}` };

/** The scoring version from SCORING_VERSION's rows. */
export const scoringVersionOf = (read: unknown[][]): string => (read[0] ?? []).map((v) => v ?? 0).join('/');

export async function scoringVersion(client: Client, rows: ReadRows = clientRows(client)): Promise<string> {
  return scoringVersionOf(await rows(SCORING_VERSION.sql));
}

/** Counted forecasts of every source on the claims this source has a counted forecast on. */
export async function countedOnSharedClaims(client: Client, sourceId: string, rule: Rule) {
  const c = ruleColumns(rule);
  const rs = await client.execute({
    sql: `SELECT claim_id, source_id, ${c.p} AS p, outcome, ${c.brier} AS brier, ${c.log} AS log FROM counted_forecasts
          WHERE variant = 'all' AND claim_id IN (SELECT claim_id FROM counted_forecasts WHERE source_id = ? AND variant = 'all')`,
    args: [sourceId],
  });
  return rs.rows.map((r) => ({
    claimId: String(r.claim_id),
    sourceId: String(r.source_id),
    probability: Number(r.p),
    outcome: Number(r.outcome) as 0 | 1,
    brier: Number(r.brier),
    logScore: Number(r.log),
  }));
}

/** Every stance of a source with its claim's title and status, in date order. */
export function stancesStatement(sourceId: string): ReadStatement {
  return {
    sql: `SELECT s.seq, s.claim_id, c.title, s.stance, s.date, c.status, s.retracted_seq, s.confidence, s.estimative
     FROM stances s JOIN claims c ON c.id = s.claim_id WHERE s.source_id = ? ORDER BY s.date, s.seq`,
    args: [sourceId],
  };
}

/** Every stance of a source with its claim's title and status. */
export async function sourceStances(client: Client, sourceId: string, rows: ReadRows = clientRows(client)) {
  const { sql, args } = stancesStatement(sourceId);
  return stancesOf(await rows(sql, args));
}

/** The stances from stancesStatement's rows. */
export function stancesOf(read: unknown[][]) {
  return read.map(([seq, claimId, title, stance, date, status, retractedSeq, confidence, estimative]) => ({
    seq: Number(seq),
    claimId: String(claimId),
    claimTitle: String(title),
    stance: String(stance) as 'asserts' | 'denies',
    date: String(date),
    status: String(status) as 'open' | 'confirmed' | 'refuted' | 'annulled' | 'unresolvable',
    retracted: retractedSeq !== null,
    confidence: confidence === null ? null : Number(confidence),
    estimative: estimative === null ? null : String(estimative),
  }));
}

/** The mean of `n` Brier scores from their fixed-point sum (source_forecast_totals). */
export function meanFromFixedPoint(hi: number, lo: number, n: number): number {
  return sumFromFixedPoint(hi, lo) / n;
}

/**
 * A sum kept in fixed point by the projections (source_forecast_totals, calibration_groups):
 * each term x as hi = trunc(x·2³¹) and lo = round((x·2³¹ − hi)·2³¹), summed as integers (exact
 * in any order); the sum is (Σhi + Σlo/2³¹)/2³¹, to within 2⁻⁶³ per term before rounding.
 */
export function sumFromFixedPoint(hi: number, lo: number): number {
  return (hi + lo / 2 ** 31) / 2 ** 31;
}

/**
 * Per source: stance verdict counts, and counted-forecast count and mean Brier (rule last,
 * variant all), read from their projections (source_stance_totals, source_forecast_totals),
 * one row per source.
 */
export const SOURCE_STATS: ReadStatement = {
  sql: `SELECT s.id, st.right_n, st.wrong_n, st.pending_n, ft.forecasts, ft.brier_hi, ft.brier_lo FROM sources s
     LEFT JOIN source_stance_totals st ON st.source_id = s.id LEFT JOIN source_forecast_totals ft ON ft.source_id = s.id
     WHERE st.source_id IS NOT NULL OR ft.source_id IS NOT NULL`,
};

export async function sourceStats(client: Client, rows: ReadRows = clientRows(client)) {
  return sourceStatsOf(await rows(SOURCE_STATS.sql));
}

/** The stats by source from SOURCE_STATS' rows. */
export function sourceStatsOf(read: unknown[][]) {
  const out = new Map<string, { right: number; wrong: number; pending: number; forecasts: number; brier: number | null }>();
  for (const [id, right, wrong, pending, n, hi, lo] of read) {
    const forecasts = Number(n ?? 0);
    out.set(String(id), { right: Number(right ?? 0), wrong: Number(wrong ?? 0), pending: Number(pending ?? 0), forecasts, brier: forecasts ? meanFromFixedPoint(Number(hi), Number(lo), forecasts) : null });
  }
  return out;
}
