/**
 * A claim's scores as GET /api/claims/{id}/scores and `reckon score --claim` answer them: a
 * yes/no claim's from the score projection (claim-scores.ts), a multiple-choice, numeric or
 * date claim's computed from its forecasts (question-scores.ts); spot scores with `at`.
 */
import type { Client } from '@libsql/client';
import { parseInstant } from '../domain/dates.js';
import { questionClaimScores, readQuestionClaim } from './question-scores.js';
import { clientRows, type ReadRows } from './fast-read.js';
import { claimScoreHeadOf, claimScoreHeadStatement, claimScoresOf, claimScoresStatements, claimSpotScores, type ClaimScoreRow } from './score-queries.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

type Outcome = 'confirmed' | 'refuted' | 'annulled' | 'unresolvable' | 'resolved';

/** `projected`: the claim's rows of the score projection, read with `head`. */
async function scoredClaim(client: Client, head: ClaimScoreRow, atSeconds: number | undefined, projected: ReturnType<typeof claimScoresOf>) {
  if (head.status === 'resolved') {
    const claim = await readQuestionClaim(client, head.id);
    return claim ? questionClaimScores(client, claim, atSeconds) : { sources: [], crowd: null };
  }
  if (head.status !== 'confirmed' && head.status !== 'refuted') return { sources: [], crowd: null };
  return atSeconds === undefined ? projected : claimSpotScores(client, head, atSeconds);
}

/**
 * The scores body of a claim (null when there is no such claim); `at` an ISO instant for spot
 * scores. The claim and its projected scores are read in one snapshot (one request): a yes/no
 * claim's answer is one state even when it is reopened or resolved again meanwhile.
 */
export async function readClaimScores(client: Client, id: string, at?: string, rows: ReadRows = clientRows(client)) {
  const [headRows, scoreRows, crowdRows] = await rows.batch([claimScoreHeadStatement(id), ...claimScoresStatements(id)]);
  const head = claimScoreHeadOf(headRows ?? []);
  if (!head) return null;
  const w = head.window;
  const closedAt = w && (head.knownOn !== null || w.scheduledCloseAt * 1000 <= Date.now()) ? iso(w.actualCloseAt) : null;
  const scored = await scoredClaim(client, head, at === undefined ? undefined : (parseInstant(at) as number) / 1000, claimScoresOf(scoreRows ?? [], crowdRows ?? []));
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
