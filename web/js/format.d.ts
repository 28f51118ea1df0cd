/** Types for format.js (the browser loads the .js as it is). */
export function pct(p: number | null | undefined, digits?: number): string;
export function pctRange(range: readonly [number, number] | null | undefined, digits?: number): string;
export function score(x: number | null | undefined, digits?: number): string;
export function count(n: number | null | undefined): string;
export function toEpoch(value: string | number): number;
export function formatDate(value: string | number | null | undefined): string;
export function formatDateTime(value: string | number): string;
export function formatMoment(value: string | number): string;
export function todayIso(now?: number): string;
export function formatDays(days: number | null | undefined): string;
export function truncate(text: string, max?: number): string;
export const STATUS_LABELS: Record<string, string>;
export const KIND_LABELS: Record<string, string>;
export const BEARING_LABELS: Record<string, string>;
export const STANCE_LABELS: Record<string, string>;
export const VERDICT_LABELS: Record<string, string>;
export const SOURCE_TYPE_LABELS: Record<string, string>;
export function label(map: Record<string, string>, value: string): string;
