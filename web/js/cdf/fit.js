/**
 * Quartile fields → Metaculus slider thumbs. Metaculus's form shows the quartiles of the CDF its
 * thumbs produce, not the thumbs themselves (the mode is extremised by k = 0.15 and the uniform
 * floor widens the tails), so a forecaster who types a lower quartile, median and upper quartile
 * needs the thumbs whose standardised CDF has those quartiles. Found by Nelder–Mead on the squared
 * gaps between asked and achieved quartiles (three thumbs, three quartiles). Some asks cannot be
 * met — Metaculus clamps the logistic's asymmetry to ±0.95 and its scale to ≥ 0.007, so one
 * component cannot skew its quartiles much more than about 1.3 : 1 — so the answer carries the
 * quartiles it achieved and the largest gap. Pure.
 */
import { cdfFromSliderComponents, quartilesOfCdf } from './sliders.js';

/**
 * @param {{ lower25: number, median: number, upper75: number }} target internal locations,
 *   lower25 < median < upper75
 * @param {{ openLower: boolean, openUpper: boolean }} bounds
 * @param {{ iterations?: number, tolerance?: number }} [o]
 * @returns {{ thumbs: { left: number, center: number, right: number }, cdf: number[],
 *   achieved: { lower25: number, median: number, upper75: number }, error: number }}
 *   error = the largest gap between an asked and an achieved quartile, in locations
 */
export function slidersForQuartiles(target, bounds, { iterations = 400, tolerance = 1e-5 } = {}) {
  const loss = (p) => {
    if (!(p[0] < p[1] && p[1] < p[2])) return Infinity;
    const q = quartilesOfCdf(cdfFromSliderComponents([{ left: p[0], center: p[1], right: p[2] }], bounds));
    return (q.lower25 - target.lower25) ** 2 + (q.median - target.median) ** 2 + (q.upper75 - target.upper75) ** 2;
  };
  const [left, center, right] = minimize(loss, [target.lower25, target.median, target.upper75], iterations, tolerance ** 2);
  const cdf = cdfFromSliderComponents([{ left, center, right }], bounds);
  const achieved = quartilesOfCdf(cdf);
  const error = Math.max(
    Math.abs(achieved.lower25 - target.lower25),
    Math.abs(achieved.median - target.median),
    Math.abs(achieved.upper75 - target.upper75),
  );
  return { thumbs: { left, center, right }, cdf, achieved, error };
}

/**
 * Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) from x0 with a 0.05 simplex.
 * @param {(x: number[]) => number} f @param {number[]} x0
 */
function minimize(f, x0, iterations, goal) {
  const n = x0.length;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + 0.05 : v)))].map((x) => ({ x, y: f(x) }));
  for (let k = 0; k < iterations; k++) {
    simplex.sort((a, b) => a.y - b.y);
    if (simplex[0].y <= goal) break;
    const centroid = x0.map((_, j) => simplex.slice(0, n).reduce((acc, p) => acc + p.x[j], 0) / n);
    const toward = (t) => centroid.map((c, j) => c + t * (simplex[n].x[j] - c));
    const point = (t) => { const x = toward(t); return { x, y: f(x) }; };
    const reflected = point(-1);
    if (reflected.y < simplex[0].y) {
      const expanded = point(-2);
      simplex[n] = expanded.y < reflected.y ? expanded : reflected;
    } else if (reflected.y < simplex[n - 1].y) {
      simplex[n] = reflected;
    } else {
      const contracted = point(0.5);
      if (contracted.y < simplex[n].y) simplex[n] = contracted;
      else simplex = simplex.map((p, i) => (i === 0 ? p : ((x) => ({ x, y: f(x) }))(p.x.map((v, j) => simplex[0].x[j] + 0.5 * (v - simplex[0].x[j])))));
    }
  }
  simplex.sort((a, b) => a.y - b.y);
  return simplex[0].x;
}
