import type { Theme } from './types.js';
export type { Theme };
export const LIGHT: Theme;
export function withAlpha(color: string, alpha: number): string;
export function seriesColor(theme: Theme, i: number): string;
