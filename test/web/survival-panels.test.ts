import { describe, expect, it } from 'vitest';
import { LIGHT } from '../../web/js/charts/palette.js';
import { survivalPanelConfig, survivalPanelScales } from '../../web/js/charts/survival-panels.js';

const point = (days: number, unresolved: number, censored = 0) => ({ days, atRisk: 10, confirmed: 1, refuted: 0, censored, unresolved, lower: unresolved / 2, upper: Math.min(1, unresolved * 1.2), cumConfirmed: 1 - unresolved, cumRefuted: 0 });
const group = (key: string, entries: number, last: number) => ({ key, entries, confirmed: 3, refuted: 1, censored: 6, medianDays: null, points: [point(10, 0.8, 1), point(last, 0.5)] });
/** A canvas context whose every character is 7 px wide (what fitNames measures with). */
const ctx = { font: '', save() {}, restore() {}, measureText: (s: string) => ({ width: s.length * 7 }) };

describe('the grouped Kaplan–Meier curves as small multiples', () => {
  it('draws one group per panel in one colour with its band, on the shared scales (days to 1/2/5 × 10^k, share 0–100%), named in the title', () => {
    const survival = { by: 'source', groups: [group('a', 30, 100), group('b', 8, 2532), group('tiny', 2, 50)] };
    const scales = survivalPanelScales(survival);
    expect(scales.drawn.map((g) => g.key)).toEqual(['a', 'b']);
    expect([scales.maxDays, scales.maxShare, scales.marks]).toEqual([2532, 1, true]);
    const configs = scales.drawn.map((g) => survivalPanelConfig(g, scales, LIGHT, (k) => `Source ${k}`));
    for (const [i, config] of configs.entries()) {
      const bands = config.data.datasets.filter((d) => d.reckon?.kind === 'band');
      expect(new Set(bands.map((d) => d.reckon.group))).toEqual(new Set([`Source ${scales.drawn[i].key}`]));
      expect(bands.map((d) => d.backgroundColor)).toEqual(['rgba(0, 114, 178, 0.16)', 'rgba(0, 114, 178, 0.16)']);
      expect(config.data.datasets.filter((d) => d.reckon?.kind === 'curve').map((d) => d.borderColor)).toEqual([LIGHT.series[0]]);
      expect([config.options.scales.x.min, config.options.scales.x.max, config.options.scales.y.min, config.options.scales.y.max]).toEqual([0, 3000, 0, 1]);
      expect(config.options.plugins.legend.display).toBe(false);
    }
    expect(configs[1]!.options.plugins.title.text({})).toBe('Source b (8)');
  });

  it('cuts a panel’s title to its width, keeping two names with a long common start apart', () => {
    const survival = { by: 'source', groups: [group('mod-ru', 30, 100), group('mod-kr', 30, 100)] };
    const scales = survivalPanelScales(survival);
    const names: Record<string, string> = { 'mod-ru': 'Ministry of Defence of the Russian Federation', 'mod-kr': 'Ministry of Defence of the Republic of Korea' };
    const titles = scales.drawn.map((g) => survivalPanelConfig(g, scales, LIGHT, (k) => names[k]!).options.plugins.title.text({ chart: { ctx, width: 250 } }) as string);
    for (const t of titles) {
      expect(t).toContain('…');
      expect(t.endsWith(' (30)')).toBe(true);
      expect(ctx.measureText(t).width).toBeLessThanOrEqual(250);
    }
    expect(titles[0]).not.toBe(titles[1]);
    // Wide enough, the whole name.
    expect(survivalPanelConfig(scales.drawn[0], scales, LIGHT, (k) => names[k]!).options.plugins.title.text({ chart: { ctx, width: 800 } })).toBe('Ministry of Defence of the Russian Federation (30)');
  });
});
