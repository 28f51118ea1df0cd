/**
 * Metaculus's slider input for numeric and date forecasts, ported line by line so that a CDF
 * built here is the CDF Metaculus's own form would submit for the same thumbs:
 *   - `logisticParamsFromSliders`, `logisticCdf`, `cdfFromSliders`, `cdfToPmf` and the
 *     percentile search are `front_end/src/utils/math.ts` (Metaculus/metaculus);
 *   - `standardizeCdf` and the weighted mixture are `front_end/src/utils/forecasts/dataset.ts`
 *     (`standardizeCdf`, `getSliderNumericForecastDataset`); the same standardisation is
 *     published for API users in `docs/openapi.yml` (`standardize_cdf`).
 * All locations are internal: 0 at the range's minimum, 1 at its maximum, in the scale's space
 * (see ./scale.js). Pure: no DOM, importable by the browser and by node tests alike.
 */

/** Metaculus's `DefaultInboundOutcomeCount` (front_end/src/types/question.ts): 201 CDF points. */
export const INBOUND_OUTCOME_COUNT = 200;

/**
 * Thumb positions → asymmetric logistic parameters (math.ts `logisticDistributionParamsFromSliders`).
 * k = 0.15 extremises the mode; scale = atanh(min(0.999, right − left))², clamped to
 * [0.007, 10]; asymmetry = (right + left − 2·center) / (right − left), clamped to ±0.95.
 * @param {number} left @param {number} center @param {number} right  internal locations
 */
export function logisticParamsFromSliders(left, center, right) {
  const k = 0.15;
  const mode = (1 + 2 * k) * center - k;
  const scale = Math.min(10, Math.max(0.007, Math.atanh(Math.min(0.999, right - left)) ** 2));
  const asymmetry = Math.min(0.95, Math.max(-0.95, (right + left - 2 * center) / (right - left)));
  return { mode, scale, asymmetry };
}

/** The asymmetric logistic CDF at x (math.ts `logisticCDF`, with its `Fprime` and `sprime`). */
export function logisticCdf(x, mode, scale, asymmetry) {
  const c = x < mode ? 0 : 1;
  const k = 1 - 2 * c;
  const s = scale / Math.log(3);
  const fPrime = (z) => 1 / (Math.exp(-z) + 1);
  return c + k * (1 - asymmetry * k) * fPrime((k * (x - mode)) / (s * (1 - asymmetry * k)));
}

/**
 * One slider component's CDF at n + 1 evenly spaced locations (math.ts `cdfFromSliders`):
 * the logistic, rescaled so that a closed bound holds exactly 0 (lower) or 1 (upper).
 * @returns {number[]} n + 1 values, not yet standardised
 */
export function cdfFromSliders(left, center, right, openLower, openUpper, n = INBOUND_OUTCOME_COUNT) {
  const { mode, scale, asymmetry } = logisticParamsFromSliders(left, center, right);
  const cdf = Array.from({ length: n + 1 }, (_, i) => logisticCdf(i / n, mode, scale, asymmetry));
  const lowerTo = openLower ? 0 : cdf[0];
  const upperTo = openUpper ? 1 : cdf[n];
  return cdf.map((F) => (F - lowerTo) / (upperTo - lowerTo));
}

/**
 * Metaculus's standardisation (dataset.ts `standardizeCdf`): mix in a 1 % uniform floor (and
 * 0.1 % beyond each open bound), then cap every inner bucket at 0.2 · 200/n by a bisected
 * scale factor, renormalise the inner mass and round to 10 decimals. The result passes
 * Metaculus's serializer: steps ≥ 0.01/n and ≤ 0.2 · 200/n, cdf[0] ≥ 0.001 when the lower
 * bound is open and exactly 0 when closed, cdf[n] ≤ 0.999 when open and exactly 1 when closed.
 * @param {number[]} cdf n + 1 non-decreasing values
 */
