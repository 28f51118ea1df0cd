import { describe, expect, it } from 'vitest';
import { LANE_MARKS, EVIDENCE_LANE, periodEnd, wrapLabel, firstAllegedOn, hasLaneData, laneSources, lanesChartConfig, lanesHeight, lanesTable, stanceVerdict } from '../../web/js/charts/lanes.js';
import { LIGHT } from '../../web/js/charts/palette.js';
import { timelineChartConfig } from '../../web/js/charts/timeline.js';

const stance = (id: string, sourceId: string, kind: 'asserts' | 'denies', date: string, extra: Record<string, unknown> = {}) => ({ id, seq: 1, claimId: 'a1', sourceId, stance: kind, date, recordedAt: '2026-01-01T00:00:00Z', retracted: false, ...extra });

function allegation(overrides: Record<string, unknown> = {}) {
  return {
    id: 'a1',
    kind: 'allegation',
    title: 'Shells were delivered',
    checkBy: '2024-06-30',
    status: 'confirmed',
    createdAt: '2026-01-01T00:00:00Z',
    resolution: { seq: 9, outcome: 'confirmed', knownOn: '2023-10-13', evidenceIds: [], recordedAt: '2026-01-01T00:00:00Z' },
    forecasts: [],
    stances: [
      stance('s1', 'nsc', 'asserts', '2022-11-02', { confidence: 0.9 }),
      stance('s2', 'dprk', 'denies', '2022-11-08', { quote: 'Groundless.' }),
      stance('s3', 'intel', 'asserts', '2022-09', { estimative: 'very likely' }),
      stance('s4', 'nsc', 'asserts', '2022-11-03'),
      stance('s5', 'gone', 'asserts', '2021-01-01', { retracted: true }),
    ],
    evidence: [
      { id: 'e1', seq: 5, claimId: 'a1', date: '2023-10-13', summary: 'Containers', bearing: 'supports', grade: { reliability: 'B', credibility: 2 }, retracted: false },
      { id: 'e2', seq: 6, claimId: 'a1', date: '2023-01', summary: 'Denial', bearing: 'contradicts', retracted: false },
      { id: 'e3', seq: 7, claimId: 'a1', date: '2023-02-01', summary: 'Background', bearing: 'context', retracted: false },
    ],
    ...overrides,
  };
}

const names = { nsc: 'White House', dprk: 'KCNA', intel: 'US intelligence', gone: 'Retracted one' };

