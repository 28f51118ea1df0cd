import { describe, expect, it } from 'vitest';
import { countForecast, countForecasts, type ForecastHistory } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

function history(outcome: 0 | 1, knownOn: string, forecasts: ForecastHistory['forecasts']): ForecastHistory {
  return { sourceId: 's1', claimId: 'c1', outcome, knownOn, forecasts };
}

describe('countForecast, rule last', () => {
  it('takes the last forecast made strictly before knownOn', () => {
    const h = history(1, '2024-03-01T00:00:00Z', [
      { seq: 1, probability: 0.2, madeAt: '2024-01-01T00:00:00Z' },
      { seq: 5, probability: 0.7, madeAt: '2024-02-01T00:00:00Z' },
      { seq: 9, probability: 0.99, madeAt: '2024-03-01T00:00:00Z' }, // at knownOn: ignored
      { seq: 12, probability: 0.01, madeAt: '2024-04-01T00:00:00Z' }, // after knownOn: ignored
    ]);
    const c = countForecast(h, 'last')!;
    // p = 0.7, o = 1: brier (0.7 − 1)² = 0.09, log ln 0.7 = −0.35667494393873245
    expect(c).toMatchObject({ sourceId: 's1', claimId: 'c1', outcome: 1, probability: 0.7 });
    expectNear(c.brier, 0.09, 1e-15);
    expectNear(c.logScore, Math.log(0.7), 0);
  });

  it('breaks ties on madeAt by the later sequence number, whatever the input order', () => {
    const h = history(0, '2024-03-01', [
      { seq: 8, probability: 0.4, madeAt: '2024-02-01T12:00:00Z' },
      { seq: 3, probability: 0.9, madeAt: '2024-02-01T12:00:00Z' },
    ]);
    const c = countForecast(h, 'last')!;
    // seq 8 wins: p = 0.4, o = 0: brier 0.16, log ln 0.6
    expect(c.probability).toBe(0.4);
    expectNear(c.brier, 0.16, 1e-15);
    expect(c.logScore).toBe(Math.log(0.6));
  });

  it('compares instants, not strings (offsets and zone-less UTC)', () => {
    const h = history(1, '2024-03-01T00:00:00Z', [
      // 2024-02-29T23:30Z: before knownOn although the string sorts after it
      { seq: 1, probability: 0.6, madeAt: '2024-03-01T00:30:00+01:00' },
      // zone-less = UTC: 2024-03-01T00:00 is at knownOn, ignored
      { seq: 2, probability: 0.1, madeAt: '2024-03-01T00:00:00' },
    ]);
    expect(countForecast(h, 'last')!.probability).toBe(0.6);
  });

  it('reads a date-only knownOn as midnight UTC', () => {
    const h = history(1, '2024-03-01', [
      { seq: 1, probability: 0.3, madeAt: '2024-02-29T23:59:59.999Z' },
      { seq: 2, probability: 0.8, madeAt: '2024-03-01T00:00:00Z' },
    ]);
    expect(countForecast(h, 'last')!.probability).toBe(0.3);
  });

  it('is null when no forecast precedes knownOn (including one made at knownOn itself)', () => {
    expect(countForecast(history(1, '2024-03-01', []), 'last')).toBeNull();
    const atKnownOn = history(1, '2024-03-01', [{ seq: 1, probability: 0.5, madeAt: '2024-03-01T00:00:00Z' }]);
    expect(countForecast(atKnownOn, 'last')).toBeNull();
    expect(countForecast(atKnownOn, 'time-weighted')).toBeNull();
  });

  it('rejects bad input', () => {
    const ok = { seq: 1, probability: 0.5, madeAt: '2024-01-01T00:00:00Z' };
    expect(() => countForecast(history(1, 'soon', [ok]), 'last')).toThrow(RangeError);
    expect(() => countForecast(history(1, '2024-03-01', [{ ...ok, madeAt: 'yesterday' }]), 'last')).toThrow(RangeError);
    expect(() => countForecast(history(1, '2024-03-01', [{ ...ok, probability: 1.5 }]), 'last')).toThrow(RangeError);
    expect(() => countForecast(history(1, '2024-03-01', [ok]), 'median' as 'last')).toThrow(RangeError);
  });
});

