import { describe, expect, it } from 'vitest';
import { trackRecord, type StanceRecord } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

describe('trackRecord', () => {
  const stances: StanceRecord[] = [
    // 1 right; stated 0.9 → q = 0.9, o = 1: (0.9 − 1)² = 0.01
    { stance: 'asserts', status: 'confirmed', retracted: false, confidence: 0.9 },
    // 2 right; "Very likely" → midpoint 0.875 that the denial is right → q = 0.125, o = 0: 0.015625
    { stance: 'denies', status: 'refuted', retracted: false, estimative: '  Very Likely ' },
    // 3 wrong; q = 0.6, o = 0: 0.36
    { stance: 'asserts', status: 'refuted', retracted: false, confidence: 0.6 },
    // 4 wrong; no stated confidence
    { stance: 'denies', status: 'confirmed', retracted: false },
    // 5 pending (open claim): its confidence is not scored
    { stance: 'asserts', status: 'open', retracted: false, confidence: 0.7 },
    // 6, 7 not scored (annulled, unresolvable)
    { stance: 'asserts', status: 'annulled', retracted: false, confidence: 0.5 },
    { stance: 'denies', status: 'unresolvable', retracted: false },
    // 8 not scored: retracted (would have been right)
    { stance: 'asserts', status: 'confirmed', retracted: true, confidence: 0.99 },
    // 9 right; confidence wins over the phrase: q = 0.8, o = 1: 0.04
    { stance: 'asserts', status: 'confirmed', retracted: false, confidence: 0.8, estimative: 'remote' },
  ];

  it('tallies right, wrong, pending and not scored', () => {
    expect(trackRecord(stances).stances).toEqual({ right: 3, wrong: 2, pending: 1, notScored: 3 });
  });

  it('gives accuracy with its Wilson interval', () => {
    // 3 / 5 = 0.6; Wilson 3 of 5: centre 0.5565517535216824 ± 0.3258274722456696
    const r = trackRecord(stances);
    expect(r.accuracy).toBe(0.6);
    expectNear(r.accuracyInterval![0], 0.2307242812760128);
    expectNear(r.accuracyInterval![1], 0.882379225767352);
  });

  it('scores stated confidence as a forecast of the claim', () => {
    // stances 1, 2, 3, 9: (0.01 + 0.015625 + 0.36 + 0.04) / 4 = 0.425625 / 4 = 0.10640625
    const r = trackRecord(stances);
    expect(r.statedConfidence.count).toBe(4);
    expectNear(r.statedConfidence.brier, 0.10640625, 1e-15);
  });

  it('a denial with confidence c forecasts 1 − c', () => {
    // denies with 0.7, claim confirmed: q = 0.3, (0.3 − 1)² = 0.49
    const r = trackRecord([{ stance: 'denies', status: 'confirmed', retracted: false, confidence: 0.7 }]);
    expect(r.stances.wrong).toBe(1);
    expect(r.accuracy).toBe(0);
    expectNear(r.statedConfidence.brier, 0.49, 1e-15);
  });

  it('is null where nothing is judged', () => {
    const r = trackRecord([{ stance: 'asserts', status: 'open', retracted: false, confidence: 0.9 }]);
    expect(r).toEqual({
      stances: { right: 0, wrong: 0, pending: 1, notScored: 0 },
      accuracy: null,
      accuracyInterval: null,
      statedConfidence: { count: 0, brier: null },
    });
    expect(trackRecord([]).accuracy).toBeNull();
  });

  it('counts a retracted stance on an open claim as not scored, not pending', () => {
    expect(trackRecord([{ stance: 'asserts', status: 'open', retracted: true }]).stances).toEqual({
      right: 0,
      wrong: 0,
      pending: 0,
      notScored: 1,
    });
  });

  it('scores an unknown phrase or a confidence outside [0, 1] (stored by an older release) as no stated confidence', () => {
    for (const odd of [{ estimative: 'maybe' }, { confidence: 90 }, { confidence: -0.5 }]) {
      const record = trackRecord([
        { stance: 'asserts', status: 'confirmed', retracted: false, ...odd },
        { stance: 'denies', status: 'confirmed', retracted: false, estimative: 'very likely' },
      ]);
      expect(record.stances).toEqual({ right: 1, wrong: 1, pending: 0, notScored: 0 });
      // Only the valid phrase is scored: denies at 0.875 → q = 0.125 that the claim is true, o = 1.
      expect(record.statedConfidence).toEqual({ count: 1, brier: (0.125 - 1) ** 2 });
    }
  });
});
