import type { ChartConfig, Theme } from './types.js';
export function niceTop(days: number): number;
export function lastDay(groups: any[]): number;
export function panelConfig(group: any, name: string, siblings: string[], datasets: any[], scales: { maxDays: number; maxShare: number }, theme: Theme): ChartConfig;
