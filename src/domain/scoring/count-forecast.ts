/**
 * Which forecast counts for a source on a claim, and its scores.
 *
 * Rule `last`: the last forecast made strictly before the resolution's knownOn (ties on
 * madeAt go to the higher sequence number).
 * Rule `time-weighted`: each standing forecast weighted by how long it stood, from the
 * source's first forecast to knownOn; scores are time averages of the per-forecast scores,
 * as Metaculus time-averages scores over a question's lifetime (Metaculus, "Scores FAQ",
 * https://www.metaculus.com/help/scores-faq/), here starting at the first forecast.
 */
import { parseInstant } from '../dates.js';
import { assertOutcome, assertProbability, brierScore, logScore } from './scores.js';
import type { CountedForecast, ForecastHistory, ForecastPoint, Rule } from './types.js';

interface Standing {
  at: number;
  seq: number;
  probability: number;
}

type Scored = Pick<CountedForecast, 'probability' | 'brier' | 'logScore'>;

/**
 * The forecast that counts for `h.sourceId` on `h.claimId` under `rule`, with its scores.
 *
 * - `last`: p = the last forecast before knownOn; brier = (p − o)², logScore = ln p (o = 1)
 *   or ln(1 − p) (o = 0).
 * - `time-weighted`: sort forecasts made before knownOn by (madeAt, seq) as t₁ ≤ … ≤ tₘ and let
 *   wᵢ = tᵢ₊₁ − tᵢ (milliseconds), wₘ = knownOn − tₘ. Then p = Σ wᵢpᵢ / Σ wᵢ,
 *   brier = Σ wᵢ(pᵢ − o)² / Σ wᵢ (not (p − o)²), logScore = Σ wᵢ·ln(…) / Σ wᵢ. A forecast
 *   superseded at the instant it was made has weight 0 and is left out of the sums.
 *
 * Edge cases: forecasts made at or after knownOn are ignored; none before knownOn → null;
 * a zero total span falls back to the last forecast with weight 1. Timestamps: ISO dates
 * are midnight UTC, date-times without a zone are UTC. Retracted forecasts must not be
 * passed in. Throws RangeError on an unparseable date, a probability outside [0, 1], an
 * outcome other than 0/1, or an unknown rule.
 */
export function countForecast(h: ForecastHistory, rule: Rule): CountedForecast | null {
  if (rule !== 'last' && rule !== 'time-weighted') throw new RangeError(`unknown rule ${String(rule)}`);
  assertOutcome(h.outcome);
  const knownOn = toInstant(h.knownOn, 'knownOn');
  const standing = selectStanding(h.forecasts, knownOn);
  if (standing.length === 0) return null;
  const scored = rule === 'last' ? scoreLast(standing, h.outcome) : scoreTimeWeighted(standing, knownOn, h.outcome);
  return { sourceId: h.sourceId, claimId: h.claimId, outcome: h.outcome, ...scored };
}

/** `countForecast` over many histories, dropping those with no forecast before knownOn. */
export function countForecasts(histories: readonly ForecastHistory[], rule: Rule): CountedForecast[] {
  const counted: CountedForecast[] = [];
  for (const h of histories) {
    const c = countForecast(h, rule);
    if (c !== null) counted.push(c);
  }
  return counted;
}

function toInstant(iso: string, what: string): number {
  const ms = parseInstant(iso);
  if (ms === null) throw new RangeError(`${what} is not an ISO date or date-time: ${iso}`);
  return ms;
}

/** Forecasts made strictly before knownOn, ordered by (madeAt, seq). */
function selectStanding(forecasts: readonly ForecastPoint[], knownOn: number): Standing[] {
  const standing: Standing[] = [];
  for (const f of forecasts) {
    assertProbability(f.probability);
    const at = toInstant(f.madeAt, 'madeAt');
    if (at < knownOn) standing.push({ at, seq: f.seq, probability: f.probability });
  }
  return standing.sort((a, b) => a.at - b.at || a.seq - b.seq);
}

function scoreLast(standing: readonly Standing[], o: 0 | 1): Scored {
  const p = standing[standing.length - 1]!.probability;
  return { probability: p, brier: brierScore(p, o), logScore: logScore(p, o) };
}

function scoreTimeWeighted(standing: readonly Standing[], knownOn: number, o: 0 | 1): Scored {
  let total = 0;
  let sumP = 0;
  let sumBrier = 0;
  let sumLog = 0;
  for (let i = 0; i < standing.length; i++) {
    const f = standing[i]!;
    const w = (standing[i + 1]?.at ?? knownOn) - f.at;
    if (w <= 0) continue;
    total += w;
    sumP += w * f.probability;
    sumBrier += w * brierScore(f.probability, o);
    sumLog += w * logScore(f.probability, o);
  }
  // The spec's zero-span fallback; unreachable while only forecasts strictly before knownOn count.
  if (total <= 0) return scoreLast(standing, o);
  const p = Math.min(1, Math.max(0, sumP / total));
  return { probability: p, brier: sumBrier / total, logScore: sumLog / total };
}
