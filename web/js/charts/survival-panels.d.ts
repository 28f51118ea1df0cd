import type { ChartConfig, Theme } from './types.js';
type Label = (key: string) => string;
export function survivalPanelScales(survival: any): { drawn: any[]; maxDays: number; maxShare: number; marks: boolean };
export function survivalPanelConfig(group: any, scales: { drawn?: any[]; maxDays: number; maxShare: number; marks: boolean }, theme?: Theme, label?: Label): ChartConfig;
