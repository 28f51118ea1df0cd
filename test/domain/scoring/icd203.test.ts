import { describe, expect, it } from 'vitest';
import { ESTIMATIVE_PHRASES, estimativeRange } from '../../../src/domain/scoring/index.js';

describe('ICD 203 estimative language', () => {
  const table: Array<[string[], number, number, number]> = [
    [['almost no chance', 'remote'], 0.01, 0.05, 0.03],
    [['very unlikely', 'highly improbable'], 0.05, 0.2, 0.125],
    [['unlikely', 'improbable', 'improbably', 'probably not'], 0.2, 0.45, 0.325],
    [['roughly even chance', 'roughly even odds'], 0.45, 0.55, 0.5],
    [['likely', 'probable', 'probably'], 0.55, 0.8, 0.675],
    [['very likely', 'highly probable'], 0.8, 0.95, 0.875],
    [['almost certain', 'almost certainly', 'nearly certain'], 0.95, 0.99, 0.97],
  ];

  it('maps each phrase and synonym to its range and midpoint', () => {
    for (const [phrases, low, high, midpoint] of table) {
      for (const phrase of phrases) expect(estimativeRange(phrase), phrase).toEqual({ low, high, midpoint });
    }
  });

  it('lists exactly the accepted phrases', () => {
    expect([...ESTIMATIVE_PHRASES].sort()).toEqual(table.flatMap(([phrases]) => phrases).sort());
  });

  it('gives midpoints halfway between the ends', () => {
    for (const phrase of ESTIMATIVE_PHRASES) {
      const r = estimativeRange(phrase)!;
      expect(r.midpoint).toBeCloseTo((r.low + r.high) / 2, 15);
    }
  });

  it('ignores case and surrounding or repeated whitespace', () => {
    expect(estimativeRange('  Almost   Certainly\t')).toEqual({ low: 0.95, high: 0.99, midpoint: 0.97 });
    expect(estimativeRange('HIGHLY IMPROBABLE')?.midpoint).toBe(0.125);
  });

  it('is null for anything else', () => {
    expect(estimativeRange('possible')).toBeNull();
    expect(estimativeRange('')).toBeNull();
    expect(estimativeRange('likely-ish')).toBeNull();
  });

  it('returns a fresh object each time', () => {
    const r = estimativeRange('likely')!;
    r.low = 0;
    expect(estimativeRange('likely')!.low).toBe(0.55);
  });
});
