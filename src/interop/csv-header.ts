/**
 * Header matching for spreadsheet CSVs: case-insensitive, surrounding spaces ignored,
 * `_` and `-` the same as a space, and a `map` option naming other headers.
 */
import type { ImportIssue } from './errors.js';

/** Normal form of a header: `Made_At ` → `made at`. */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

/** Column name → index in the record. */
export type ColumnIndex<C extends string> = Partial<Record<C, number>>;

export interface HeaderSpec<C extends string> {
  /** Every column the format knows. */
  known: readonly C[];
  /** Columns that must be present. */
  required: readonly C[];
  /** `{ reckonColumn: 'Their Header' }`. */
  map?: Partial<Record<C, string>>;
  /** Unknown headers: an error (default) or ignored. */
  unknown?: 'error' | 'ignore';
}

/** Resolves a header row to column indexes, reporting unknown, duplicate and missing columns. */
export function resolveHeader<C extends string>(
  cells: string[],
  spec: HeaderSpec<C>,
  line: number,
): { columns: ColumnIndex<C>; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const byHeader = headerLookup(spec);
  const columns: ColumnIndex<C> = {};
  for (const key of Object.keys(spec.map ?? {})) {
    if (!(spec.known as readonly string[]).includes(key)) issues.push({ field: key, message: `map names "${key}", which is not a column` });
  }
  cells.forEach((cell, index) => {
    const column = byHeader.get(normaliseHeader(cell));
    if (column === undefined) {
      if (spec.unknown !== 'ignore' && cell.trim() !== '') {
        issues.push({ line, field: cell, message: `unknown column "${cell}" (rename it with the map option, or remove it)` });
      }
    } else if (columns[column] !== undefined) {
      issues.push({ line, field: column, message: `column "${cell}" appears twice` });
    } else {
      columns[column] = index;
    }
  });
  for (const column of spec.required) {
    if (columns[column] === undefined) {
      const mapped = spec.map?.[column];
      issues.push({ line, field: column, message: `missing required column "${mapped ?? column}"` });
    }
  }
  return { columns, issues };
}

/** Normalised header → column; a mapped column is found only under its mapped name. */
function headerLookup<C extends string>(spec: HeaderSpec<C>): Map<string, C> {
  const lookup = new Map<string, C>();
  for (const column of spec.known) {
    const header = spec.map?.[column] ?? column;
    lookup.set(normaliseHeader(header), column);
  }
  return lookup;
}

/** The trimmed cell for `column`, '' when the column is absent or the record is short. */
export function cell<C extends string>(cells: string[], columns: ColumnIndex<C>, column: C): string {
  const index = columns[column];
  return index === undefined ? '' : (cells[index] ?? '').trim();
}
