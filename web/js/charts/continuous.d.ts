/** Types for continuous.js. */
import type { Theme } from './types.js';
export interface Quantile { value: number; edge: 'below' | 'above' | null }
export function isDateQuestion(claim: any): boolean;
export function toAxis(claim: any, v: number): number;
export function formatValue(claim: any, v: number): string;
export function resolvedValue(claim: any): number | 'below-range' | 'above-range' | null;
export function describeResolution(claim: any): string;
export function quantileOf(claim: any, cdf: number[], p: number): Quantile;
export function formatQuantile(claim: any, q: Quantile): string;
export function valueScale(claim: any, theme: Theme, title: string, o?: { min?: number; max?: number }): Record<string, any>;
export function cdfSeries(claim: any): Array<{ sourceId: string; forecasts: Array<{ madeAt: string; cdf: number[] }> }>;
export function momentOf(f: { madeAt: string }): string;
export function logTick(v: number): string;
