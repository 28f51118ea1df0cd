/**
 * Issue 15 §3: a probability is read in the unit typed (70% and 7:3 anywhere; a bare number in
 * the field's unit) and every refusal speaks in that unit, quoting the instance's bounds.
 */
import { describe, expect, it } from 'vitest';
import { IMPLICIT_RULES } from '../../src/domain/instance-rules.js';
import { boundsProblem, inUnit, parseProbability, readProbability } from '../../src/domain/probability-input.js';

const rules = IMPLICIT_RULES;

describe('readProbability', () => {
  it('reads 70%, 70 in a percent field, 0.7 in a fraction field and odds 7:3 as 0.7', () => {
    for (const [text, field] of [['70%', 'fraction'], ['70 %', 'percent'], ['70', 'percent'], ['0.7', 'fraction'], ['7:3', 'fraction'], ['70,0%', 'percent']] as const) {
      const r = readProbability(text, field);
      expect(r.ok, text).toBe(true);
      if (r.ok) expect(r.probability.value).toBeCloseTo(0.7, 12);
    }
  });

  it('refuses a bare number above 1 in a fraction field with a hint instead of guessing', () => {
    expect(readProbability('70', 'fraction')).toEqual({ ok: false, message: 'Probability 70 is not a fraction: write 70% for 70 percent, or 0.7 as a fraction.' });
  });

  it('refuses what is not a number, saying what is accepted', () => {
    expect(readProbability('likely', 'percent')).toEqual({ ok: false, message: 'Probability must be a number such as 70 or 70% (you typed “likely”).' });
    expect(readProbability('', 'fraction')).toEqual({ ok: false, message: 'Probability is required: give one such as 0.7, 70% or 7:3.' });
    expect(readProbability('0:5', 'fraction').ok).toBe(false);
  });
});

describe('boundsProblem speaks in the unit typed', () => {
  it('percent: "between 1 % and 99 % (you typed 100 %)", never a fraction', () => {
    const msg = parseProbability('100', 'percent', rules);
    expect(msg).toEqual({ ok: false, message: 'Probability must be between 1 % and 99 % (you typed 100 %). Reckon never records certainty: a forecast is a chance, so stay inside the bounds.' });
  });

  it('a percentage under 1 that fits as a fraction asks whether the fraction was meant', () => {
    expect(parseProbability('0.7', 'percent', rules)).toEqual({ ok: false, message: 'Probability must be between 1 % and 99 % (you typed 0.7 %). Did you mean 70 %?' });
  });

  it('fraction: in fractions; odds: the odds and their percentage', () => {
    expect(parseProbability('0.995', 'fraction', rules)).toEqual({ ok: false, message: 'Probability must be between 0.01 and 0.99 (you typed 0.995).' });
    expect(parseProbability('999:1', 'fraction', rules)).toEqual({ ok: false, message: 'Probability must be between 1 % and 99 % (you typed 999:1, which is 99.9 %).' });
  });

  it('quotes the instance rules, not constants', () => {
    const narrow = { minProbability: 0.05, maxProbability: 0.95 };
    expect(boundsProblem({ value: 0.97, unit: 'percent', text: '97%' }, narrow)).toBe('Probability must be between 5 % and 95 % (you typed 97 %).');
    expect(parseProbability('0.96', 'fraction', narrow)).toEqual({ ok: false, message: 'Probability must be between 0.05 and 0.95 (you typed 0.96).' });
    expect(parseProbability('3%', 'fraction', rules)).toEqual({ ok: true, value: 0.03, unit: 'percent' });
  });

  it('shows tidy numbers', () => {
    expect(inUnit(0.07, 'percent')).toBe('7 %');
    expect(inUnit(0.125, 'fraction')).toBe('0.125');
  });
});
