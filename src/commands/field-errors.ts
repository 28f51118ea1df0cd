/**
 * Problems with an input, each named by a JSON Pointer (RFC 6901) to the bad field: the one
 * shape the API (problem+json `errors`), the CLI and the importers report.
 */
import type { ZodError } from 'zod';

export interface FieldError {
  pointer: string;
  message: string;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Every zod issue as a pointer to the bad field; an unknown key points at the key itself. */
export function zodFieldErrors(error: ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ pointer: toPointer([...issue.path, key]), message: 'unknown field' });
    } else {
      out.push({ pointer: toPointer(issue.path), message: issue.message });
    }
  }
  return out;
}

/** A lone UTF-16 surrogate: JSON can carry one (`"\\ud800"`), canonical JSON (RFC 8785) cannot. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Text with neither U+0000 nor any surrogate code unit: nothing to look at more closely. */
export const PLAIN_TEXT = /^[^\u0000\uD800-\uDFFF]*$/;
const UNPAIRED = 'must be well-formed Unicode (a lone surrogate cannot be stored)';
const HOLDS_NUL = 'must not hold the NUL character (U+0000)';

function stringProblem(s: string): string | null {
  if (PLAIN_TEXT.test(s)) return null;
  if (s.includes('\u0000')) return HOLDS_NUL;
  return LONE_SURROGATE.test(s) ? UNPAIRED : null;
}

/**
 * A pointer to every string (value or key) that cannot be stored as text: one holding U+0000
 * (SQLite's text functions and many clients stop at it) or a lone surrogate (no RFC 8785 form).
 */
export function textProblems(value: unknown, path: PropertyKey[] = [], out: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    if (problem) out.push({ pointer: toPointer(path), message: problem });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      textProblems(value[i], path, out);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      path.push(k);
      const problem = stringProblem(k);
      if (problem) out.push({ pointer: toPointer(path), message: problem });
      textProblems((value as Record<string, unknown>)[k], path, out);
      path.pop();
    }
  }
  return out;
}
