/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): a small seeded PRNG, so that a randomised test
 * builds the same run every time and a failure can be replayed from its seed.
 */
export function prng(seed: number) {
  let a = seed >>> 0;
  /** The next number, uniform in [0, 1). */
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A whole number from 0 to n − 1. */
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