describe('lanesChartConfig', () => {
  const config = lanesChartConfig(allegation(), LIGHT, { sourceNames: names });
  const byKind = (kind: string) => config.data.datasets.find((d) => d.reckon?.kind === kind)!;

  it('gives each source a lane in the order it first spoke, and evidence the last lane', () => {
    expect(config.reckon.lanes).toEqual(['US intelligence', 'White House', 'KCNA', EVIDENCE_LANE]);
    const y = config.options.scales.y;
    expect(y.reverse).toBe(true);
    const scale: any = { ticks: [] };
    y.afterBuildTicks(scale);
    expect(scale.ticks.map((t: any) => t.value)).toEqual([0, 1, 2, 3]);
    expect(y.ticks.callback.call({ chart: { width: 900 } }, 1)).toBe('White House');
    // On a phone the names go over the lanes (a plugin), and the axis gives its width to the plot.
    expect(y.ticks.callback.call({ chart: { width: 390 } }, 1)).toBe('');
    const narrow: any = { chart: { width: 390 }, width: 120 };
    y.afterFit(narrow);
    expect(narrow.width).toBe(4);
    expect(config.plugins.some((p) => p.id === 'reckonLaneTitles')).toBe(true);
  });

  it('puts every mark at its lane (a confidence never sets a height), at its world date', () => {
    const asserts = byKind('asserts').data;
    const nsc = asserts.filter((p: any) => p.series === 'White House');
    expect(nsc.map((p: any) => Math.round(p.y))).toEqual([1, 1]);
    for (const p of [...asserts, ...byKind('denies').data, ...byKind('supports').data]) expect(Math.abs(p.y - Math.round(p.y))).toBeLessThan(0.3);
    expect(asserts.find((p: any) => p.series === 'US intelligence').x).toBe(Date.UTC(2022, 8, 1));
    expect(byKind('denies').data[0]).toMatchObject({ y: 2, x: Date.UTC(2022, 10, 8) });
    expect(byKind('supports').data[0].y).toBe(3);
  });

  it('moves apart two marks of one lane a day apart, so neither hides the other', () => {
    const nsc = byKind('asserts').data.filter((p: any) => p.series === 'White House');
    expect(nsc[0].y).not.toBe(nsc[1].y);
  });

  it('tells asserts from denies by shape as well as colour, and each bearing of evidence by shape', () => {
    const shapes = (k: string) => `${byKind(k).pointStyle}/${byKind(k).rotation}`;
    expect(new Set(['asserts', 'denies', 'supports', 'contradicts', 'context'].map(shapes)).size).toBe(5);
    expect(byKind('asserts').backgroundColor).not.toBe(byKind('denies').backgroundColor);
    expect(byKind('asserts').label).toBe(LANE_MARKS.asserts.label);
  });

  it('labels a stated confidence and, once resolved, the verdict beside the mark', () => {
    const tags = byKind('asserts').data.map((p: any) => p.tag);
    expect(tags).toEqual(['“very likely” · ✓ right', '90% sure · ✓ right', '✓ right']);
    expect(byKind('denies').data[0].tag).toBe('✗ wrong');
    expect(byKind('supports').data[0].tag).toBe('B2');
    const open = lanesChartConfig(allegation({ status: 'open', resolution: null }), LIGHT, { sourceNames: names });
    expect(open.data.datasets.find((d) => d.reckon?.kind === 'denies')!.data[0].tag).toBe('');
  });

  it('leaves retracted stances out, lanes and all', () => {
    expect(config.reckon.lanes).not.toContain('Retracted one');
  });

  it('draws the check-by date and the resolution as vertical lines, and uses a shared range when given', () => {
    const lines = config.plugins.find((p) => p.id === 'reckonVerticalLines')!.lines;
    expect(lines.map((l: any) => [l.kind, l.label])).toEqual([
      ['check-by', 'Check by 30 Jun 2024'],
      ['resolution', 'Confirmed 13 Oct 2023'],
    ]);
    expect(config.options.scales.x.min).toBeLessThan(Date.UTC(2022, 8, 1));
    expect(config.options.scales.x.max).toBeGreaterThan(Date.UTC(2024, 5, 30));
    const shared = lanesChartConfig(allegation(), LIGHT, { sourceNames: names, range: { min: 1, max: 2 } });
    expect([shared.options.scales.x.min, shared.options.scales.x.max]).toEqual([1, 2]);
  });

  it('wraps a long lane name onto at most three lines, cutting the rest', () => {
    expect(wrapLabel('Wagner Group', 13)).toBe('Wagner Group');
    expect(wrapLabel('North Korean government (KCNA statements)', 26)).toEqual(['North Korean government', '(KCNA statements)']);
    const phone = wrapLabel('US National Security Council (White House)', 13) as string[];
    expect(phone).toHaveLength(3);
    expect(phone[2]).toMatch(/…$/);
  });

  it('lines its plot area up with the forecast chart’s when both are drawn: one x range, one axis width', () => {
    const range = { min: Date.UTC(2022, 0, 1), max: Date.UTC(2025, 0, 1) };
    const axisWidth = (w: number) => (w < 520 ? 100 : 190);
    const withForecasts = allegation({ forecasts: [{ id: 'f', seq: 2, sourceId: 'nsc', probability: 0.7, madeAt: '2022-12-01T00:00:00Z', backfilled: false, retracted: false }] });
    const lanes = lanesChartConfig(withForecasts, LIGHT, { sourceNames: names, range, axisWidth });
    const lines = timelineChartConfig(withForecasts, LIGHT, { sourceNames: names, range, axisWidth });
    for (const c of [lanes, lines]) {
      expect([c.options.scales.x.min, c.options.scales.x.max]).toEqual([range.min, range.max]);
      const scale: any = { chart: { width: 1000 }, width: 0 };
      c.options.scales.y.afterFit(scale);
      expect(scale.width).toBe(190);
    }
  });

  it('runs a bar to the end of a date known only to the month or year, so “Oct 2023” is not read as 1 October', () => {
    expect(periodEnd('2023-10')).toBe(Date.UTC(2023, 10, 1));
    expect(periodEnd('2023-12')).toBe(Date.UTC(2024, 0, 1));
    expect(periodEnd('2022')).toBe(Date.UTC(2023, 0, 1));
    expect(periodEnd('2023-10-13')).toBeNull();
    const contradicts = byKind('contradicts').data[0];
    expect([contradicts.x, contradicts.spanEnd]).toEqual([Date.UTC(2023, 0, 1), Date.UTC(2023, 1, 1)]);
    expect(byKind('supports').data[0].spanEnd).toBeNull();
    // A mark inside another's month bar is moved off it.
    const shells = lanesChartConfig(allegation({ evidence: [
      { id: 'm', seq: 5, date: '2023-10', summary: 'Month', bearing: 'supports', retracted: false },
      { id: 'd', seq: 6, date: '2023-10-20', summary: 'Day', bearing: 'supports', retracted: false },
    ] }), LIGHT, { sourceNames: names });
    const ys = shells.data.datasets.find((d) => d.reckon?.kind === 'supports')!.data.map((p: any) => p.y);
    expect(ys[0]).not.toBe(ys[1]);
    expect(byKind('asserts').reckon.color).toBe(LIGHT.stance.asserts);
  });

  it('grows with the number of lanes', () => {
    const one = lanesChartConfig(allegation({ stances: [stance('s1', 'nsc', 'asserts', '2022-11-02')], evidence: [] }), LIGHT);
    expect(lanesHeight(config)).toBeGreaterThan(lanesHeight(one));
  });
});

