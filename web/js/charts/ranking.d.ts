import type { ChartConfig, Theme } from './types.js';
export function rankedWith(items: any[], sort: 'accuracy' | 'brier'): any[];
export function rankingConfig(items: any[], sort?: 'accuracy' | 'brier', theme?: Theme): ChartConfig;
export function wrapLabel(text: string, width: number, maxLines?: number): string[];
export function niceCeil(x: number): number;
export function brierAxis(values: number[]): { max: number; title: string };
export function rankingHeight(rows: any[], sort?: 'accuracy' | 'brier'): number;
