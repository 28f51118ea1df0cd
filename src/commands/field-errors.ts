/**
 * Problems with an input, each named by a JSON Pointer (RFC 6901) to the bad field: the one
 * shape the API (problem+json `errors`), the CLI and the importers report.
 */
import type { ZodError } from 'zod';
// zod's default messages become what to do (zod 4's global error map); installed before any parse.
import './zod-messages.js';

export interface FieldError {
  pointer: string;
  message: string;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** "resolutionCriteria" → "resolutionCriteria"; ["tags", 1] → "tags item 2"; [] → "the input". */
export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  const last = path.at(-1);
  if (last === undefined) return 'the input';
  if (typeof last === 'number' || /^\d+$/.test(String(last))) return `${path.length > 1 ? `${fieldName(path.slice(0, -1))} ` : ''}item ${Number(last) + 1}`;
  return String(last);
}

/**
 * A message as a sentence naming its field: a fragment ("must not be empty") gets the field's
 * name in front and a full stop ("title must not be empty."); a message that is already a
 * sentence (it starts with a capital) is kept as it is.
 */
export function fieldSentence(path: ReadonlyArray<PropertyKey>, message: string): string {
  if (/^[A-Z“"]/.test(message)) return message;
  const text = `${fieldName(path)} ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Every zod issue as a pointer to the bad field; an unknown key points at the key itself. */
export function zodFieldErrors(error: ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ pointer: toPointer([...issue.path, key]), message: `${key} is not a field of this request: remove it (names are case-sensitive).` });
    } else {
      out.push({ pointer: toPointer(issue.path), message: fieldSentence(issue.path, issue.message) });
    }
  }
  return out;
}

const LISTED = 5;

/**
 * The problem+json `detail` for field errors: what was refused and, for each field (up to five),
 * its pointer and the fix — "The request body was not accepted. Fix 2 fields: /title: title must
 * not be empty. /kind: kind must be one of prediction or allegation."
 */
export function describeFieldErrors(errors: FieldError[], what = 'The input'): string {
  if (errors.length === 0) return `${what} was not accepted.`;
  const fields = new Set(errors.map((e) => e.pointer)).size;
  const listed = errors.slice(0, LISTED).map((e) => `${e.pointer || '(the whole input)'}: ${e.message}`);
  const more = errors.length > LISTED ? ` …and ${errors.length - LISTED} more in \`errors\`.` : '';
  return `${what} was not accepted. Fix ${fields === 1 ? 'this field' : `${fields} fields`} and send it again: ${listed.join(' ')}${more}`;
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
    if (problem) out.push({ pointer: toPointer(path), message: fieldSentence(path, problem) });
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
      if (problem) out.push({ pointer: toPointer(path), message: `A field name inside ${fieldName(path.slice(0, -1))} ${problem}.` });
      textProblems((value as Record<string, unknown>)[k], path, out);
      path.pop();
    }
  }
  return out;
}