describe('countForecast, rule time-weighted', () => {
  // Forecasts on 1, 3 and 7 January; knownOn 11 January; outcome confirmed (o = 1).
  // Weights (days each forecast stood): w₁ = 3 − 1 = 2, w₂ = 7 − 3 = 4, w₃ = 11 − 7 = 4; Σw = 10.
  const h = history(1, '2024-01-11T00:00:00Z', [
    { seq: 30, probability: 0.9, madeAt: '2024-01-07T00:00:00Z' },
    { seq: 10, probability: 0.2, madeAt: '2024-01-01T00:00:00Z' },
    { seq: 20, probability: 0.6, madeAt: '2024-01-03T00:00:00Z' },
  ]);

  it('averages probability, Brier and log score over time', () => {
    const c = countForecast(h, 'time-weighted')!;
    // p̄ = (2·0.2 + 4·0.6 + 4·0.9) / 10 = (0.4 + 2.4 + 3.6) / 10 = 0.64
    expectNear(c.probability, 0.64, 1e-15);
    // Brier = (2·(0.2−1)² + 4·(0.6−1)² + 4·(0.9−1)²) / 10 = (2·0.64 + 4·0.16 + 4·0.01) / 10
    //       = (1.28 + 0.64 + 0.04) / 10 = 0.196   (not (p̄ − 1)² = 0.1296)
    expectNear(c.brier, 0.196, 1e-15);
    // log = (2 ln 0.2 + 4 ln 0.6 + 4 ln 0.9) / 10
    //     = (−3.2188758248682006 − 2.0433024950639840 − 0.4214420626313051) / 10 = −0.5683620382563468
    expectNear(c.logScore, -0.5683620382563468, 1e-15);
  });

  it('differs from the last rule on the same history', () => {
    const c = countForecast(h, 'last')!;
    // last = 0.9: brier 0.01, log ln 0.9
    expect(c.probability).toBe(0.9);
    expectNear(c.brier, 0.01, 1e-15);
  });

  it('gives a forecast superseded at the same instant no weight', () => {
    // Two forecasts at t₀ (seq 1: 0.1, seq 2: 0.5), one at t₀ + 1 day (0.9), knownOn t₀ + 4 days, o = 0.
    // Weights: seq 1 → 0 (replaced at once), seq 2 → 1 day, seq 3 → 3 days; Σw = 4.
    // p̄ = (0.5 + 3·0.9) / 4 = 3.2 / 4 = 0.8; Brier = (0.25 + 3·0.81) / 4 = 2.68 / 4 = 0.67
    // log = (ln 0.5 + 3 ln 0.1) / 4
    const c = countForecast(
      history(0, '2024-05-05T00:00:00Z', [
        { seq: 2, probability: 0.5, madeAt: '2024-05-01T00:00:00Z' },
        { seq: 1, probability: 0.1, madeAt: '2024-05-01T00:00:00Z' },
        { seq: 3, probability: 0.9, madeAt: '2024-05-02T00:00:00Z' },
      ]),
      'time-weighted',
    )!;
    expectNear(c.probability, 0.8, 1e-15);
    expectNear(c.brier, 0.67, 1e-15);
    expectNear(c.logScore, (Math.log(0.5) + 3 * Math.log(0.1)) / 4, 1e-15);
  });

  it('does not turn a zero-weight certain miss into NaN', () => {
    // seq 1 (p = 0, o = 1, log −∞) is replaced at the same instant, so it has weight 0.
    const c = countForecast(
      history(1, '2024-05-03T00:00:00Z', [
        { seq: 1, probability: 0, madeAt: '2024-05-01T00:00:00Z' },
        { seq: 2, probability: 0.5, madeAt: '2024-05-01T00:00:00Z' },
      ]),
      'time-weighted',
    )!;
    expect(c.probability).toBe(0.5);
    expect(c.logScore).toBe(Math.log(0.5));
  });

  it('with one forecast equals that forecast', () => {
    const c = countForecast(
      history(0, '2024-05-03', [{ seq: 1, probability: 0.3, madeAt: '2024-05-01T08:00:00Z' }]),
      'time-weighted',
    )!;
    expect(c.probability).toBe(0.3);
    expectNear(c.brier, 0.09, 1e-15);
    expect(c.logScore).toBe(Math.log(0.7));
  });
});

describe('countForecasts', () => {
  it('counts each history and drops those without a forecast before knownOn', () => {
    const counted = countForecasts(
      [
        { ...history(1, '2024-02-01', [{ seq: 1, probability: 0.6, madeAt: '2024-01-01T00:00:00Z' }]), claimId: 'a' },
        { ...history(1, '2024-02-01', [{ seq: 2, probability: 0.6, madeAt: '2024-03-01T00:00:00Z' }]), claimId: 'b' },
      ],
      'last',
    );
    expect(counted.map((c) => c.claimId)).toEqual(['a']);
  });
});
