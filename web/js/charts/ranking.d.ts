import type { ChartConfig, Theme } from './types.js';
export function rankedWith(items: any[], sort: 'accuracy' | 'brier'): any[];
export function rankingConfig(items: any[], sort?: 'accuracy' | 'brier', theme?: Theme): ChartConfig;
