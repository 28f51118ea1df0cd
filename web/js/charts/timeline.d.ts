import type { ChartConfig, TableSpec, Theme } from './types.js';
import type { VerticalLine } from './plugins.js';
type Names = Map<string, string> | Record<string, string>;
export function hasTimelineData(claim: any): boolean;
export function forecastSeries(claim: any): Array<{ sourceId: string; forecasts: any[] }>;
export function timelineLines(claim: any, theme?: Theme): VerticalLine[];
export function timelineRange(claim: any, opts?: { now?: number; sourceNames?: Names }): { min?: number; max?: number };
export function timelineChartConfig(claim: any, theme?: Theme, opts?: { now?: number; sourceNames?: Names; range?: { min?: number; max?: number }; axisWidth?: (w: number) => number }): ChartConfig;
export function timelineTable(config: ChartConfig, caption?: string): TableSpec;
