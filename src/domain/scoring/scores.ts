/**
 * Proper scoring rules for a binary outcome.
 *
 * Sources: G. W. Brier (1950), "Verification of forecasts expressed in terms of
 * probability", Monthly Weather Review 78:1–3 (two-category form, as scikit-learn
 * `brier_score_loss`); I. J. Good (1952), "Rational decisions", JRSS B 14:107–114
 * (logarithmic score; scikit-learn `log_loss` is its negated mean). The log score clips p to
 * [0.001, 0.999] as Metaculus's scoring does (see clampForLog).
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
 * p clamped to [0.001, 0.999], the values a score undefined at 0 or 1 is taken at: Metaculus
 * accepts binary forecasts only in that range (questions/serializers/common.py, "probability_yes
 * should be between 0.001 and 0.999") and takes the log of the value (scoring/score_math.py,
 * np.log(pmf[resolution_bucket])). Stored values are never changed; only such scores use this.
 */
export function clampForLog(p: number): number {
  return Math.min(1 - LOG_CLAMP, Math.max(LOG_CLAMP, p));
}
const LOG_CLAMP = 0.001;

/**
 * Logarithmic score: ln q when o = 1, ln(1 − q) when o = 0 (natural log, nats), with
 * q = clampForLog(p) ∈ [0.001, 0.999], so a platform's 0 % or 100 % (kept as recorded) scores
 * ln 0.001 ≈ −6.908 at worst, not −∞. In [ln 0.001, ln 0.999], higher is better. Throws
 * RangeError for p outside [0, 1] or o ∉ {0, 1}.
 */
export function logScore(p: number, o: 0 | 1): number {
  assertProbability(p);
  assertOutcome(o);
  const q = clampForLog(p);
  return o === 1 ? Math.log(q) : Math.log(1 - q);
}

/**
 * Mean Brier and mean log score of scored items: brier = Σ brierᵢ / n, logScore = Σ logᵢ / n
 * (compensated sums). Edge case: no items → count 0, brier and logScore null.
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