describe('lanesTable', () => {
  it('lists every mark and line in date order, with the confidence, grade and verdict in words', () => {
    const table = lanesTable(lanesChartConfig(allegation(), LIGHT, { sourceNames: names }));
    expect(table.columns).toEqual(['Date', 'Event', 'Lane', 'Stated confidence or grade', 'Verdict', 'Details']);
    expect(table.rows[0]).toEqual(['Sep 2022', 'Stance: asserts', 'US intelligence', '“very likely”', 'Right', '']);
    expect(table.rows.find((r) => r[1] === 'Stance: denies')).toEqual(['8 Nov 2022', 'Stance: denies', 'KCNA', '—', 'Wrong', '“Groundless.”']);
    expect(table.rows.find((r) => r[1] === 'Evidence: supports')?.[3]).toBe('B2');
    expect(table.rows.map((r) => r[1]).slice(-2)).toEqual(['Resolution', 'Check by']);
  });
});

describe('stanceVerdict and firstAllegedOn', () => {
  it('scores a stance only against a confirmed or refuted claim', () => {
    const s = stance('x', 'a', 'denies', '2022-01-01');
    expect(stanceVerdict(s, { resolution: { outcome: 'refuted' } })).toBe('right');
    expect(stanceVerdict(s, { resolution: { outcome: 'confirmed' } })).toBe('wrong');
    expect(stanceVerdict(s, { resolution: null })).toBe('pending');
    expect(stanceVerdict(s, { resolution: { outcome: 'annulled' } })).toBe('not-scored');
  });

  it('is the earliest live asserting stance (a month counts from its first day), or the API’s own value', () => {
    expect(firstAllegedOn(allegation())).toBe('2022-09');
    expect(firstAllegedOn(allegation({ firstAllegedOn: '2022-08-01' }))).toBe('2022-08-01');
    expect(firstAllegedOn(allegation({ stances: [stance('d', 'x', 'denies', '2020-01-01')] }))).toBeNull();
  });

  it('knows when there is nothing to put in lanes', () => {
    expect(hasLaneData(allegation({ stances: [], evidence: [] }))).toBe(false);
    expect(laneSources(allegation(), names)).toEqual(['intel', 'nsc', 'dprk']);
  });
});
