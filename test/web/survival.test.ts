import { describe, expect, it } from 'vitest';
import { LIGHT, withAlpha } from '../../web/js/charts/palette.js';
import { MIN_DRAWN, atRiskAt, incidenceConfig, pickGroups, survivalConfig, survivalWords } from '../../web/js/charts/survival.js';
import { incidenceTable, survivalTable } from '../../web/js/charts/survival-table.js';

const point = (days: number, atRisk: number, confirmed: number, refuted: number, censored: number, unresolved: number, lower: number | null, upper: number | null, cumConfirmed: number, cumRefuted: number) => ({ days, atRisk, confirmed, refuted, censored, unresolved, lower, upper, cumConfirmed, cumRefuted });

/** Six allegations: verdicts on days 10 (confirmed), 40 (refuted), 100 (confirmed); censored on days 40, 200, 200. */
const all = {
  key: null,
  entries: 6,
  confirmed: 2,
  refuted: 1,
  censored: 3,
  medianDays: null,
  points: [point(10, 6, 1, 0, 0, 5 / 6, 0.58, 1, 1 / 6, 0), point(40, 5, 0, 1, 1, 4 / 6, 0.4, 1, 1 / 6, 1 / 6), point(100, 3, 1, 0, 0, 4 / 9, 0.2, 0.98, 0.3889, 1 / 6), point(200, 2, 0, 0, 2, 4 / 9, 0.2, 0.98, 0.3889, 1 / 6)],
};
const none = { asOf: '2026-12-07', by: 'none', groups: [all] };
const group = (key: string, entries: number) => ({ ...all, key, entries });

describe('survivalConfig', () => {
  const config = survivalConfig(none, LIGHT);
  const curve = config.data.datasets.find((d) => d.reckon?.kind === 'curve')!;

  it('draws the Kaplan–Meier share as a step line from 100% on day 0, dropping at each verdict', () => {
    expect(curve.stepped).toBe('before');
    expect(curve.data.map((p: any) => [p.x, Number(p.y.toFixed(3))])).toEqual([
      [0, 1],
      [10, 0.833],
      [40, 0.667],
      [100, 0.444],
      [200, 0.444],
    ]);
    expect(config.options.scales.y.min).toBe(0);
    expect(config.options.scales.y.max).toBe(1);
    expect(config.options.scales.y.title.text).toBe('Still without a verdict');
    expect(config.options.scales.x.title.text).toMatch(/Days since the allegation was first made/);
  });

  it('fills the 95% interval as a band between its upper and lower edges, left out of the legend', () => {
    const bands = config.data.datasets.filter((d) => d.reckon?.kind === 'band');
    expect(bands.map((b) => b.fill)).toEqual(['+1', false]);
    expect(bands[0]!.data.map((p: any) => p.y)).toEqual([1, 1, 1, 0.98, 0.98]);
    expect(bands[1]!.data.map((p: any) => p.y)).toEqual([1, 0.58, 0.4, 0.2, 0.2]);
    const filter = config.options.plugins.legend.labels.filter;
    expect(config.data.datasets.map((_, i) => filter({ datasetIndex: i }, config.data))).toEqual([false, false, true]);
  });

  it('marks with a "+" only the days on which open allegations left the count', () => {
    expect(curve.pointStyle).toBe('cross');
    expect(curve.pointRadius).toEqual([0, 0, 5, 0, 5]);
  });

  it('puts the numbers at risk under the axis, read off the points', () => {
    const plugin = config.plugins.find((p) => p.id === 'reckonAtRisk')!;
    expect(plugin.rows).toHaveLength(1);
    expect([0, 10, 11, 40, 150, 200, 201].map((t) => plugin.rows[0].atRisk(t))).toEqual([6, 6, 5, 5, 2, 2, 0]);
    expect(config.options.layout.padding.bottom).toBeGreaterThan(30);
  });
});

