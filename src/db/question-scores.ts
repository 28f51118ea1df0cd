/**
 * Reads for the scores, crowd and calibration of multiple-choice, numeric and date questions
 * (issue 17): their claims (question and resolution value) and forecasts (question_forecasts),
 * scored on read by the pure functions of src/domain/questions. Their time-averaged baseline,
 * peer and coverage are also projected into claim_scores (questionScoreRows, called by
 * claim-scores.ts in the write's transaction), so that per-source scores and the leaderboard
 * count them.
 */
import type { Client, InValue, Transaction } from '@libsql/client';
import { parseInstant, toIsoInstant } from '../domain/dates.js';
import type { Question } from '../domain/questions/question.js';
import { scoreQuestionClaim, spotQuestionClaim, type ValuesForecast } from '../domain/questions/question-scores.js';
import { questionCrowd } from '../domain/questions/crowd.js';
import { forecastSpans } from '../domain/scoring/claim-scores.js';
import type { AggregateEntry } from '../domain/scoring/aggregation.js';
import type { QuestionType, ResolutionValue } from '../domain/types.js';
import { claimWindow } from './claim-window.js';

type Reader = Pick<Transaction, 'execute'>;

export interface QuestionClaim {
  id: string;
  status: string;
  question: Question;
  /** The standing resolution's value (outcome `resolved`), else null. */
  value: ResolutionValue | null;
  knownOn: string | null;
  dueAt: string | null;
  window: ReturnType<typeof claimWindow>;
}

export type StoredForecast = ValuesForecast & { backfilled: boolean };

const CLAIM_COLUMNS = `c.id, c.status, c.question_type, c.question, c.opened_at, c.created_at, c.deadline, c.known_on, c.due_at,
  (SELECT r.value FROM resolutions r WHERE r.seq = c.resolution_seq) AS value`;

function claimOf(r: Record<string, unknown>): QuestionClaim {
  const type = String(r.question_type ?? 'binary') as QuestionType;
  const rest = type === 'binary' ? {} : (JSON.parse(String(r.question ?? '{}')) as Omit<Question, 'type'>);
  return {
    id: String(r.id),
    status: String(r.status),
    question: { type, ...rest },
    value: r.value === null || r.value === undefined ? null : (JSON.parse(String(r.value)) as ResolutionValue),
    knownOn: r.known_on === null ? null : String(r.known_on),
    dueAt: r.due_at === null ? null : String(r.due_at),
    window: claimWindow(r),
  };
}

const CLAIM_NAMES = ['id', 'status', 'question_type', 'question', 'opened_at', 'created_at', 'deadline', 'known_on', 'due_at', 'value'];

/** One claim with its question and resolution value (questionClaimOf reads its rows). */
export const questionClaimStatement = (id: string): { sql: string; args: InValue[] } => ({ sql: `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = ?`, args: [id] });

/** The claim from questionClaimStatement's rows (as arrays); null when there is no such claim. */
export function questionClaimOf(read: unknown[][]): QuestionClaim | null {
  const v = read[0];
  return v ? claimOf(Object.fromEntries(CLAIM_NAMES.map((name, i) => [name, v[i]]))) : null;
}

/** Claims of one question type resolved with a value (tag-filtered when given). */
export async function resolvedQuestionClaims(client: Client, types: QuestionType[], tag?: string): Promise<QuestionClaim[]> {
  const args: InValue[] = [...types];
  let sql = `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.status = 'resolved' AND c.question_type IN (${types.map(() => '?').join(',')})`;
  if (tag) (sql += ' AND c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)'), args.push(tag);
  const rs = await client.execute({ sql: `${sql} ORDER BY c.created_seq`, args });
  return rs.rows.map((r) => claimOf(r as unknown as Record<string, unknown>));
}

