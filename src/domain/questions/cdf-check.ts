/**
 * A numeric or date forecast's CDF, checked as Metaculus's forecast serializer checks it
 * (`ForecastWriteSerializer.continuous_validation`, questions/serializers/common.py in
 * github.com/Metaculus/metaculus):
 *
 * - the CDF is first rounded to 10 decimals (`np.round(cdf, 10)`) before any check, and that is
 *   what is stored (so 1.0000000000000002 is 1 and −1e−12 is 0); a rounded point outside 0–1 is
 *   refused (the checks below imply it; it is said first, in plain words);
 * - it has `inbound_outcome_count + 1` = 201 points;
 * - every step `round(cdf[i+1] − cdf[i], 9)` is at least `round(0.01 / 200, 9)` = 0.00005 and at
 *   most `0.2 · 200 / 200` = 0.2;
 * - an open lower bound needs `cdf[0] ≥ 0.001`, a closed one `cdf[0] = 0`;
 * - an open upper bound needs `cdf[200] ≤ 0.999`, a closed one `cdf[200] = 1`.
 */

/** Metaculus's DEFAULT_INBOUND_OUTCOME_COUNT: the CDF has this many inner buckets, so 201 points. */
export const INBOUND_OUTCOMES = 200;
export const CDF_POINTS = INBOUND_OUTCOMES + 1;
const MIN_STEP = roundTo(0.01 / INBOUND_OUTCOMES, 9);
const MAX_STEP = (0.2 * 200) / INBOUND_OUTCOMES;

export interface CdfProblem {
  /** JSON Pointer relative to the forecast: `/cdf` or `/cdf/i`. */
  pointer: string;
  message: string;
}

/** numpy's `rint`: to the nearest integer, halves to even. */
function rint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** numpy's `round(x, decimals)` for decimals ≥ 0: `rint(x · 10^d) / 10^d`. */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return rint(x * f) / f;
}

/** The CDF as Metaculus stores it: each point rounded to 10 decimals (−0 as 0). Idempotent. */
export function roundCdf(cdf: readonly number[]): number[] {
  return cdf.map((v) => roundTo(v, 10) + 0);
}

/**
 * The steps of a CDF that are too small or too large, by the point that ends them (`/cdf/i`
 * for the step from i − 1 to i), or `/cdf` when it has the wrong number of points. These
 * checks do not depend on the question; `checkCdfEnds` does.
 */
export function checkCdfSteps(given: readonly number[]): CdfProblem[] {
  if (given.length !== CDF_POINTS) return [{ pointer: '/cdf', message: `must have ${CDF_POINTS} points (it has ${given.length})` }];
  const cdf = roundCdf(given);
  const out: CdfProblem[] = [];
  for (let i = 0; i < cdf.length; i++) {
    const v = cdf[i] as number;
    if (!(v >= 0 && v <= 1)) {
      out.push({ pointer: `/cdf/${i}`, message: `must be a cumulative probability between 0 and 1 once rounded to 10 decimals (it is ${v})` });
      continue;
    }
    if (i === 0) continue;
    const step = roundTo((cdf[i] as number) - (cdf[i - 1] as number), 9);
    if (!(step >= MIN_STEP)) out.push({ pointer: `/cdf/${i}`, message: `must exceed the point before it by at least ${MIN_STEP} (it rises by ${step})` });
    else if (!(step <= MAX_STEP)) out.push({ pointer: `/cdf/${i}`, message: `must exceed the point before it by at most ${MAX_STEP} (it rises by ${step})` });
  }
  return out;
}

/** The ends of a (201-point) CDF against the question's open or closed bounds. */
export function checkCdfEnds(given: readonly number[], openLower: boolean, openUpper: boolean): CdfProblem[] {
  const cdf = roundCdf(given);
  const first = cdf[0] as number;
  const last = cdf[cdf.length - 1] as number;
  const out: CdfProblem[] = [];
  if (openLower && !(first >= 0.001)) out.push({ pointer: '/cdf/0', message: 'must be at least 0.001: the lower bound is open' });
  if (!openLower && first !== 0) out.push({ pointer: '/cdf/0', message: 'must be 0: the lower bound is closed (put mass on the minimum into cdf[1])' });
  const end = `/cdf/${cdf.length - 1}`;
  if (openUpper && !(last <= 0.999)) out.push({ pointer: end, message: 'must be at most 0.999: the upper bound is open' });
  if (!openUpper && last !== 1) out.push({ pointer: end, message: 'must be 1: the upper bound is closed' });
  return out;
}