export function standardizeCdf(cdf, openLower, openUpper, n = INBOUND_OUTCOME_COUNT) {
  if (cdf.length === 0) return [];
  const [a, b] = openLower && openUpper ? [0.988, 0.001] : openLower ? [0.989, 0.001] : openUpper ? [0.989, 0] : [0.99, 0];
  // docs/openapi.yml's version first rescales so a closed end holds exactly 0 / 1 (a no-op on
  // cdfFromSliders's output, which the frontend version relies on instead)
  const lowerTo = openLower ? 0 : cdf[0];
  const upperTo = openUpper ? 1 : cdf[cdf.length - 1];
  const rescaled = cdf.map((F) => (F - lowerTo) / (upperTo - lowerTo));
  const offset = rescaled.map((F, i) => a * F + 0.01 * (i / (cdf.length - 1)) + b);
  const pmf = cdfToPmf(offset);
  const last = pmf.length - 1;
  const cap = 0.2 * (INBOUND_OUTCOME_COUNT / n);
  const capPmf = (s) => pmf.map((v, i) => (i === 0 || i === last ? v : Math.min(cap, s * v)));
  const cappedSum = (s) => capPmf(s).reduce((acc, v) => acc + v, 0);
  let lo = 1;
  let hi = 1;
  let scale = 1;
  while (cappedSum(hi) < 1) hi *= 1.2;
  for (let i = 0; i < 100; i++) {
    scale = 0.5 * (lo + hi);
    const s = cappedSum(scale);
    if (s < 1) lo = scale;
    else hi = scale;
    if (s === 1 || hi - lo < 2e-5) break;
  }
  let scaled = rescaleInner(capPmf(scale), offset);
  // Departure from the port: when the bisection stops just below a capped sum of 1, the
  // renormalisation pushes capped buckets a hair over the cap (0.2000002 for a spike at a
  // closed bound), which Metaculus's serializer would refuse. Redo it from `hi`, whose capped
  // sum is ≥ 1, so renormalising can only shrink; ordinary CDFs never take this branch.
  if (scaled.some((v, i) => i > 0 && i < last && Math.round(v * 1e9) / 1e9 > cap)) scaled = rescaleInner(capPmf(hi), offset);
  const out = [];
  let cumulative = 0;
  for (let i = 0; i < last; i++) {
    cumulative += scaled[i];
    out.push(Math.round(cumulative * 1e10) / 1e10);
  }
  return out;
}

/** Scale the inner buckets so they hold the inner mass of the offset CDF again. */
function rescaleInner(capped, offset) {
  const last = capped.length - 1;
  const inner = capped.slice(1, last).reduce((acc, v) => acc + v, 0);
  const factor = (offset[offset.length - 1] - offset[0]) / inner;
  return capped.map((v, i) => (i === 0 || i === last ? v : v * factor));
}

/**
 * A weighted mixture of slider components, standardised: the CDF Metaculus's form submits
 * (dataset.ts `getSliderNumericForecastDataset`). Weights are normalised to sum to 1.
 * @param {Array<{ left: number, center: number, right: number, weight?: number }>} components
 * @param {{ openLower: boolean, openUpper: boolean }} bounds
 * @returns {number[]} n + 1 cumulative probabilities
 */
export function cdfFromSliderComponents(components, { openLower, openUpper }, n = INBOUND_OUTCOME_COUNT) {
  const weights = components.map((c) => c.weight ?? 1);
  const total = weights.reduce((a, w) => a + w, 0);
  const mixed = new Array(n + 1).fill(0);
  components.forEach((c, j) => {
    const cdf = cdfFromSliders(c.left, c.center, c.right, openLower, openUpper, n);
    cdf.forEach((F, i) => { mixed[i] += F * (weights[j] / total); });
  });
  return standardizeCdf(mixed, openLower, openUpper, n);
}

/**
 * CDF → the 202 bucket masses (math.ts `cdfToPmf`): [cdf[0], cdf[i] − cdf[i−1] …, 1 − cdf[n]].
 * @param {number[]} cdf
 */
export function cdfToPmf(cdf) {
  const pmf = cdf.map((F, i) => (i === 0 ? F : F - cdf[i - 1]));
  pmf.push(1 - cdf[cdf.length - 1]);
  return pmf;
}

/**
 * The internal location where the CDF first reaches p (math.ts `computeQuartilesFromCDF`'s
 * `findPercentile`): linear between the two grid points around it; 0 if cdf[0] ≥ p already,
 * 1 if the CDF never reaches p inside the range.
 * @param {number[]} cdf @param {number} p in [0, 1]
 */
export function locationOfQuantile(cdf, p) {
  for (let i = 0; i < cdf.length; i++) {
    if (cdf[i] >= p) {
      if (i === 0) return 0;
      return (i - 1 + (p - cdf[i - 1]) / (cdf[i] - cdf[i - 1])) / (cdf.length - 1);
    }
  }
  return 1;
}

/** Lower quartile, median and upper quartile of a CDF as internal locations. */
export function quartilesOfCdf(cdf) {
  return { lower25: locationOfQuantile(cdf, 0.25), median: locationOfQuantile(cdf, 0.5), upper75: locationOfQuantile(cdf, 0.75) };
}
