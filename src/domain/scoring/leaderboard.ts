/**
 * Leaderboards of Metaculus's peer or baseline scores. Ranked by the sum over questions, or
 * (`order=mean`) by sum ÷ max(30, coverage sum) — what Metaculus's global peer leaderboards
 * rank by (`generate_entries_from_scores` in its `scoring/utils.py`: for PEER_GLOBAL,
 * `entry.score /= max(30, entry.coverage)`), so that a few lucky questions cannot top it. Ties share a
 * rank (1, 1, 3); tied entries are listed by source id. Pure.
 */

export interface LeaderboardInput {
  sourceId: string;
  questions: number;
  /** The chosen score's sum over the questions. */
  sum: number;
  coverage: number;
}

export interface LeaderboardItem {
  rank: number;
  sourceId: string;
  questions: number;
  sum: number;
  /** sum ÷ questions. */
  mean: number;
  /** The coverage sum. */
  coverage: number;
}

/** Metaculus's prior weight of 30 questions' coverage in a global leaderboard's average. */
export const LEADERBOARD_PRIOR_COVERAGE = 30;

/** The ranking key of one entry under an order. */
export function rankingKey(e: LeaderboardInput, order: 'sum' | 'mean'): number {
  return order === 'sum' ? e.sum : e.sum / Math.max(LEADERBOARD_PRIOR_COVERAGE, e.coverage);
}

/** Rank entries (those with at least one question) best first. */
export function rankLeaderboard(entries: readonly LeaderboardInput[], order: 'sum' | 'mean' = 'sum'): LeaderboardItem[] {
  const keyed = entries.filter((e) => e.questions > 0).map((e) => ({ e, key: rankingKey(e, order) }));
  keyed.sort((a, b) => b.key - a.key || (a.e.sourceId < b.e.sourceId ? -1 : a.e.sourceId > b.e.sourceId ? 1 : 0));
  let rank = 0;
  return keyed.map(({ e, key }, i) => {
    if (i === 0 || key !== keyed[i - 1]!.key) rank = i + 1;
    return { rank, sourceId: e.sourceId, questions: e.questions, sum: e.sum, mean: e.sum / e.questions, coverage: e.coverage };
  });
}