/** The standing (not retracted) forecasts of these claims, in ledger order, with whether the crowd counts their source. */
export async function loadValuesForecasts(client: Reader, ids: string[]): Promise<Map<string, StoredForecast[]>> {
  const out = new Map<string, StoredForecast[]>();
  if (ids.length === 0) return out;
  const rs = await client.execute({
    sql: `SELECT q.claim_id, q.source_id, q.vals, q.made_at, q.backfilled, s.type FROM question_forecasts q JOIN sources s ON s.id = q.source_id
          WHERE q.claim_id IN (${ids.map(() => '?').join(',')}) AND q.retracted_seq IS NULL ORDER BY q.seq`,
    args: ids,
  });
  for (const r of rs.rows) {
    const ms = parseInstant(String(r.made_at));
    if (ms === null) continue;
    const list = out.get(String(r.claim_id)) ?? [];
    list.push({ sourceId: String(r.source_id), madeAt: ms / 1000, values: JSON.parse(String(r.vals)) as number[], inCrowd: r.type !== 'forecasting-platform', backfilled: Boolean(r.backfilled) });
    out.set(String(r.claim_id), list);
  }
  return out;
}

/** A resolved question's scores per source and its crowd's (spot scores at `atSeconds` when given). */
export async function questionClaimScores(client: Reader, claim: QuestionClaim, atSeconds?: number) {
  const w = claim.window;
  if (!w || claim.value === null || !(w.scheduledCloseAt > w.openedAt)) return { sources: [], crowd: null };
  const forecasts = (await loadValuesForecasts(client, [claim.id])).get(claim.id) ?? [];
  return atSeconds === undefined ? scoreQuestionClaim(forecasts, claim.question, claim.value, w) : spotQuestionClaim(forecasts, claim.question, claim.value, atSeconds, w);
}

/** The question's crowd history: per option (multiple choice) or a CDF (numeric, date). */
export async function questionAggregate(client: Reader, claim: QuestionClaim, openedAt: number): Promise<AggregateEntry[]> {
  const forecasts = (await loadValuesForecasts(client, [claim.id])).get(claim.id) ?? [];
  const spans = forecastSpans(forecasts, (f) => f.values).filter((s) => s.inCrowd);
  return questionCrowd(spans, claim.question.type === 'multiple-choice' ? 'probabilities' : 'cdf', openedAt, claim.window?.actualCloseAt ?? null);
}

/**
 * The claim_scores and claim_crowd_scores rows of those of `ids` resolved with a value: each
 * source's and the crowd's time-averaged baseline, peer and coverage, as `questionClaimScores`
 * gives them (sources with coverage above zero). Claims of other statuses give no row.
 */
export async function questionScoreRows(tx: Reader, ids: string[]) {
  const scores: Array<Record<string, InValue>> = [];
  const crowd: Array<Record<string, InValue>> = [];
  if (ids.length === 0) return { scores, crowd };
  // Both reads are sent at once (one request to a remote database).
  const [rs, forecasts] = await Promise.all([
    tx.execute({ sql: `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id IN (${ids.map(() => '?').join(',')}) AND c.status = 'resolved'`, args: ids }),
    loadValuesForecasts(tx, ids),
  ]);
  for (const row of rs.rows) {
    const claim = claimOf(row as unknown as Record<string, unknown>);
    const w = claim.window;
    if (!w || claim.value === null || !(w.scheduledCloseAt > w.openedAt)) continue;
    const s = scoreQuestionClaim(forecasts.get(claim.id) ?? [], claim.question, claim.value, w);
    const knownOn = toIsoInstant(String(claim.knownOn)) ?? String(claim.knownOn);
    for (const x of s.sources) scores.push({ claim_id: claim.id, source_id: x.sourceId, known_on: knownOn, baseline: x.baseline, peer: x.peer, coverage: x.coverage });
    crowd.push({ claim_id: claim.id, baseline: s.crowd.baseline, coverage: s.crowd.coverage });
  }
  return { scores, crowd };
}
