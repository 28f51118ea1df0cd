/**
 * Scores of one multiple-choice forecast (issue 17), given the index of the option that
 * happened. K options, p_k the forecast, o_k = 1 for the outcome and 0 otherwise:
 * - Brier (Brier 1950, the original multi-category form): Σ_k (p_k − o_k)², 0 (best) to 2;
 * - log score: ln p_outcome, p clamped to [0.001, 0.999] as Metaculus clamps (scores.ts);
 * - ranked probability score (Epstein 1969; Murphy 1971, normalised): over cumulative
 *   probabilities P_k = Σ_{j≤k} p_j and O_k = Σ_{j≤k} o_j, Σ_{k=1}^{K−1} (P_k − O_k)² / (K − 1),
 *   0 (best) to 1; only for ordered options (else null: an order of unordered labels means nothing).
 * Pure.
 */
import { clampForLog } from '../scoring/scores.js';

export interface ChoiceScores {
  brier: number;
  logScore: number;
  rps: number | null;
}

/** Σ_k (p_k − o_k)². */
export function choiceBrier(p: readonly number[], outcome: number): number {
  let sum = 0;
  p.forEach((v, k) => (sum += (v - (k === outcome ? 1 : 0)) ** 2));
  return sum;
}

/** ln p_outcome (p clamped to [0.001, 0.999]). */
export function choiceLogScore(p: readonly number[], outcome: number): number {
  return Math.log(clampForLog(p[outcome] as number));
}

/** Σ_{k<K} (P_k − O_k)² / (K − 1) over cumulative probabilities; 0 for a perfect forecast. */
export function rankedProbabilityScore(p: readonly number[], outcome: number): number {
  const K = p.length;
  let cumulative = 0;
  let sum = 0;
  for (let k = 0; k < K - 1; k++) {
    cumulative += p[k] as number;
    sum += (cumulative - (k >= outcome ? 1 : 0)) ** 2;
  }
  return sum / (K - 1);
}

/** The three scores of one forecast; `rps` null unless the options are ordered. */
export function scoreChoice(p: readonly number[], outcome: number, ordered: boolean): ChoiceScores {
  return { brier: choiceBrier(p, outcome), logScore: choiceLogScore(p, outcome), rps: ordered ? rankedProbabilityScore(p, outcome) : null };
}
