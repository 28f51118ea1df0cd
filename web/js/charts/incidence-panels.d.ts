import type { ChartConfig, Theme } from './types.js';
type Label = (key: string) => string;
export function panelShareMax(groups: any[]): number;
export function panelScales(survival: any): { drawn: any[]; maxDays: number; maxShare: number };
export function incidencePanelConfig(group: any, scales: { drawn?: any[]; maxDays: number; maxShare: number }, theme?: Theme, label?: Label): ChartConfig;
export { niceTop } from './panels.js';
