import { expect } from 'vitest';

/** Assert |actual − expected| ≤ tol (default 1e-12), with a readable failure message. */
export function expectNear(actual: number | null | undefined, expected: number, tol = 1e-12): void {
  expect(actual, `expected ${String(actual)} ≈ ${expected} (±${tol})`).toBeTypeOf('number');
  if (actual === expected) return; // also equal infinities
  const diff = Math.abs((actual as number) - expected);
  expect(diff, `expected ${String(actual)} ≈ ${expected} (±${tol})`).toBeLessThanOrEqual(tol);
}

/** The next double above x (x finite, ≥ 0). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}

/** The next double below x (x finite, > 0). */
export function nextDown(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}
