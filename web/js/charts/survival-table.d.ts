import type { TableSpec } from './types.js';
type Label = (key: string) => string;
/** A table spec with, where it is long, a short view (`summary`) and the full data as CSV. */
export interface LongTableSpec extends TableSpec {
  summary: { step: number; spec: TableSpec; words: string } | null;
  csv: () => string;
}
export const LONG_TABLE: number;
export function summaryStep(groups: any[], budget?: number): number;
export function readAt(group: any, times: number[]): Array<{ days: number; atRisk: number; confirmed: number; refuted: number; censored: number; at: any }>;
export function survivalTable(survival: any, label?: Label): LongTableSpec;
export function incidenceTable(survival: any, label?: Label): LongTableSpec;
export function survivalCsv(survival: any, label?: Label): string;
