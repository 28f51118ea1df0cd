import { describe, expect, it } from 'vitest';
import { incidencePanelConfig, niceTop, panelScales, panelShareMax } from '../../web/js/charts/incidence-panels.js';
import { LIGHT } from '../../web/js/charts/palette.js';
import { INCIDENCE_ALPHA } from '../../web/js/charts/survival.js';

const point = (days: number, cumConfirmed: number, cumRefuted: number, upper: number) => ({ days, atRisk: 10, confirmed: 1, refuted: 0, censored: 0, unresolved: 1 - cumConfirmed - cumRefuted, lower: null, upper: null, cumConfirmed, cumRefuted, cumConfirmedLower: cumConfirmed / 2, cumConfirmedUpper: upper, cumRefutedLower: cumRefuted / 2, cumRefutedUpper: cumRefuted * 1.5 });
const group = (key: string, entries: number, last: number, upper: number) => ({ key, entries, confirmed: 3, refuted: 1, censored: 6, medianDays: null, points: [point(10, 0.1, 0.05, 0.2), point(last, 0.3, 0.1, upper)] });

describe('the grouped incidences as small multiples', () => {
  it('ends every panel’s day axis on the last day rounded up to a multiple of 1, 2 or 5 × 10^k, in at most six steps', () => {
    expect([niceTop(0), niceTop(30), niceTop(31), niceTop(365), niceTop(2532), niceTop(3000)]).toEqual([30, 30, 40, 400, 3000, 3000]);
  });

  it('tops every panel’s share axis at the highest share or band end of any drawn group, rounded up to 10%', () => {
    expect(panelShareMax([group('a', 30, 100, 0.41), group('b', 30, 200, 0.2)])).toBe(0.5);
    expect(panelShareMax([group('a', 30, 100, 0.4)])).toBe(0.4);
    expect(panelShareMax([])).toBe(0.1);
    expect(panelShareMax([group('a', 30, 100, 1)])).toBe(1);
  });

  it('draws one group per panel: its two verdicts in their colours with their bands, on the shared scales, named in the title', () => {
    const survival = { by: 'source', groups: [group('a', 30, 100, 0.41), group('b', 8, 2532, 0.3), group('tiny', 2, 50, 0.9)] };
    const scales = panelScales(survival);
    expect(scales.drawn.map((g) => g.key)).toEqual(['a', 'b']);
    expect([scales.maxDays, scales.maxShare]).toEqual([2532, 0.5]);
    const config = incidencePanelConfig(scales.drawn[1], scales, LIGHT, (k) => `Source ${k}`);
    const bands = config.data.datasets.filter((d) => d.reckon?.kind === 'band');
    expect(new Set(bands.map((d) => d.reckon.group))).toEqual(new Set(['Source b']));
    expect(bands.map((d) => d.backgroundColor)).toEqual(['rgba(26, 127, 55, 0.12)', 'rgba(26, 127, 55, 0.12)', 'rgba(192, 38, 45, 0.12)', 'rgba(192, 38, 45, 0.12)'].map((c) => c.replace('0.12', String(INCIDENCE_ALPHA))));
    expect(config.data.datasets.filter((d) => d.reckon?.kind === 'curve').map((d) => [d.label, d.borderColor, d.borderDash])).toEqual([['Confirmed', LIGHT.status.confirmed, undefined], ['Refuted', LIGHT.status.refuted, [7, 4]]]);
    expect([config.options.scales.x.min, config.options.scales.x.max, config.options.scales.y.min, config.options.scales.y.max]).toEqual([0, 3000, 0, 0.5]);
    // The title is cut to the panel's width as drawn (a function of the chart); without a chart, the whole name.
    expect(config.options.plugins.title.text({})).toBe('Source b (8)');
    expect(config.options.plugins.legend.display).toBe(false);
  });
});
