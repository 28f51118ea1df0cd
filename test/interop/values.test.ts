import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochToIso, parseDateOrDateTime, parseDateTime, parseInstant, parsePartialDate } from '../../src/interop/dates.js';
import { prefixedId, slugify, sourceIdFor } from '../../src/interop/slug.js';
import { parseOutcome, parseProbability } from '../../src/interop/values.js';

describe('parseProbability', () => {
  it.each([
    ['0.7', 0.7], ['70%', 0.7], ['70', 0.7], [' 7 % ', 0.07], ['1', 1], ['0', 0], ['100', 1], ['.25', 0.25], ['0.5%', 0.005],
  ])('%j → %d', (text, value) => {
    expect(parseProbability(text)).toEqual({ ok: true, value });
  });

  it.each(['', 'abc', '-0.1', '101', '150%', '0,7', '1e-3', 'NaN'])('rejects %j', (text) => {
    expect(parseProbability(text).ok).toBe(false);
  });

  it('always lands in 0..1 for any percentage', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (basisPoints) => {
        const parsed = parseProbability(`${basisPoints / 100}%`);
        return parsed.ok && parsed.value >= 0 && parsed.value <= 1 && Math.abs(parsed.value - basisPoints / 10_000) < 1e-12;
      }),
    );
  });
});

describe('parseOutcome', () => {
  it('maps the documented words and blank', () => {
    const words = ['confirmed', 'YES', 'true', 'refuted', 'no', 'False', 'annulled', 'ambiguous', 'unresolvable', '', 'open'];
    expect(words.map((w) => { const r = parseOutcome(w); return r.ok ? r.value : 'error'; })).toEqual([
      'confirmed', 'confirmed', 'confirmed', 'refuted', 'refuted', 'refuted', 'annulled', 'annulled', 'unresolvable', 'open', 'open',
    ]);
    expect(parseOutcome('maybe').ok).toBe(false);
  });
});

describe('dates', () => {
  it('reads date-times in UTC, including Fatebook’s unpadded seconds and offsets', () => {
    expect(parseDateTime('2033-03-22 04:00:0')).toBe('2033-03-22T04:00:00Z');
    expect(parseDateTime('2024-12-09 01:12:2')).toBe('2024-12-09T01:12:02Z');
    expect(parseDateTime('2025-01-12T14:30:00+01:00')).toBe('2025-01-12T13:30:00Z');
    expect(parseDateTime('2026-01-24 17:45:01+00:00')).toBe('2026-01-24T17:45:01Z');
    expect(parseDateTime('2024-07-01T13:46:12.479741Z')).toBe('2024-07-01T13:46:12.479Z');
    expect(parseDateTime('2025-01-10 09:00')).toBe('2025-01-10T09:00:00Z');
    expect(parseDateTime('2023-02-29 10:00:00')).toBeUndefined();
    expect(parseDateTime('2023-01-01 24:00:00')).toBeUndefined();
  });

  it('keeps dates as dates and partial dates partial', () => {
    expect(parseDateOrDateTime('2025-02-06')).toBe('2025-02-06');
    expect(parseInstant('2025-02-06')).toBe('2025-02-06T00:00:00Z');
    expect(['2025', '2025-01', '2025-01-15', '2024-06-20T23:00:00-05:00', '2025-13', '15/01/2025'].map(parsePartialDate)).toEqual([
      '2025', '2025-01', '2025-01-15', '2024-06-20', undefined, undefined,
    ]);
    expect(epochToIso(1738422021.382214)).toBe('2025-02-01T15:00:21.382Z');
  });
});

describe('ids', () => {
  it('slugs names deterministically', () => {
    expect(sourceIdFor('Carol Díaz')).toBe('carol-diaz');
    expect(sourceIdFor('  The "Owl" & Co.  ')).toBe('the-owl-co');
    expect(sourceIdFor('李明')).toBe(sourceIdFor('李明'));
    expect(sourceIdFor('李明')).toMatch(/^source-[0-9a-f]{8}$/);
    expect(prefixedId('fatebook', 'Will it rain?')).toBe('fatebook-will-it-rain');
  });

  it('always gives URL-safe ids of at most 64 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const id = sourceIdFor(name);
        const prefixed = prefixedId('fatebook', name);
        return [id, prefixed].every((x) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(x) && x.length <= 64) && slugify(name) === slugify(name);
      }),
    );
  });
});
