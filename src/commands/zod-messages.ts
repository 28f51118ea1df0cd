/**
 * zod's default messages ("Too big: expected number to be <1") rewritten as what to do about
 * them ("must be less than 1 (it is 1.5); give a fraction such as 0.7 for 70 %"), installed as
 * zod 4's global `customError` (https://zod.dev/error-customization#global-error-customization),
 * which only fills in where a schema gave no message of its own. The message is the part after
 * the field's name; `fieldSentence` (field-errors.ts) puts the name in front.
 */
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** A value as a person would quote it back: `"guess"`, `1.5`, `an object`. */
export function quote(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `“${v.slice(0, 39)}…”` : `“${v}”`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : typeof v;
}

const KINDS: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object', date: 'a date', bigint: 'a whole number' };
const kind = (t: string) => KINDS[t] ?? t;

/** How long a string or a list is, in its own words. */
function size(origin: string, n: number | bigint): string {
  if (origin === 'string') return `${n} ${n === 1 ? 'character' : 'characters'}`;
  if (origin === 'array' || origin === 'set') return `${n} ${n === 1 ? 'item' : 'items'}`;
  return String(n);
}

function lengthOf(input: unknown): number | null {
  if (typeof input === 'string' || Array.isArray(input)) return input.length;
  return null;
}

/** A number bound of 0 or 1 on a number is a probability's: say which unit the API takes. */
function probabilityHint(origin: string, bound: unknown): string {
  return origin === 'number' && (bound === 1 || bound === 0) ? '; give a fraction such as 0.7 for 70 %' : '';
}

/** "70%" sent where the API takes a fraction: say which fraction that is. */
function percentHint(expected: string, input: unknown): string {
  const m = expected === 'number' && typeof input === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(input) : null;
  return m ? `; the API takes fractions: send ${Number(m[1]) / 100} for ${m[1]} %` : '';
}

function tooBig(iss: Extract<Issue, { code: 'too_big' }>): string {
  const { origin, maximum, inclusive } = iss;
  const len = lengthOf(iss.input);
  if (origin === 'string' || origin === 'array' || origin === 'set') return `must be at most ${size(origin, maximum)}${len === null ? '' : ` (it has ${len}); shorten it`}`;
  return `must be ${inclusive ? 'at most' : 'less than'} ${String(maximum)}${iss.input === undefined ? '' : ` (it is ${quote(iss.input)})`}${probabilityHint(origin, maximum)}`;
}

function tooSmall(iss: Extract<Issue, { code: 'too_small' }>): string {
  const { origin, minimum, inclusive } = iss;
  if (origin === 'string' && Number(minimum) === 1) return 'must not be empty';
  if (origin === 'array' || origin === 'set') return `must have at least ${size(origin, minimum)}`;
  if (origin === 'string') return `must be at least ${size(origin, minimum)} (it has ${lengthOf(iss.input) ?? 0})`;
  return `must be ${inclusive ? 'at least' : 'greater than'} ${String(minimum)}${iss.input === undefined ? '' : ` (it is ${quote(iss.input)})`}${probabilityHint(origin, minimum)}`;
}

/** The message for an issue no schema named, or undefined to keep zod's own. */
export function explainIssue(iss: Issue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return `is required: give ${kind(iss.expected)}`;
      return `must be ${kind(iss.expected)}, not ${quote(iss.input)}${percentHint(iss.expected, iss.input)}`;
    case 'too_big':
      return tooBig(iss);
    case 'too_small':
      return tooSmall(iss);
    case 'invalid_value': {
      const values = iss.values.map((v: unknown) => (typeof v === 'string' ? v : String(v)));
      const got = iss.input === undefined ? '' : ` (it is ${quote(iss.input)})`;
      return values.length === 1 ? `must be ${values[0]}${got}` : `must be one of ${values.slice(0, -1).join(', ')} or ${values.at(-1)}${got}`;
    }
    case 'invalid_format':
      if (iss.format === 'url') return `must be a web address starting with http:// or https:// (it is ${quote(iss.input)})`;
      if (iss.format === 'regex') return `does not have the expected form (it is ${quote(iss.input)})`;
      return `must be a valid ${iss.format} (it is ${quote(iss.input)})`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    case 'invalid_union':
      return 'does not match any of the accepted forms; see the API documentation at /docs';
    default:
      return undefined;
  }
}

z.config({ customError: explainIssue });
