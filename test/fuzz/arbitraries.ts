/**
 * fast-check arbitraries for fuzzing the API from its OpenAPI document: values generated from a
 * JSON Schema (valid-ish, steered by per-field hints so that writes can succeed), mutations of
 * them, nasty values and strings, raw JSON tokens JSON.stringify cannot write (NaN, 1e999, deep
 * nesting), percent-encoded path segments and query strings (lone surrogates included), and the
 * content types to send them with.
 */
import fc from 'fast-check';
import type { OpenApiDoc } from '../helpers/openapi-check.js';

export type Schema = Record<string, any>;
type Arb<T = unknown> = fc.Arbitrary<T>;

/** Text put verbatim into a JSON body by `toJson`. */
export class Raw {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text.length > 60 ? `Raw(${this.text.slice(0, 30)}…${this.text.length})` : `Raw(${this.text})`;
  }
}

/** JSON text of a value that may hold `Raw` tokens (iterative over Raw, so deep nesting is cheap). */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An own, enumerable property even for `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function deref(doc: OpenApiDoc, schema: Schema | undefined): Schema {
  let s: Schema = schema ?? {};
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    const parts = (s.$ref as string).replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    s = parts.reduce<any>((node, p) => node?.[p], doc) ?? {};
  }
  return s;
}

// ---------------------------------------------------------------- nasty values

const LONG = 'x'.repeat(10_000);
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '\t\n\r', '\u0000', 'a\u0000b', '\u0000'.repeat(50),
  '\uD800', '\uDFFF', 'x\uD83D', '\uDE00x', '\uDFFF\uD800',
  '\u202Eevil\u202C', '\u200F\u05E9\u05DC\u05D5\u05DD', 'שלום עולם', 'مرحبا بالعالم', '\u200B', '\u200B\u200C\u200D\uFEFF', '\uFEFF',
  '\u2028\u2029', '\u0085', 'e\u0301\u0301\u0301', 'Z̷̢̛a̴l̸g̶o̵', '👩‍👩‍👧‍👦', '🏳️‍🌈'.repeat(100), '\uFFFD', '\uFFFF', '\u{10FFFF}',
  LONG, '\u00e9'.repeat(10_000), '\uD800'.repeat(5_000), ' '.repeat(10_000),
  "'; DROP TABLE events; --", '" OR 1=1 --', 'a" *', '"*', 'NEAR(a b)', 'title:x', '<script>alert(1)</script>', '../../etc/passwd',
  '%00', '%ED%A0%80', '%', '${jndi:ldap://x}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'toString',
  'null', 'true', 'false', 'undefined', '0', '-0', '-1', '1.5', 'NaN', 'Infinity', '-Infinity', '1e309', '0x10', '9007199254740993', '99999999999999999999999',
  '2023-02-30', '2023-02-29', '2024-02-29', '2024-02-30', '2023-13-01', '2023-00-10', '2023-04-31', '0000-01-01', '0000', '9999-12-31', '10000-01-01',
  '+275760-09-13', '-000001-01-01', '2024-01-01T24:00:00Z', '2024-01-01T23:59:60Z', '2024-01-01T12:00:00+25:00', '2024-01-01T12:00:00',
  '2024-01-01 12:00:00', '2024-1-1', '20240101', '2024-W01', '2024-001', '1970-01-01T00:00:00.000000001Z', '2024-01-01T12:00:00.5-07:00',
  '1900', '1900-02-29', '2100-02-29', '2000-02-29', '2024-12', '2024-00', '2024-13',
  'javascript:alert(1)', 'http://', 'https://', 'https://[::1', 'ftp://example.org/x', 'https://example.org/' + 'a'.repeat(3_000), 'https://ex\u0000ample.org',
  'a'.repeat(64), 'a'.repeat(65), 'A', 'UPPER-CASE', '-lead', '_x', 'x-', 'ä',
  'very likely', 'VERY LIKELY ', 'almost certainly', 'probably', 'US', 'us', 'XX', 'USA',
  'asserts', 'denies', 'confirmed', 'refuted', 'open', 'prediction', 'allegation', 'supports', 'person',
];

/** Unicode edge cases to slip into otherwise valid text. */
export const UNICODE_SNIPPETS: readonly string[] = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDFFF\uD800', 'a\uD83D', '\uDE00b', '\u0000', 'a\u0000b', '\u202E', '\u202Eabc\u202C', '\u200F', '\u061C',
  'שלום', 'مرحبا', '\u200B', '\u200D', '\uFEFF', '\u2060', '\u00AD', '\u2028', '\u0085', '\u000B', '\u001F', '\u007F', 'e\u0301', '\u0301', 'Z̷̢̛a̴l̸g̶o̵',
  '👩‍👩‍👧‍👦', '🏳️‍🌈', '\u{1F600}', '\u{10FFFF}', '\uFFFE', '\uFFFF', '\uFFFD', 'ﬃ', 'İ', 'ß', 'Ǆ', '\u3000', '\u00A0',
];

const RAW_TOKENS: readonly Raw[] = [
  new Raw('NaN'), new Raw('Infinity'), new Raw('-Infinity'), new Raw('1e309'), new Raw('-1e309'), new Raw('1e-400'),
  new Raw('123456789012345678901234567890'), new Raw('-0'), new Raw('0.1e1'), new Raw('1E2'), new Raw('0x10'), new Raw('01'), new Raw('.5'), new Raw('+1'),
  new Raw('undefined'), new Raw("'single'"), new Raw('"\\ud800"'), new Raw('"\\udfff\\ud800"'), new Raw('"\\u0000"'), new Raw('"a\\u0000b"'),
  new Raw('"unterminated'), new Raw('"\\x41"'), new Raw('"\t"'), new Raw('"\n"'), new Raw('tru'), new Raw('[1,]'), new Raw('{"a":1,}'),
  new Raw('['.repeat(1_000) + ']'.repeat(1_000)), new Raw('{"a":'.repeat(500) + '1' + '}'.repeat(500)), new Raw('['.repeat(20_000) + ']'.repeat(20_000)),
  new Raw('['.repeat(1_000)), new Raw('{"a":1,"a":2}'), new Raw('{"__proto__":{"polluted":true}}'), new Raw('{"constructor":{"prototype":{"x":1}}}'),
];

export const NASTY_NUMBERS: readonly number[] = [
  0, -0, 1, -1, 0.5, 0.01, 0.99, 0.009999, 0.990001, 1e-300, 5e-324, -5e-324, 1e308, -1e308, 1.7976931348623157e308,
  2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 63, 2 ** 64, 1.5, 49.999,
];

export function nastyValue(depth = 0): Arb {
  const scalar: Arb = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
    { weight: 3, arbitrary: fc.constantFrom(...RAW_TOKENS) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
  );
  if (depth >= 2) return scalar;
  return fc.oneof(
    { weight: 8, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(nastyValue(depth + 1), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', '', '__proto__', 'id', 'x\u0000', '\uD800'), nastyValue(depth + 1), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

// ---------------------------------------------------------------- schema-driven values

/** A value for a named field, or undefined to fall back to the schema. */
export type Hints = (name: string | undefined, schema: Schema) => Arb | undefined;

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
const sentence = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const unicodeText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });

export const isoDate = fc
  .record({ y: fc.integer({ min: 1990, max: 2035 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
export const isoDateTime = fc
  .record({ date: isoDate, h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), z: fc.constantFrom('Z', '+02:00', '-05:30', '.123Z') })
  .map(({ date, h, mi, z }) => `${date}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00${z}`);
const recentInstant = fc.integer({ min: -400, max: 0 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString());
export const instant = fc.oneof(isoDate, isoDateTime, recentInstant);
export const partialDate = fc.oneof(
  fc.integer({ min: 1990, max: 2030 }).map(String),
  isoDate.map((d) => d.slice(0, 7)),
  isoDate,
);

function stringFor(schema: Schema): Arb<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'date-time') return instant;
  if (schema.format === 'uri') return fc.oneof(fc.constant('https://example.org/report'), fc.webUrl({ validSchemes: ['https', 'http'] }));
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 60);
  return fc.oneof({ weight: 5, arbitrary: sentence }, { weight: 1, arbitrary: unicodeText }).filter((s) => s.length >= min && s.length <= max && (min === 0 || s.trim().length > 0));
}

function numberFor(schema: Schema, integer: boolean): Arb<number> {
  const lo = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined);
  const hi = schema.maximum ?? (typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined);
  if (integer) return fc.integer({ min: Math.max(lo ?? -1000, -1e9), max: Math.min(hi ?? 1000, 1e9) });
  return fc.double({
    min: lo ?? -1000,
    max: hi ?? 1000,
    minExcluded: typeof schema.exclusiveMinimum === 'number',
    maxExcluded: typeof schema.exclusiveMaximum === 'number',
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** A value for `schema`, mostly valid: what a careful client would send. */
export function fromSchema(doc: OpenApiDoc, schema0: Schema | undefined, hints: Hints, name?: string, depth = 0): Arb {
  const schema = deref(doc, schema0);
  const hinted = hints(name, schema);
  if (hinted) return hinted;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return fc.oneof(...(schema[key] as Schema[]).map((s) => fromSchema(doc, s, hints, name, depth + 1)));
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf as Schema[]) {
      const p = deref(doc, part);
      Object.assign(merged.properties, p.properties ?? {});
      merged.required.push(...(p.required ?? []));
    }
    return fromSchema(doc, merged, hints, name, depth + 1);
  }
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['object'];
  const arbs = types.map((t): Arb => {
    switch (t) {
      case 'null':
        return fc.constant(null);
      case 'string':
        return stringFor(schema);
      case 'integer':
        return numberFor(schema, true);
      case 'number':
        return numberFor(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        if (depth > 4) return fc.constant([]);
        const items = fromSchema(doc, schema.items ?? {}, hints, name ? `${name}[]` : undefined, depth + 1);
        return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
      }
      default: {
        if (depth > 4 || !schema.properties) return fc.constant({});
        const props = schema.properties as Record<string, Schema>;
        const shape = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, fromSchema(doc, s, hints, k, depth + 1)]));
        return fc.record(shape, { requiredKeys: (schema.required ?? []) as never[] }) as Arb;
      }
    }
  });
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

// ---------------------------------------------------------------- mutations

export type Body = { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

const odd_keys = fc.oneof(
  fc.constantFrom('surprise', '', ' ', '__proto__', 'constructor', 'prototype', 'ID', 'Id', 'id ', 'x\u0000y', '\uD800', '\u202Eid', 'id\u200B', 'a'.repeat(5_000), '$ref', 'seq', 'hash'),
  fc.string({ maxLength: 12 }),
);

/** A schema-made object, as is or mutated: a field dropped, added, or swapped for a nasty value. */
export function mutatedBody(doc: OpenApiDoc, schema: Schema, hints: Hints): Arb<unknown> {
  const s = deref(doc, schema);
  const keys = Object.keys(s.properties ?? {});
  const required = (s.required ?? []) as string[];
  return fromSchema(doc, s, hints).chain((valid) => {
    if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return fc.constant(valid);
    const obj = valid as Record<string, unknown>;
    const present = Object.keys(obj);
    const options: Array<{ weight: number; arbitrary: Arb<unknown> }> = [{ weight: 8, arbitrary: fc.constant(obj) }];
    if (required.length) {
      options.push({ weight: 2, arbitrary: fc.constantFrom(...required).map((k) => omit(obj, k)) });
    }
    options.push({
      weight: 2,
      arbitrary: fc.tuple(odd_keys, nastyValue()).map(([k, v]) => {
        const copy = { ...obj };
        setOwn(copy, k, v);
        return copy;
      }),
    });
    if (keys.length) {
      options.push({
        weight: 6,
        arbitrary: fc.tuple(fc.subarray(keys, { minLength: 1, maxLength: Math.min(3, keys.length) }), fc.array(nastyValue(), { minLength: 3, maxLength: 3 })).map(([ks, vs]) => {
          const copy = { ...obj };
          ks.forEach((k, i) => setOwn(copy, k, vs[i]));
          return copy;
        }),
      });
    }
    const strings = present.filter((k) => typeof obj[k] === 'string' || (Array.isArray(obj[k]) && (obj[k] as unknown[]).some((x) => typeof x === 'string')));
    if (strings.length) {
      // Still valid but for its Unicode: a lone surrogate, RTL, zero-width, NUL, emoji in a text field.
      options.push({
        weight: 3,
        arbitrary: fc.tuple(fc.constantFrom(...strings), fc.constantFrom(...UNICODE_SNIPPETS), fc.constantFrom('start', 'end', 'only')).map(([k, snippet, where]) => {
          const copy = { ...obj };
          const edit = (v: unknown) => (typeof v !== 'string' ? v : where === 'only' ? snippet : where === 'start' ? snippet + v : v + snippet);
          copy[k] = Array.isArray(copy[k]) ? (copy[k] as unknown[]).map(edit) : edit(copy[k]);
          return copy;
        }),
      });
    }
    if (present.length) {
      // A nested field swapped: array items and sub-objects.
      options.push({
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...present), nastyValue()).map(([k, v]) => {
          const copy = { ...obj };
          const cur = copy[k];
          if (Array.isArray(cur)) copy[k] = [...cur, v];
          else if (cur && typeof cur === 'object') copy[k] = { ...(cur as object), [Object.keys(cur)[0] ?? 'x']: v };
          else copy[k] = [cur, v];
          return copy;
        }),
      });
    }
    return fc.oneof(...options);
  });
}

function omit(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

const MALFORMED: readonly string[] = [
  '', ' ', '\n', '{', '}', '{bad}', '{"a":', '{"a" 1}', "{'a':1}", '{"a":1,}', '[1,2', 'nul', 'tru', 'NaN', '{"a":NaN}', '{"a":undefined}',
  '\uFEFF{}', '{}\u0000', '{} {}', '{}garbage', '//{}', '/* */{}', '{"a":"\\x"}', '{"a":"\u0001"}', '{"a":01}', '"\\ud800"',
  '<?xml version="1.0"?><a/>', 'name=x&type=person', '---\nname: x', '\u0000\u0000\u0000', '{"a":1}'.repeat(1000),
];

/** Whole bodies: schema-made and mutated, plus garbage of every kind. */
export function bodyArb(doc: OpenApiDoc, schema: Schema | undefined, hints: Hints, maxBytes: number): Arb<Body> {
  const json = (a: Arb<unknown>): Arb<Body> => a.map((value) => ({ kind: 'json' as const, value }));
  const options: Array<{ weight: number; arbitrary: Arb<Body> }> = [
    { weight: 2, arbitrary: json(fc.jsonValue({ maxDepth: 3 })) },
    { weight: 1, arbitrary: json(nastyValue()) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED).map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        // Just over the limit, in ASCII and in two-byte characters; deep nesting under it.
        { kind: 'json' as const, value: { note: 'x'.repeat(maxBytes + 1) } },
        { kind: 'json' as const, value: { note: '\u00e9'.repeat(Math.ceil(maxBytes / 2) + 1) } },
        { kind: 'text' as const, text: '['.repeat(100_000) + ']'.repeat(100_000) },
        { kind: 'text' as const, text: ' '.repeat(maxBytes + 1) },
        { kind: 'bytes' as const, bytes: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]) },
      ),
    },
  ];
  if (schema) {
    options.push({ weight: 20, arbitrary: json(mutatedBody(doc, schema, hints)) });
    // A valid-ish body cut short: malformed JSON that looks right.
    options.push({
      weight: 1,
      arbitrary: fc.tuple(fromSchema(doc, schema, hints), fc.nat()).map(([v, n]) => {
        const text = toJson(v);
        return { kind: 'text' as const, text: text.slice(0, n % Math.max(1, text.length)) };
      }),
    });
  }
  return fc.oneof(...options);
}

// ---------------------------------------------------------------- content types

export const CONTENT_TYPES = fc.oneof(
  { weight: 30, arbitrary: fc.constant('application/json') },
  { weight: 4, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'application/merge-patch+json', 'application/json;charset=UTF-8') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonx',
      'json',
      'application/json, text/plain',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/problem+json',
      '*/*',
      'application/\u00e9+json',
    ),
  },
);

// ---------------------------------------------------------------- paths and queries

/** Percent-encode a string as UTF-8, lone surrogates as their (invalid) three-byte form. */
export function encodeSegment(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(s[i]!);
    }
  }
  return out;
}

/** Path segments sent as they are (already encoded, or deliberately not). */
export const RAW_SEGMENTS: readonly string[] = [
  '%00', '%2F', 'a%2Fb', '%2e%2e', '%2E', '..', '.', '%', '%zz', '%ED%A0%80', '%ED%BF%BF', '%FF', '%C0%AF', '%E2%80%AE', '%E2%80%8B', '%EF%BB%BF',
  'a'.repeat(65), 'a'.repeat(10_000), 'A-UPPER', '-lead', '%20', '+', ';', 'a;b=c', '%3B', '~', '%7E', '@', ':', '*', '%2A', '\\', '%5C',
  'NaN', 'Infinity', '-Infinity', '-1', '0', '-0', '00', '01', '1e3', '1e309', '0x1F', '0b1', '1.5', '1.0', '9007199254740991', '9007199254740992',
  '9007199254740993', '99999999999999999999999', '+1', '%201', '1%20', '%D9%A1%D9%A2', 'null', 'undefined', '__proto__', 'constructor', 'toString',
];

export function weirdSegment(): Arb<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS).map(encodeSegment) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeSegment) },
    { weight: 1, arbitrary: fc.integer({ min: -1e6, max: 1e12 }).map(String) },
  );
}
