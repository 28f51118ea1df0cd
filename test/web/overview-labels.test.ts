/**
 * The Overview's "stances per source" bars name each source on the category axis, cut to the
 * chart's width: two long names that begin alike must still read as two sources.
 */
import { describe, expect, it } from 'vitest';
import { LIGHT } from '../../web/js/charts/palette.js';
import { bySourceConfig, truncateApart } from '../../web/js/charts/overview.js';

const RU = 'Ministry of Defence of the Russian Federation';
const KR = 'Ministry of Defence of the Republic of Korea';

/** The y axis's tick labels as Chart.js would ask for them, on a chart `width` px wide. */
function ticks(names: string[], width: number): string[] {
  const config = bySourceConfig({ bySource: names.map((name, i) => ({ sourceId: `s${i}`, name, right: 1, wrong: 1, pending: 1 })) }, LIGHT);
  const labels = config.data.labels as string[];
  const scale = { chart: { width, data: config.data }, getLabelForValue: (v: number) => labels[v] };
  return labels.map((_, i) => config.options.scales.y.ticks.callback.call(scale, i));
}

describe('source names on the Overview’s bars', () => {
  it('cuts two long names that begin alike in the middle, so they stay apart, at phone and desktop widths', () => {
    for (const width of [350, 1100]) {
      const [ru, kr, iaea] = ticks([RU, KR, 'International Atomic Energy Agency'], width);
      expect(ru).not.toBe(kr);
      expect(ru).toContain('…');
      expect(ru!.length).toBeLessThanOrEqual(width < 520 ? 16 : 34);
      expect(ru!.startsWith('Ministry')).toBe(true);
      expect(ru!.endsWith(width < 520 ? 'ation' : 'Federation')).toBe(true);
      // A name that clashes with none is cut at its end as before.
      expect(iaea).toBe(width < 520 ? 'International…' : 'International Atomic Energy Agency');
    }
  });

  it('leaves names that fit, and distinct cuts, as they are', () => {
    expect(truncateApart(['Yonhap', 'The Korea Herald'], 16)).toEqual(['Yonhap', 'The Korea Herald']);
    expect(truncateApart(['Ministry of Defence of Japan', 'Ministry of Defence of India'], 34)).toEqual(['Ministry of Defence of Japan', 'Ministry of Defence of India']);
  });
});