describe('incidenceConfig', () => {
  it('draws confirmed and refuted by then as two step lines in the verdicts’ colours, from 0', () => {
    const config = incidenceConfig(none, LIGHT);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Confirmed', 'Refuted']);
    expect(config.data.datasets[0]!.borderColor).toBe(LIGHT.status.confirmed);
    expect(config.data.datasets[1]!.borderDash).toEqual([7, 4]);
    expect(config.data.datasets[1]!.data.map((p: any) => Number(p.y.toFixed(3)))).toEqual([0, 0, 0.167, 0.167, 0.167]);
    expect(config.options.scales.y.title.text).toBe('Share with that verdict by then');
  });

  it('names each group’s lines when grouped, one colour per group', () => {
    const config = incidenceConfig({ by: 'sourceType', groups: [group('government', 6), group('media', 8)] }, LIGHT, (k) => k.toUpperCase());
    expect(config.data.datasets.map((d) => d.label)).toEqual(['GOVERNMENT: confirmed', 'GOVERNMENT: refuted', 'MEDIA: confirmed', 'MEDIA: refuted']);
    expect(config.data.datasets[0]!.borderColor).toBe(config.data.datasets[1]!.borderColor);
    expect(config.data.datasets[0]!.borderColor).not.toBe(config.data.datasets[2]!.borderColor);
  });
});

/** The same six allegations with the incidences' bands (incidenceBands=true), values as R's survfit gives them. */
const banded = {
  ...all,
  points: all.points.map((p, i) => ({
    ...p,
    cumConfirmedStdErr: [0.152, 0.152, 0.21, 0.21][i]!,
    cumConfirmedLower: [0.027, 0.027, 0.11, 0.11][i]!,
    cumConfirmedUpper: [0.997, 0.997, 1, 1][i]!,
    cumRefutedStdErr: [0, 0.152, 0.152, 0.152][i]!,
    cumRefutedLower: [0, 0.027, 0.027, 0.027][i]!,
    cumRefutedUpper: [0, 0.997, 0.997, 0.997][i]!,
  })),
};

describe('incidenceConfig with the bands', () => {
  const config = incidenceConfig({ by: 'none', groups: [banded] }, LIGHT);

  it('fills each incidence’s 95% interval in the line’s own colour, lightly, before its line; left out of legend and tooltip', () => {
    expect(config.data.datasets.map((d) => [d.reckon?.kind, d.fill])).toEqual([['band', '+1'], ['band', false], ['curve', undefined], ['band', '+1'], ['band', false], ['curve', undefined]]);
    const [upC, lowC, , upR, lowR] = config.data.datasets;
    expect(upC!.backgroundColor).toBe(withAlpha(LIGHT.status.confirmed, 0.12));
    expect(upR!.backgroundColor).toBe(withAlpha(LIGHT.status.refuted, 0.12));
    // From day 0 (certain: [0, 0]) through each point's interval.
    expect(upC!.data.map((p: any) => p.y)).toEqual([0, 0.997, 0.997, 1, 1]);
    expect(lowC!.data.map((p: any) => p.y)).toEqual([0, 0.027, 0.027, 0.11, 0.11]);
    expect(upR!.data.map((p: any) => p.y)).toEqual([0, 0, 0.997, 0.997, 0.997]);
    expect(lowR!.data.map((p: any) => p.y)).toEqual([0, 0, 0.027, 0.027, 0.027]);
    const filter = config.options.plugins.legend.labels.filter;
    expect(config.data.datasets.map((_, i) => filter({ datasetIndex: i }, config.data))).toEqual([false, false, true, false, false, true]);
    expect(config.data.datasets.filter((d) => d.reckon?.kind === 'curve').map((d) => d.label)).toEqual(['Confirmed', 'Refuted']);
  });

  it('says the interval in the tooltip of each incidence line', () => {
    const line = config.data.datasets[2]!;
    const label = config.options.plugins.tooltip.callbacks.label({ raw: line.data[3], dataset: line });
    expect(label).toBe('Confirmed: 39% (95%: 11%–100%), 3 at risk');
  });

  it('draws no band, and says none, when the answer has none (without incidenceBands=true)', () => {
    const plain = incidenceConfig(none, LIGHT);
    expect(plain.data.datasets.every((d) => d.reckon?.kind === 'curve')).toBe(true);
    const line = plain.data.datasets[0]!;
    expect(plain.options.plugins.tooltip.callbacks.label({ raw: line.data[3], dataset: line })).toBe('Confirmed: 39%, 3 at risk');
  });

  it('lists both incidences with their intervals in its own table', () => {
    const table = incidenceTable({ groups: [banded, group('tiny', 1)] }, (k) => `T ${k}`);
    expect(table.columns.map((c: any) => (typeof c === 'string' ? c : c.label))).toEqual(['Group', 'Day', 'At risk', 'Confirmed', 'Refuted', 'Left the count', 'Confirmed by then', 'Refuted by then']);
    expect(table.caption).toMatch(/^Confirmed and refuted by then \(95% interval in brackets\), at each day/);
    expect(table.rows[0]).toEqual(['All allegations', '10', '6', '1', '0', '0', '16.7% (2.7–99.7%)', '0% (0–0%)']);
    expect(table.rows[2]).toEqual(['All allegations', '100', '3', '1', '0', '0', '38.9% (11–100%)', '16.7% (2.7–99.7%)']);
    // A group without bands shows the share alone; with no bands at all, the caption says none.
    expect(table.rows[4]).toEqual(['T tiny', '10', '6', '1', '0', '0', '16.7%', '0%']);
    expect(incidenceTable(none).caption).not.toMatch(/95%/);
  });
});

