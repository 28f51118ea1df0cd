export function niceTimeTicks(min: number, max: number, maxCount?: number): { unit: 'day' | 'month' | 'year'; values: number[] };
export function formatTimeTick(ms: number, unit: 'day' | 'month' | 'year'): string;
export function timeScale(o: { min?: number; max?: number; title?: string; color: string; grid: string }): Record<string, any>;
