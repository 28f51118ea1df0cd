import { describe, expect, it } from 'vitest';
import { countMadeAfterKnownOn, markCounted, previewResolution } from '../../src/domain/counted-marks.js';

const f = (seq: number, sourceId: string, madeAt: string, retracted = false) => ({ seq, sourceId, madeAt, retracted });

describe('markCounted', () => {
  it('counts each source’s latest standing forecast; ties on madeAt go to the higher seq, as countForecast orders them', () => {
    const list = [f(5, 'a', '2024-01-02T00:00:00.000Z'), f(3, 'a', '2024-01-02T00:00:00.000Z'), f(4, 'b', '2024-01-01T00:00:00.000Z'), f(2, 'a', '2024-03-01T00:00:00.000Z', true)];
    expect(markCounted(list, {})).toEqual([{ counted: true }, { counted: false, notCountedBecause: 'superseded' }, { counted: true }, { counted: false, notCountedBecause: 'retracted' }]);
  });

  it('a forecast out by knownOn or by the deadline does not supersede an earlier one; retracted comes first, then knownOn, then the deadline', () => {
    const list = [f(1, 'a', '2024-01-01T00:00:00.000Z'), f(2, 'a', '2024-06-01T10:00:00.000Z'), f(3, 'a', '2024-07-05T00:00:00.000Z'), f(4, 'a', '2024-07-06T00:00:00.000Z', true)];
    expect(markCounted(list, { knownOn: '2024-06-01', deadline: '2024-07-01' }).map((m) => m.notCountedBecause ?? 'counted')).toEqual(['counted', 'made-after-known-on', 'made-after-known-on', 'retracted']);
    expect(markCounted(list, { knownOn: '2024-08-01', deadline: '2024-07-01' }).map((m) => m.notCountedBecause ?? 'counted')).toEqual(['superseded', 'counted', 'made-after-close', 'retracted']);
  });

  it('a date-only knownOn is the start of that day; a date-time is that instant', () => {
    const list = [f(1, 'a', '2024-06-01T00:00:00.000Z')];
    expect(markCounted(list, { knownOn: '2024-06-01' })).toEqual([{ counted: false, notCountedBecause: 'made-after-known-on' }]);
    expect(markCounted(list, { knownOn: '2024-06-01T00:00:00.001Z' })).toEqual([{ counted: true }]);
  });
});

describe('countMadeAfterKnownOn and previewResolution', () => {
  it('count forecasts made on or after knownOn, not retracted ones; say whether knownOn lies before the deadline', () => {
    const list = [f(1, 'a', '2024-05-31T23:59:59.999Z'), f(2, 'b', '2024-06-01T00:00:00.000Z'), f(3, 'c', '2024-06-01T10:00:00.000Z'), f(4, 'd', '2024-06-02T00:00:00.000Z', true)];
    expect(countMadeAfterKnownOn(list, '2024-06-01')).toBe(2);
    expect(previewResolution({ deadline: '2024-06-01' }, list, '2024-06-01')).toEqual({ knownOnFrom: '2024-06-01T00:00:00.000Z', uncountedForecasts: 2, beforeDeadline: false });
    expect(previewResolution({ deadline: '2024-06-01T00:00:01Z' }, list, '2024-06-01')?.beforeDeadline).toBe(true);
    expect(previewResolution({}, list, '2024-06-02')).toEqual({ knownOnFrom: '2024-06-02T00:00:00.000Z', uncountedForecasts: 0, beforeDeadline: false });
    expect(previewResolution({}, list, '2024-02-30')).toBeNull();
  });
});
