import type { InValue, Transaction } from '@libsql/client';
import { toIsoInstant } from '../domain/dates.js';
import { scoreBinaryClaim, type BinaryForecast } from '../domain/scoring/index.js';
import type { LedgerEvent } from '../domain/types.js';
import { claimWindow, seconds } from './claim-window.js';
import { touchesCounted } from './counted.js';
import { questionScoreRows } from './question-scores.js';
import { periodStatements, scoreRowValues } from './score-periods.js';
import { multiRowInserts } from './write-ops.js';

type Exec = Pick<Transaction, 'execute' | 'batch'>;

export { claimWindow } from './claim-window.js';

/** Binary forecasts of these claims, in ledger order, with whether the crowd counts their source. */
export async function loadBinaryForecasts(tx: Pick<Exec, 'execute'>, ids: string[]): Promise<Map<string, BinaryForecast[]>> {
  const marks = ids.map(() => '?').join(',');
  const rs = await tx.execute({
    sql: `SELECT f.claim_id, f.source_id, f.probability, f.made_at, s.type FROM forecasts f JOIN sources s ON s.id = f.source_id
          WHERE f.claim_id IN (${marks}) AND f.retracted_seq IS NULL ORDER BY f.seq`,
    args: ids,
  });
  const out = new Map<string, BinaryForecast[]>();
  for (const r of rs.rows) {
    const madeAt = seconds(r.made_at);
    if (madeAt === null) continue;
    const list = out.get(String(r.claim_id)) ?? [];
    list.push({ sourceId: String(r.source_id), madeAt, probability: Number(r.probability), inCrowd: r.type !== 'forecasting-platform' });
    out.set(String(r.claim_id), list);
  }
  return out;
}

/**
 * The claim_scores and claim_crowd_scores rows of these claims: yes/no predictions confirmed or
 * refuted, and multiple-choice, numeric and date questions resolved with a value (issue 17: the
 * scores issue's rules apply to every resolved claim, as Metaculus's leaderboards count every
 * type; their time-averaged baseline, peer and coverage, src/db/question-scores.ts).
 */
async function scoreRows(tx: Exec, ids: string[]) {
  const marks = ids.map(() => '?').join(',');
  // Read together (one request to a remote database): the forecasts of the claims not resolved are left unused.
  const [claims, forecasts, questions] = await Promise.all([
    tx.execute({
      sql: `SELECT id, status, opened_at, created_at, deadline, known_on FROM claims WHERE id IN (${marks}) AND status IN ('confirmed', 'refuted')`,
      args: ids,
    }),
    loadBinaryForecasts(tx, ids),
    questionScoreRows(tx, ids),
  ]);
  const scores: Array<Record<string, InValue>> = [...questions.scores];
  const crowd: Array<Record<string, InValue>> = [...questions.crowd];
  for (const r of claims.rows) {
    const w = claimWindow(r as Record<string, unknown>);
    // No deadline, or opened at or after it (logged late): an empty window, nothing to score.
    if (!w || !(w.scheduledCloseAt > w.openedAt)) continue;
    const id = String(r.id);
    const s = scoreBinaryClaim(forecasts.get(id) ?? [], { ...w, resolutionBucket: r.status === 'confirmed' ? 1 : 0 });
    const knownOn = toIsoInstant(String(r.known_on)) ?? String(r.known_on);
    for (const x of s.sources) scores.push({ claim_id: id, source_id: x.sourceId, known_on: knownOn, baseline: x.baseline, peer: x.peer, coverage: x.coverage });
    crowd.push({ claim_id: id, baseline: s.crowd.baseline, coverage: s.crowd.coverage });
  }
  return { scores, crowd };
}

/**
 * Recompute the scores of these claims from the claims, sources and forecasts tables; returns
 * the sources whose totals may have changed (had or have a row on one of them).
 */
export async function refreshClaimScores(tx: Exec, claimIds: Iterable<string>, chunk = 500): Promise<Set<string>> {
  const all = [...claimIds];
  const sources = new Set<string>();
  for (let i = 0; i < all.length; i += chunk) {
    const ids = all.slice(i, i + chunk);
    const marks = ids.map(() => '?').join(',');
    const [old, { scores, crowd }] = await Promise.all([
      tx.execute({ sql: `SELECT source_id, known_on, baseline, peer, coverage FROM claim_scores WHERE claim_id IN (${marks})`, args: ids }),
      scoreRows(tx, ids),
    ]);
    for (const r of old.rows) sources.add(String(r.source_id));
    for (const r of scores) sources.add(String(r.source_id));
    await tx.batch([
      { sql: `DELETE FROM claim_scores WHERE claim_id IN (${marks})`, args: ids },
      { sql: `DELETE FROM claim_crowd_scores WHERE claim_id IN (${marks})`, args: ids },
      ...multiRowInserts('claim_scores', scores),
      ...multiRowInserts('claim_crowd_scores', crowd),
      // Their per-day and per-month sums: the old rows' parts taken away, the new rows' added.
      ...periodStatements(old.rows.map((r) => scoreRowValues(r as Record<string, unknown>)), scores.map(scoreRowValues)),
    ]);
  }
  return sources;
}

/** Recompute these sources' totals, summing in claim_scores_source_idx order (the same bits on a rebuild). */
export async function refreshScoreTotals(tx: Exec, sourceIds: Iterable<string>, chunk = 500): Promise<void> {
  const all = [...sourceIds];
  for (let i = 0; i < all.length; i += chunk) {
    const ids = all.slice(i, i + chunk);
    const marks = ids.map(() => '?').join(',');
    await tx.batch([
      { sql: `DELETE FROM source_score_totals WHERE source_id IN (${marks})`, args: ids },
      {
        sql: `INSERT INTO source_score_totals (source_id, questions, baseline_sum, peer_sum, coverage_sum)
              SELECT source_id, count(*), sum(baseline), sum(peer), sum(coverage) FROM claim_scores INDEXED BY claim_scores_source_idx
              WHERE source_id IN (${marks}) GROUP BY source_id`,
        args: ids,
      },
    ]);
  }
}

/** Refresh the scores of the claims these events touch (resolutions, reopenings, retracted forecasts) and their sources' totals. */
export async function refreshScoresFor(tx: Exec, events: readonly LedgerEvent[]): Promise<void> {
  const ids = new Set<string>();
  for (const e of events) if (touchesCounted(e)) ids.add(e.payload.claimId);
  if (ids.size === 0) return;
  await refreshScoreTotals(tx, await refreshClaimScores(tx, ids));
}
