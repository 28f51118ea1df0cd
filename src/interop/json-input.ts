/**
 * Helpers for importers of JSON: parsing with a line number on syntax errors, and
 * narrowing `unknown` values without trusting their shape.
 */
import { ImportError } from './errors.js';

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 1-based line of a character offset. */
export function findLine(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** JSON.parse, throwing ImportError with the line of a syntax error. `baseLine` offsets it (JSON inside HTML). */
export function parseJsonText(text: string, baseLine = 1): unknown {
  try {
    // A byte-order mark is legal in files but not in JSON.parse.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? baseLine - 1 + findLine(text, Number(position[1])) : undefined;
    throw new ImportError([{ line, message: `invalid JSON: ${message}` }]);
  }
}

/** A non-empty trimmed string, or undefined. */
export function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A finite number, also from a numeric string (ClaimReview ratings are often strings). */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A value that may be one item or a list, as a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Joins JSON path segments: joinPath('a', 0, 'b') → `a[0].b`; empty segments are skipped. */
export function joinPath(...segments: Array<string | number>): string {
  let joined = '';
  for (const segment of segments) {
    if (typeof segment === 'number') joined += `[${segment}]`;
    else if (segment !== '') joined += joined === '' ? segment : `.${segment}`;
  }
  return joined;
}
