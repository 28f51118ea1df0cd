/** Types for fit.js. */
import type { Bounds, Quartiles } from './sliders.js';
export function slidersForQuartiles(
  target: Quartiles,
  bounds: Bounds,
  o?: { iterations?: number; tolerance?: number },
): { thumbs: { left: number; center: number; right: number }; cdf: number[]; achieved: Quartiles; error: number };
