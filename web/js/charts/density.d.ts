/** Types for density.js. */
import type { ChartConfig, TableSpec, Theme } from './types.js';
export function densityCurve(claim: any, cdf: number[]): Array<{ x: number; y: number; value: string }>;
export function densityConfig(claim: any, theme?: Theme, o?: { sourceNames?: Map<string, string> }): ChartConfig;
export function densityTable(config: ChartConfig, caption: string): TableSpec;
export function tailsInWords(claim: any, sourceNames?: Map<string, string>): string | null;
