/**
 * The ledger's canonical JSON (src/domain/canonical.ts) takes a fast path for plain data: its
 * text must be byte for byte what the `canonicalize` library (RFC 8785) makes of the same
 * value, and every value it does not take (or that the library refuses) must get the
 * library's own answer or error. The hash chain depends on it.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, canonicalJson, chainHash } from '../../src/domain/canonical.js';
import { prng } from '../helpers/prng.js';

/** What the library answers, or the message it throws. */
function library(v: unknown): string {
  try {
    const text = canonicalize(v);
    return text === undefined ? 'ERROR value cannot be canonicalised' : text;
  } catch (err) {
    return `ERROR ${(err as Error).message}`;
  }
}

function ours(v: unknown): string {
  try {
    return canonicalJson(v);
  } catch (err) {
    return `ERROR ${(err as Error).message}`;
  }
}


const STRINGS = ['', 'a', 'fc-12', 'Ελληνικά', '中文', '👩🏽‍🔬', 'e\u0301', '\u200b', '\u2028\u2029', 'quote " and \\ slash /', '\n\t\r\b\f', '\u0000\u001f\u007f', '\ud800', 'x\udc00', '\ud83d\ude00', 'z', 'Z', '_', '10', '2'];
const NUMBERS = [0, -0, 1, -1, 0.1, 0.42, 1 / 3, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_VALUE, 2 ** 53, NaN, Infinity, -Infinity];

function randomValue(rand: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const r = rand();
  if (depth > 3 || r < 0.35) {
    const kind = pick(['s', 'n', 'b', 'null', 'undef']);
    if (kind === 's') return pick(STRINGS);
    if (kind === 'n') return pick(NUMBERS);
    if (kind === 'b') return rand() < 0.5;
    return kind === 'null' ? null : undefined;
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const o: Record<string, unknown> = {};
  for (let k = Math.floor(rand() * 5); k > 0; k--) o[pick(STRINGS)] = randomValue(rand, depth + 1);
  return o;
}

describe('canonical JSON: the fast path writes exactly what the library writes', () => {
  it('for ledger-shaped payloads', () => {
    const payloads = [
      { id: 'fc-7', claimId: 'c1', sourceId: 'f1', probability: 0.42, madeAt: '2026-12-07T21:00:00.000Z', backfilled: false },
      { id: 'fc-8', claimId: 'c1', sourceId: 'f1', probabilities: [0.2, 0.3, 0.5], madeAt: '2026-12-07T21:00:00.000Z', note: 'n', backfilled: true, imported: { platform: 'metaculus' } },
      { id: 'c1', kind: 'prediction', title: 'T', statement: 'S', resolutionCriteria: 'R', tags: ['a', 'b'], deadline: '2030-01-01', options: ['x', 'y'], ordered: true, range: { min: 0, max: 10, openLower: false } },
      { claimId: 'c1', changes: { title: 'new', details: null }, reason: 'why', revision: 2 },
      Object.assign(Object.create(null) as object, { b: 1, a: [null, true] }),
    ];
    for (const p of payloads) expect(ours(p)).toBe(library(p));
  });

  it('for edge values: holes, undefined and symbols, -0, large and tiny numbers, escapes, key order by code unit', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 2];
    const values: unknown[] = [
      holes, [undefined, Symbol('s'), null], { a: undefined, b: Symbol('s'), c: 1 }, -0, [1e21, 1e-7, 5e-324],
      { '\u00e9': 1, z: 2, Z: 3, '10': 4, '2': 5, '\ud83d\ude00': 6, '\uffff': 7 }, 'quote " \\ \u2028', { '\ud800': 1 },
      undefined, NaN, Infinity, [NaN], { n: -Infinity }, 'lone \udc00', BigInt(1), { f: () => 1 }, [() => 1],
      new Date(0), { d: new Date(0) }, { toJSON: () => ({ b: 1, a: 2 }) }, new Map([[1, 2]]), Object.assign([1, 2], { extra: 1 }),
    ];
    for (const v of values) expect(ours(v)).toBe(library(v));
  });

  it('for a cycle, deep nesting and a shared (non-circular) object', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(ours(cyclic)).toBe(library(cyclic));
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i++) deep = i % 2 ? { k: deep } : [deep];
    expect(ours(deep)).toBe(library(deep));
    const shared = { x: [1, 2] };
    expect(ours({ a: shared, b: shared })).toBe(library({ a: shared, b: shared }));
  });

  it('for 5,000 random values', () => {
    const rand = prng(20261207).next;
    for (let i = 0; i < 5000; i++) {
      const v = randomValue(rand, 0);
      expect(ours(v), JSON.stringify(v)).toBe(library(v));
    }
  });
});

describe('the chain hash', () => {
  it('is the SHA-256 hex of prevHash followed by the canonical event, as the streaming hash makes it', () => {
    const body = { seq: 12, type: 'forecast.recorded', claimId: 'c1', recordedAt: '2026-12-07T21:00:00.000Z', recordedBy: null, payload: { id: 'fc-12', probability: 0.5, note: 'Ελληνικά 👩🏽‍🔬' } } as never;
    const prev = 'ab'.repeat(32);
    const text = canonicalEvent(body);
    expect(text).toBe(canonicalize(body));
    expect(chainHash(prev, text)).toBe(createHash('sha256').update(prev).update(text).digest('hex'));
  });
});
