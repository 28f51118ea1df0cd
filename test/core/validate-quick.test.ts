/**
 * The quick check of a forecast's input (the shape a bulk import is made of) never accepts what
 * the shared schema refuses, and never changes what the schema would give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_INPUTS, isPlainForecastInput, validateCommand } from '../../src/commands/validate.js';

const text = fc.oneof(
  fc.constantFrom('alice', 'b_2', '', 'A', 'x'.repeat(64), 'x'.repeat(65), 'a\u0000b', '\ud800', 'ok \ud83d\ude00', ' padded '),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const date = fc.oneof(
  fc.constantFrom('2025-01-01', '2025-01-01T10:00:00Z', '2023-02-30', '2024-03-01 10:00', 'soon', '', `2025-01-01T00:00:00.000000000+01:00${'0'.repeat(20)}`),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  text,
);
const wild = fc.record(
  {
    sourceId: fc.oneof(fc.constantFrom('alice', 'b_2'), text, fc.integer()),
    probability: fc.oneof(fc.double(), fc.constantFrom(0, 1, -0, 0.5, Number.NaN, Infinity), fc.constant('0.5')),
    madeAt: fc.oneof(date, fc.constant(undefined), fc.integer()),
    note: fc.oneof(text, fc.constant(undefined), fc.constant('n'.repeat(5001))),
    id: fc.oneof(text, fc.constant(undefined)),
    extra: fc.constant('?'),
  },
  { requiredKeys: [] },
);
/** Mostly inputs a bulk import gives (so the quick path is taken), with odd values mixed in. */
const usual = fc.record(
  {
    sourceId: fc.oneof({ arbitrary: fc.constantFrom('alice', 'b_2'), weight: 6 }, { arbitrary: text, weight: 1 }),
    probability: fc.oneof({ arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 6 }, { arbitrary: fc.double(), weight: 1 }),
    madeAt: fc.oneof({ arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), weight: 4 }, { arbitrary: date, weight: 2 }),
    note: text,
    id: text,
  },
  { requiredKeys: ['sourceId', 'probability'] },
);
const input = fc.oneof(usual, wild);

describe('isPlainForecastInput', () => {
  it('accepts only inputs the schema accepts, and the schema gives them back unchanged', () => {
    let plain = 0;
    fc.assert(
      fc.property(input, (value) => {
        if (!isPlainForecastInput(value)) return;
        plain++;
        const parsed = COMMAND_INPUTS['forecast.record'].safeParse(value);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(value);
        expect(validateCommand({ type: 'forecast.record', claimId: 'c', input: value as never }).input).toBe(value);
      }),
      { numRuns: 20_000 },
    );
    // The property says something: many inputs took the quick path.
    expect(plain).toBeGreaterThan(500);
  });
});
