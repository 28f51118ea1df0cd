import type { ChartConfig, TableSpec, Theme } from './types.js';
import type { VerticalLine } from './plugins.js';
export const MARKERS: Record<'asserts' | 'denies' | 'supports' | 'contradicts' | 'context', { y: number; pointStyle: string; rotation: number; label: string }>;
export function hasTimelineData(claim: any): boolean;
export function forecastSeries(claim: any): Array<{ sourceId: string; forecasts: any[] }>;
export function timelineLines(claim: any, theme?: Theme): VerticalLine[];
export function timelineChartConfig(claim: any, theme?: Theme, opts?: { now?: number; sourceNames?: Map<string, string> | Record<string, string> }): ChartConfig;
export function timelineTable(config: ChartConfig, caption?: string): TableSpec;
