/** Types for fan.js. */
import type { ChartConfig, TableSpec, Theme } from './types.js';
import type { Quantile } from './continuous.js';
export function fanRows(claim: any, series: Array<{ madeAt: string; cdf: number[] }>): Array<{ x: number; date: string; quantiles: Quantile[] }>;
export function fanConfig(claim: any, series: Array<{ madeAt: string; cdf: number[] }>, theme?: Theme, o?: { color?: string; now?: number }): ChartConfig & { reckon: any };
export function fanTable(config: ChartConfig & { reckon?: any }, caption: string): TableSpec;
