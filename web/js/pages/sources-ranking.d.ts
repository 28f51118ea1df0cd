export const MIN_SCORED: number;
export function scoredCount(s: any, sort: 'accuracy' | 'brier'): number;
export function defaultSort(items: any[]): 'accuracy' | 'brier';
export function unrankedReason(s: any, sort: 'accuracy' | 'brier'): string;
export function splitRanking(items: any[], sort: 'accuracy' | 'brier'): { ranked: any[]; few: any[]; unranked: Array<{ source: any; why: string }> };
export function countNote(s: any, sort: 'accuracy' | 'brier'): string;
