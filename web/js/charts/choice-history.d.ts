/** Types for choice-history.js. */
import type { ChartConfig, TableSpec, Theme } from './types.js';
export interface ChoicePoint { madeAt: string; probabilities: number[] }
export function choiceSeries(claim: any, sourceId: string): ChoicePoint[];
export function choiceSources(claim: any): string[];
export function resolutionLine(claim: any, theme: Theme, describe: (v: unknown) => string): Array<{ x: number; label: string; color: string; kind: string }>;
export function choiceHistoryConfig(claim: any, series: ChoicePoint[], theme?: Theme, o?: { now?: number }): ChartConfig;
export function choiceHistoryTable(config: ChartConfig, caption: string): TableSpec;
