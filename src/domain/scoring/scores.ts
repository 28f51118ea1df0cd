/**
 * Proper scoring rules for a binary outcome.
 *
 * Sources: G. W. Brier (1950), "Verification of forecasts expressed in terms of
 * probability", Monthly Weather Review 78:1–3 (two-category form, as scikit-learn
 * `brier_score_loss`); I. J. Good (1952), "Rational decisions", JRSS B 14:107–114
 * (logarithmic score; scikit-learn `log_loss` is its negated mean, but clips p to
 * [eps, 1 − eps] — this module does not clip).
 */
import { CompensatedSum } from './sum.js';
import type { MeanScores } from './types.js';

/** Throw RangeError unless p is a finite probability in [0, 1]. */
export function assertProbability(p: number, what = 'probability'): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${what} must be in [0, 1], got ${p}`);
}

/** Throw RangeError unless o is 0 or 1. */
export function assertOutcome(o: number): void {
  if (o !== 0 && o !== 1) throw new RangeError(`outcome must be 0 or 1, got ${o}`);
}

/**
 * Brier score (p − o)² of a probability p for an outcome o (1 = confirmed, 0 = refuted).
 * Unitless, in [0, 1], lower is better. Throws RangeError for p outside [0, 1] or o ∉ {0, 1}.
 */
export function brierScore(p: number, o: 0 | 1): number {
  assertProbability(p);
  assertOutcome(o);
  const d = p - o;
  return d * d;
}

/**
 * Logarithmic score: ln p when o = 1, ln(1 − p) when o = 0 (natural log, nats).
 * In (−∞, 0], higher is better. Edge cases: p = 0 with o = 1 (or p = 1 with o = 0) → −Infinity
 * (no clipping). Throws RangeError for p outside [0, 1] or o ∉ {0, 1}.
 */
export function logScore(p: number, o: 0 | 1): number {
  assertProbability(p);
  assertOutcome(o);
  return o === 1 ? Math.log(p) : Math.log(1 - p);
}

/**
 * Mean Brier and mean log score of scored items: brier = Σ brierᵢ / n, logScore = Σ logᵢ / n
 * (compensated sums). Edge case: no items → count 0, brier and logScore null. A −Infinity log
 * score makes the mean −Infinity.
 */
export function meanScores(items: ReadonlyArray<{ brier: number; logScore: number }>): MeanScores {
  const count = items.length;
  if (count === 0) return { count, brier: null, logScore: null };
  const brier = new CompensatedSum();
  const log = new CompensatedSum();
  for (const item of items) {
    brier.add(item.brier);
    log.add(item.logScore);
  }
  return { count, brier: brier.value() / count, logScore: log.value() / count };
}
