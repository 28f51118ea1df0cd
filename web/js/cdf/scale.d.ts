/** Types for scale.js. */
export interface ScaledRange { min: number | string; max: number | string; scale?: 'linear' | 'log' }
export function rangeNumber(v: number | string): number;
export function toLocation(x: number | string, range: ScaledRange): number;
export function fromLocation(t: number, range: ScaledRange): number;
export function densityPoints(cdf: number[], range: ScaledRange, o?: { perDay?: boolean }): Array<{ x: number; y: number }>;
