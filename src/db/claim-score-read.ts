/**
 * A claim's scores as GET /api/claims/{id}/scores and `reckon score --claim` answer them: a
 * yes/no claim's from the score projection (claim-scores.ts), a multiple-choice, numeric or
 * date claim's computed from its forecasts (question-scores.ts); spot scores with `at`.
 */
import type { Client } from '@libsql/client';
import { parseInstant } from '../domain/dates.js';
import { questionClaimOf, questionClaimScores, questionClaimStatement, type QuestionClaim } from './question-scores.js';
import { clientRows, readTransaction, type ReadRows } from './fast-read.js';
import { claimScoreHeadOf, claimScoreHeadStatement, claimScoresOf, claimScoresStatements, claimSpotScores, type ClaimScoreRow } from './score-queries.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

type Outcome = 'confirmed' | 'refuted' | 'annulled' | 'unresolvable' | 'resolved';

/** Whether the claim's scores need reads after its row (its forecasts): a question's, and spot scores. */
const readsForecasts = (head: ClaimScoreRow, atSeconds: number | undefined) => head.status === 'resolved' || (atSeconds !== undefined && (head.status === 'confirmed' || head.status === 'refuted'));

/** `projected`: the claim's rows of the score projection, and `claim` its question, read with `head`. */
async function scoredClaim(reader: Pick<Client, 'execute'>, head: ClaimScoreRow, atSeconds: number | undefined, projected: ReturnType<typeof claimScoresOf>, claim: QuestionClaim | null) {
  if (head.status === 'resolved') return claim ? questionClaimScores(reader, claim, atSeconds) : { sources: [], crowd: null };
  if (head.status !== 'confirmed' && head.status !== 'refuted') return { sources: [], crowd: null };
  return atSeconds === undefined ? projected : claimSpotScores(reader, head, atSeconds);
}

/**
 * The scores body of a claim (null when there is no such claim); `at` an ISO instant for spot
 * scores. One state of the database: the claim and its projected scores are read in one batch
 * (one request), which answers a yes/no claim; a question's scores and spot scores, which read
 * its forecasts after its row, are read again whole in one read transaction.
 */
export async function readClaimScores(client: Client, id: string, at?: string, rows: ReadRows = clientRows(client)) {
  const atSeconds = at === undefined ? undefined : (parseInstant(at) as number) / 1000;
  const first = at === undefined ? await bodyIn(client, rows, id, atSeconds, false) : MORE;
  if (first !== MORE) return first;
  // Whole, it never asks for more.
  return readTransaction(client, async (tx, txRows) => (await bodyIn(tx, txRows, id, atSeconds, true)) as Exclude<typeof first, typeof MORE>);
}

const MORE = Symbol('reads its forecasts');

async function bodyIn(reader: Pick<Client, 'execute'>, rows: ReadRows, id: string, atSeconds: number | undefined, whole: boolean) {
  // Whole: with the question too (what a question's scores read before its forecasts).
  const [headRows, scoreRows, crowdRows, questionRows] = await rows.batch([claimScoreHeadStatement(id), ...claimScoresStatements(id), ...(whole ? [questionClaimStatement(id)] : [])]);
  const head = claimScoreHeadOf(headRows ?? []);
  if (!head) return null;
  if (!whole && readsForecasts(head, atSeconds)) return MORE;
  const w = head.window;
  const closedAt = w && (head.knownOn !== null || w.scheduledCloseAt * 1000 <= Date.now()) ? iso(w.actualCloseAt) : null;
  const scored = await scoredClaim(reader, head, atSeconds, claimScoresOf(scoreRows ?? [], crowdRows ?? []), questionClaimOf(questionRows ?? []));
  return {
    claimId: id,
    outcome: head.status === 'open' ? null : (head.status as Outcome),
    openedAt: w ? iso(w.openedAt) : head.openedAt,
    scheduledCloseAt: w ? iso(w.scheduledCloseAt) : null,
    closedAt,
    sources: scored.sources as Array<{ sourceId: string; baseline: number; peer: number; coverage: number; brier?: number; logScore?: number; rps?: number | null; crps?: number }>,
    crowd: scored.crowd,
  };
}
