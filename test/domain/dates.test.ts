import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstant, partialDatePrecision, toIsoInstant, worldStart } from '../../src/domain/dates.js';

describe('dates', () => {
  it.each([
    ['2023-10-13', Date.UTC(2023, 9, 13)],
    ['2023-10-13T12:30:00Z', Date.UTC(2023, 9, 13, 12, 30)],
    ['2023-10-13T12:30:00.250Z', Date.UTC(2023, 9, 13, 12, 30, 0, 250)],
    ['2023-10-13T12:30:00+02:00', Date.UTC(2023, 9, 13, 10, 30)],
    ['2023-10-13 12:30:05', Date.UTC(2023, 9, 13, 12, 30, 5)],
    ['2024-02-29T00:00:00.000Z', Date.UTC(2024, 1, 29)],
  ])('parses %s', (text, ms) => expect(parseInstant(text)).toBe(ms));

  it.each(['2023-02-30', '2023-02-29T00:00:00.000Z', '2023-13-01', '2023-04-31T10:00:00Z', '2023-10-13T24:00:00Z', '1900-02-29', 'yesterday', ''])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('keeps the precision of partial dates, and counts them from their first instant', () => {
    expect(partialDatePrecision('2023')).toBe('year');
    expect(partialDatePrecision('2023-10')).toBe('month');
    expect(partialDatePrecision('2023-10-13')).toBe('day');
    expect(partialDatePrecision('2023-02-30')).toBeNull();
    expect(worldStart('2023-10')).toBe(Date.UTC(2023, 9, 1));
    expect(worldStart('2024')).toBe(Date.UTC(2024, 0, 1));
    expect(toIsoInstant('2023-10-13')).toBe('2023-10-13T00:00:00.000Z');
  });
});

describe('toIsoInstant on text already in the stored form', () => {
  it('gives what Date#toISOString gives, for real and impossible instants alike', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}Z`;
          const at = parseInstant(text);
          expect(toIsoInstant(text)).toBe(at === null ? null : new Date(at).toISOString());
        },
      ),
      { numRuns: 5000 },
    );
  });
});
