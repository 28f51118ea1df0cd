/**
 * The sources page's pure rules (issue 15 §3): the default measure fits the data, the
 * unscored are set apart with a reason, small counts are marked, the Brier axis fits its values.
 */
import { describe, expect, it } from 'vitest';
import { brierAxis, niceCeil, rankedWith, wrapLabel } from '../../web/js/charts/ranking.js';
import { defaultSort, splitRanking, unrankedReason } from '../../web/js/pages/sources-ranking.js';

const src = (id: string, stats: Record<string, unknown>) => ({ id, name: id, type: 'person', stats: { right: 0, wrong: 0, pending: 0, accuracy: null, accuracyInterval: null, forecasts: 0, brier: null, ...stats } });

describe('defaultSort', () => {
  it('ranks by Brier when no stance is scored, by accuracy once one is', () => {
    expect(defaultSort([src('a', { forecasts: 3, brier: 0.1 })])).toBe('brier');
    expect(defaultSort([src('a', { forecasts: 3, brier: 0.1 }), src('b', { right: 1, accuracy: 1 })])).toBe('accuracy');
    expect(defaultSort([src('a', { pending: 2 })])).toBe('accuracy');
    // A measure that ranks someone beats one that only marks too-few counts.
    expect(defaultSort([src('a', { forecasts: 5, brier: 0.1 }), src('b', { right: 1, accuracy: 1 })])).toBe('brier');
    expect(defaultSort([src('a', { forecasts: 5, brier: 0.1 }), src('b', { right: 3, wrong: 2, accuracy: 0.6 })])).toBe('accuracy');
  });
});

describe('splitRanking', () => {
  it('puts the scored into ranked (5 or more) and few, the rest apart with why', () => {
    const items = [src('many', { right: 4, wrong: 1, accuracy: 0.8 }), src('two', { right: 2, accuracy: 1 }), src('forecaster', { forecasts: 2, brier: 0.2 }), src('waiting', { pending: 3 }), src('none', {})];
    const { ranked, few, unranked } = splitRanking(items, 'accuracy');
    expect(ranked.map((s) => s.id)).toEqual(['many']);
    expect(few.map((s) => s.id)).toEqual(['two']);
    expect(unranked.map((u) => [u.source.id, u.why])).toEqual([
      ['forecaster', 'No stances; scored by Brier score instead (2 scored forecasts).'],
      ['waiting', '3 stances on claims still open; none resolved yet.'],
      ['none', 'Nothing recorded yet.'],
    ]);
    expect(rankedWith(items, 'accuracy').map((s) => s.id)).toEqual(['many', 'two']);
    expect(unrankedReason(src('s', { right: 1, accuracy: 1 }), 'brier')).toBe('No forecasts; scored by accuracy instead (1 scored stance).');
  });
});

describe('the Brier axis', () => {
  it('ends just past the worst score, and speaks of 0.25 only when it reaches it', () => {
    expect(niceCeil(0.099)).toBe(0.1);
    expect(niceCeil(0.11)).toBe(0.2);
    expect(brierAxis([0.04, 0.09])).toEqual({ max: 0.1, title: 'Brier score (0 is perfect; lower is better; this axis ends at 0.10)' });
    expect(brierAxis([0.3])).toEqual({ max: 0.5, title: 'Brier score (0 is perfect; 0.25 is always saying 50 %)' });
  });
});

describe('wrapLabel', () => {
  it('wraps a long name on words, whole', () => {
    const name = 'The Extraordinarily Long-Named Institute for Forecasting Regional Infrastructure Outcomes';
    const lines = wrapLabel(name, 30);
    expect(lines.join(' ')).toBe(name);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    expect(wrapLabel('a '.repeat(200), 4, 3).at(-1)).toMatch(/…$/);
  });
});