describe('small samples', () => {
  it('does not draw a group with fewer than MIN_DRAWN entries, and says so in words', () => {
    const survival = { by: 'source', groups: [group('a', MIN_DRAWN - 1), group('b', 6), group('c', 40)] };
    const { drawn, hidden } = pickGroups(survival);
    expect(drawn.map((g) => g.key)).toEqual(['b', 'c']);
    expect(hidden.map((g) => g.key)).toEqual(['a']);
    expect(survivalConfig(survival).data.datasets.filter((d) => d.reckon?.kind === 'curve').map((d) => d.label)).toEqual(['b', 'c']);
    const words = survivalWords(survival, (k) => `Source ${k}`);
    expect(words[0]!.text).toBe('Source a: 4 assertions, too few to read anything into (not drawn). 2 confirmed, 1 refuted, 3 still without a verdict.');
    expect(words[1]!.text).toMatch(/^Source b: 6 assertions, too few to read much into\./);
    expect(words[2]!.text).not.toMatch(/too few/);
    expect(words[2]!.few).toBe(false);
  });

  it('says the median wait, or that fewer than half have a verdict', () => {
    expect(survivalWords(none)[0]!.text).toBe('6 allegations, too few to read much into. 2 confirmed, 1 refuted, 3 still without a verdict; fewer than half have a verdict yet.');
    expect(survivalWords({ groups: [{ ...all, entries: 30, medianDays: 45 }] })[0]!.text).toMatch(/half had a verdict within 45 days\.$/);
  });
});

describe('survivalTable and atRiskAt', () => {
  it('lists every point of every group, drawn or not', () => {
    const table = survivalTable({ groups: [all, group('tiny', 1)] }, (k) => `T ${k}`);
    expect(table.rows).toHaveLength(8);
    expect(table.rows[0]).toEqual(['All allegations', '10', '6', '1', '0', '0', '83.3%', '58–100%', '16.7%', '0%']);
    expect(table.rows[4]![0]).toBe('T tiny');
  });

  it('is 0 past the last point', () => {
    expect(atRiskAt(all, 1000)).toBe(0);
  });
});
