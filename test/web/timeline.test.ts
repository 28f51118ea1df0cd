import { describe, expect, it } from 'vitest';
import { LIGHT } from '../../web/js/charts/palette.js';
import { hasTimelineData, timelineChartConfig, timelineTable } from '../../web/js/charts/timeline.js';

const forecast = (seq: number, sourceId: string, probability: number, madeAt: string, extra: Record<string, unknown> = {}) => ({
  id: `fc-${seq}`,
  seq,
  claimId: 'c1',
  sourceId,
  probability,
  madeAt,
  backfilled: false,
  recordedAt: madeAt,
  retracted: false,
  ...extra,
});

function claim(overrides: Record<string, unknown> = {}) {
  return {
    id: 'c1',
    kind: 'prediction',
    title: 'Will X happen?',
    deadline: '2024-06-30',
    status: 'confirmed',
    resolution: { seq: 9, outcome: 'confirmed', knownOn: '2024-05-01', evidenceIds: [], recordedAt: '2024-05-02T00:00:00Z' },
    forecasts: [
      forecast(3, 'bob', 0.6, '2024-02-01T00:00:00.000Z'),
      forecast(2, 'alice', 0.3, '2024-01-01T00:00:00.000Z', { backfilled: true }),
      forecast(4, 'alice', 0.7, '2024-03-01T00:00:00.000Z'),
      forecast(5, 'alice', 0.9, '2024-03-15T00:00:00.000Z', { retracted: true, retraction: { seq: 6, reason: 'typo' } }),
    ],
    stances: [
      { id: 's1', seq: 7, sourceId: 'gov', stance: 'asserts', date: '2024-02', retracted: false },
      { id: 's2', seq: 8, sourceId: 'other', stance: 'denies', date: '2024-02-10', quote: 'No.', retracted: false },
    ],
    evidence: [{ id: 'e1', seq: 10, date: '2024-04-01', summary: 'Photos', bearing: 'supports', retracted: false }],
    ...overrides,
  };
}

const names = { alice: 'Alice', bob: 'Bob', gov: 'Government', other: 'Other side' };

describe('timelineChartConfig', () => {
  const config = timelineChartConfig(claim(), LIGHT, { now: Date.parse('2025-01-01'), sourceNames: names });
  const byLabel = (label: string) => config.data.datasets.find((d) => d.label === label)!;

  it('draws one stepped line per forecaster, in time order, named by the source', () => {
    const lines = config.data.datasets.filter((d) => d.reckon?.kind === 'forecast');
    expect(lines.map((d) => d.label)).toEqual(['Alice', 'Bob']);
    for (const d of lines) expect(d.stepped).toBe(true);
    const alice = byLabel('Alice');
    expect(alice.data.filter((p: any) => !p.extension).map((p: any) => p.y)).toEqual([0.3, 0.7]);
    expect(alice.borderColor).not.toBe(byLabel('Bob').borderColor);
  });

  it('uses numeric epoch ms on a linear x axis, with no date adapter', () => {
    expect(config.options.scales.x.type).toBe('linear');
    expect(byLabel('Alice').data[0].x).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(config.options.scales.x.ticks.callback(Date.UTC(2024, 2, 1))).toMatch(/2024|Mar/);
  });

  it('carries the last forecast on to the resolution, without a marker there', () => {
    const alice = byLabel('Alice');
    const last = alice.data[alice.data.length - 1];
    expect(last).toMatchObject({ extension: true, y: 0.7, x: Date.parse('2024-05-01T00:00:00Z') });
    expect(alice.pointRadius[alice.data.length - 1]).toBe(0);
  });

  it('draws backfilled forecasts hollow and their segment dashed', () => {
    const alice = byLabel('Alice');
    expect(alice.pointBackgroundColor[0]).toBe(LIGHT.bg);
    expect(alice.pointBackgroundColor[1]).toBe(alice.borderColor);
    expect(alice.segment.borderDash({ p0DataIndex: 0 })).toEqual([6, 4]);
    expect(alice.segment.borderDash({ p0DataIndex: 1 })).toBeUndefined();
    expect(config.data.datasets.some((d) => d.reckon?.kind === 'legend' && /Backfilled/.test(d.label!))).toBe(true);
  });

  it('leaves retracted forecasts off the line and marks them apart', () => {
    expect(byLabel('Alice').data.some((p: any) => p.y === 0.9)).toBe(false);
    expect(byLabel('Retracted forecast').data).toHaveLength(1);
    expect(byLabel('Retracted forecast').pointStyle).toBe('crossRot');
  });

  it('puts nothing but forecasts on the probability axis: no stance or evidence marker at a made-up height', () => {
    const kinds = new Set(config.data.datasets.map((d) => d.reckon?.kind));
    expect([...kinds].sort()).toEqual(['forecast', 'legend', 'retracted']);
    expect(config.data.datasets.flatMap((d) => d.data).some((p: any) => p.y === 0.96 || p.y === 0.04)).toBe(false);
  });

  it('draws the deadline and the resolution as labelled vertical lines inside the x range', () => {
    const plugin = config.plugins.find((p) => p.id === 'reckonVerticalLines')!;
    expect(plugin.lines.map((l: any) => l.kind)).toEqual(['deadline', 'resolution']);
    expect(plugin.lines[0].label).toBe('Deadline 30 Jun 2024');
    expect(plugin.lines[1]).toMatchObject({ label: 'Confirmed 1 May 2024', color: LIGHT.status.confirmed });
    expect(config.options.scales.x.max).toBeGreaterThan(Date.parse('2024-06-30'));
    expect(config.options.scales.x.min).toBeLessThan(Date.parse('2024-01-01'));
  });

  it('stops an open claim’s lines at now, or at the as-of date', () => {
    const open = claim({ status: 'open', resolution: null });
    const now = Date.parse('2024-04-10T00:00:00Z');
    const live = timelineChartConfig(open, LIGHT, { now }).data.datasets[0]!;
    expect(live.data[live.data.length - 1].x).toBe(now);
    const past = timelineChartConfig({ ...open, asOf: '2024-03-20T23:59:59Z' }, LIGHT, { now });
    const first = past.data.datasets[0]!;
    expect(first.data[first.data.length - 1].x).toBe(Date.parse('2024-03-20T23:59:59Z'));
  });
});

describe('timelineTable', () => {
  it('lists what is drawn, in date order, without the carried-on points', () => {
    const config = timelineChartConfig(claim(), LIGHT, { now: Date.parse('2025-01-01'), sourceNames: names });
    const table = timelineTable(config, 'Timeline of “Will X happen?”');
    expect(table.columns).toEqual(['Date', 'Event', 'Source', 'Value', 'Details']);
    const forecasts = table.rows.filter((r) => String(r[1]).startsWith('Forecast'));
    expect(forecasts.map((r) => [r[2], r[3]])).toEqual([
      ['Alice', '30%'],
      ['Bob', '60%'],
      ['Alice', '70%'],
    ]);
    expect(forecasts[0]![1]).toBe('Forecast (backfilled)');
    expect(table.rows.map((r) => r[1])).toContain('Deadline');
    expect(table.rows.at(-1)![1]).toBe('Deadline');
  });
});

describe('hasTimelineData', () => {
  it('is false for a claim with no forecast (its stances and evidence go in lanes)', () => {
    expect(hasTimelineData(claim({ forecasts: [], stances: [], evidence: [] }))).toBe(false);
    expect(hasTimelineData(claim({ forecasts: [] }))).toBe(false);
    expect(hasTimelineData(claim())).toBe(true);
  });
});
