/**
 * Equal-width calibration bins: with N bins, bin i covers [i/N, (i+1)/N) and the last bin
 * is closed at 1. Edges are always the double nearest to i/N (`i / n`, one correctly
 * rounded division), and a probability is placed by comparing it with exactly those
 * doubles, so 0.3 (the double nearest 3/10) lands in bin 3 of 10, not bin 2 as a
 * `floor(p·N)` or a `linspace`-edge search might put it.
 */

/** Lower edge of equal bin i of n: i/n (the double nearest to it). */
export function equalBinLower(i: number, n: number): number {
  return i / n;
}

/** Upper edge of equal bin i of n: (i+1)/n; the last bin's upper edge is exactly 1. */
export function equalBinUpper(i: number, n: number): number {
  return (i + 1) / n;
}

/**
 * Index of the equal-width bin of p ∈ [0, 1] among n bins: the unique i with
 * i/n ≤ p < (i+1)/n, or n − 1 when p = 1 (edges as computed by `equalBinLower`).
 * `floor(p·n)` is first guess; the rounded product can be off by one either side of an
 * edge, so it is corrected by comparing p with the edges themselves (no epsilon).
 */
export function locateEqualBin(p: number, n: number): number {
  let i = Math.floor(p * n);
  if (i > n - 1) i = n - 1;
  if (i < 0) i = 0;
  while (i > 0 && p < i / n) i -= 1;
  while (i < n - 1 && p >= (i + 1) / n) i += 1;
  return i;
}
