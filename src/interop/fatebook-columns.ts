/**
 * Fatebook's export header (Sage-Future/fatebook `lib/web/export.ts`). It has had three
 * forms: 15 columns (`Question resolution`, `Question resolved at`, no option column),
 * 16 (adds `Multiple choice option`; `Resolution`, `Resolved at`) and 17 (adds
 * `Question tags`, joined with "; "). Columns are found by name, so all three work.
 */
import { cell, normaliseHeader, type ColumnIndex } from './csv-header.js';
import type { ImportIssue } from './errors.js';

export const FATEBOOK_FIELDS = {
  title: ['Question title'],
  option: ['Multiple choice option'],
  forecaster: ['Forecast created by'],
  forecast: ['Forecast (scale = 0-1)'],
  forecastAt: ['Forecast created at'],
  creator: ['Question created by'],
  createdAt: ['Question created at'],
  resolveBy: ['Question resolve by'],
  resolution: ['Resolution', 'Question resolution'],
  resolvedAt: ['Resolved at', 'Question resolved at'],
  notes: ['Question notes'],
  tags: ['Question tags'],
} as const;
export type FatebookField = keyof typeof FATEBOOK_FIELDS;

const REQUIRED: readonly FatebookField[] = ['title', 'forecaster', 'forecast', 'forecastAt', 'createdAt', 'resolveBy', 'resolution'];

/** Finds Fatebook's columns; other columns (Brier scores, sharing, comments) are not needed. */
export function resolveFatebookHeader(cells: string[]): { columns: ColumnIndex<FatebookField>; issues: ImportIssue[] } {
  const columns: ColumnIndex<FatebookField> = {};
  const normalised = cells.map(normaliseHeader);
  for (const [field, names] of Object.entries(FATEBOOK_FIELDS) as Array<[FatebookField, readonly string[]]>) {
    const index = normalised.findIndex((header) => names.some((name) => normaliseHeader(name) === header));
    if (index !== -1) columns[field] = index;
  }
  const issues = REQUIRED.filter((field) => columns[field] === undefined).map((field) => ({
    line: 1,
    field: FATEBOOK_FIELDS[field][0],
    message: `missing Fatebook column "${FATEBOOK_FIELDS[field].join('" or "')}"`,
  }));
  return { columns, issues };
}

/** The column header a field was read from, for error messages. */
export function fatebookHeader(field: FatebookField): string {
  return FATEBOOK_FIELDS[field][0];
}

/** Reads one field of a row. */
export function fatebookCell(cells: string[], columns: ColumnIndex<FatebookField>, field: FatebookField): string {
  return cell(cells, columns, field);
}
