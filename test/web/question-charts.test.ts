/**
 * Issue 17's charts as pure configs: a multiple-choice history (one line per option), numeric
 * and date latest forecasts as density curves with the outcome marked, and a history fan of
 * medians and 50 % / 90 % ranges. Each config's table shows exactly what is drawn.
 */
import { describe, expect, it } from 'vitest';
import { cdfFromSliderComponents } from '../../web/js/cdf/sliders.js';
import { choiceHistoryConfig, choiceHistoryTable, choiceSeries, choiceSources } from '../../web/js/charts/choice-history.js';
import { quantileOf } from '../../web/js/charts/continuous.js';
import { densityConfig, densityCurve, densityTable, tailsInWords } from '../../web/js/charts/density.js';
import { fanConfig, fanTable } from '../../web/js/charts/fan.js';

const choiceClaim = {
  questionType: 'multiple-choice',
  options: ['Sweden', 'Austria', 'Israel'],
  resolution: { outcome: 'resolved', value: 'Austria', knownOn: '2025-05-18T00:30:00Z' },
  forecasts: [
    { seq: 3, sourceId: 'bob', probabilities: [0.4, 0.3, 0.3], madeAt: '2025-04-02T10:00:00Z', retracted: false },
    { seq: 2, sourceId: 'alice', probabilities: [0.5, 0.3, 0.2], madeAt: '2025-04-01T10:00:00Z', retracted: false },
    { seq: 4, sourceId: 'alice', probabilities: [0.35, 0.45, 0.2], madeAt: '2025-05-10T20:00:00Z', retracted: false },
    { seq: 5, sourceId: 'alice', probabilities: [0.1, 0.1, 0.8], madeAt: '2025-05-11T20:00:00Z', retracted: true },
  ],
};

describe('choiceHistoryConfig', () => {
  const series = choiceSeries(choiceClaim, 'alice');
  const config = choiceHistoryConfig(choiceClaim, series, undefined, { now: Date.parse('2025-06-01') });

  it('draws one line per option from one source’s live forecasts, held to the resolution', () => {
    expect(choiceSources(choiceClaim)).toEqual(['alice', 'bob']);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Sweden', 'Austria (happened)', 'Israel']);
    const austria = config.data.datasets[1]!.data as any[];
    expect(austria.map((p: any) => p.y)).toEqual([0.3, 0.45, 0.45]);
    expect(austria.at(-1)).toMatchObject({ x: Date.parse('2025-05-18T00:30:00Z'), extension: true });
  });

  it('marks the resolution with the option that happened', () => {
    const lines = config.plugins.find((p: any) => p.id === 'reckonVerticalLines')!.lines;
    expect(lines).toEqual([expect.objectContaining({ label: 'Resolved: Austria 18 May 2025', kind: 'resolution' })]);
  });

  it('tabulates each forecast with one column per option', () => {
    const table = choiceHistoryTable(config, 'Alice');
    expect(table.columns.map((c: any) => (typeof c === 'string' ? c : c.label))).toEqual(['Forecast made', 'Sweden', 'Austria (happened)', 'Israel']);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[1]!.slice(1)).toEqual(['35%', '45%', '20%']);
  });
});

const OPEN = { openLower: true, openUpper: true };
const numericClaim = {
  questionType: 'numeric',
  range: { min: 0, max: 20000, ...OPEN, scale: 'linear' },
  resolution: { outcome: 'resolved', value: 11000, knownOn: '2024-12-31T00:00:00Z' },
  forecasts: [
    { sourceId: 'fay', madeAt: '2024-11-01T00:00:00Z', cdf: cdfFromSliderComponents([{ left: 0.4, center: 0.5, right: 0.6 }], OPEN), retracted: false },
    { sourceId: 'fay', madeAt: '2024-12-01T00:00:00Z', cdf: cdfFromSliderComponents([{ left: 0.5, center: 0.55, right: 0.6 }], OPEN), retracted: false },
    { sourceId: 'gus', madeAt: '2024-11-15T00:00:00Z', cdf: cdfFromSliderComponents([{ left: 0.2, center: 0.3, right: 0.4 }], OPEN), retracted: false },
  ],
};

describe('densityConfig', () => {
  const config = densityConfig(numericClaim, undefined, { sourceNames: new Map([['fay', 'Fay']]) });

  it('draws each source’s latest CDF as 200 bucket densities that average to the inner mass', () => {
    expect(config.data.datasets).toHaveLength(2);
    const fay = config.data.datasets[0]!;
    expect(fay.reckon.madeAt).toContain('1 Dec 2024');
    expect(fay.data).toHaveLength(200);
    const latest = numericClaim.forecasts[1]!.cdf;
    const mean = fay.data.reduce((a: number, p: any) => a + p.y, 0) / 200;
    expect(mean).toBeCloseTo(latest[200]! - latest[0]!, 9);
    expect(fay.data[0].x).toBeCloseTo(50, 9);
  });

  it('says the mass beyond open bounds in words and marks the outcome', () => {
    expect(config.data.datasets[0]!.label).toBe('Fay');
    expect(tailsInWords(numericClaim, new Map([['fay', 'Fay']]))).toMatch(/^Beyond the range: Fay [\d.]+% below, [\d.]+% above; gus [\d.]+% below, [\d.]+% above\.$/);
    expect(tailsInWords({ ...numericClaim, range: { ...numericClaim.range, openLower: false, openUpper: false } })).toBeNull();
    expect(config.plugins.find((p: any) => p.id === 'reckonVerticalLines')!.lines).toEqual([expect.objectContaining({ x: 11000, label: 'Outcome: 11,000' })]);
  });

  it('puts a log range on a logarithmic axis and a date range in milliseconds', () => {
    const log = densityConfig({ ...numericClaim, range: { min: 1000, max: 100000, ...OPEN, scale: 'log' } });
    expect(log.options.scales.x.type).toBe('logarithmic');
    expect([1000, 2000, 3000, 5000, 7000, 10000].map(log.options.scales.x.ticks.callback)).toEqual(['1,000', '2,000', '', '5,000', '', '10,000']);
    expect(densityCurve({ ...numericClaim, range: { min: 1000, max: 100000, ...OPEN, scale: 'log' } }, numericClaim.forecasts[0]!.cdf)[99]!.x).toBeCloseTo(1000 * 100 ** (99.5 / 200), 6);
    const date = { ...numericClaim, questionType: 'date', range: { min: '2024-01-01T00:00:00Z', max: '2025-01-01T00:00:00Z', ...OPEN, scale: 'linear' }, resolution: null };
    const d = densityConfig(date);
    expect(d.data.datasets[0]!.data[0].x).toBeGreaterThan(Date.parse('2024-01-01'));
    expect(d.data.datasets[0]!.data[0].x).toBeLessThan(Date.parse('2024-01-02'));
  });

  it('tabulates the curves', () => {
    const table = densityTable(config, 'Latest');
    expect(table.rows).toHaveLength(200);
    expect(table.columns).toHaveLength(3);
  });
});

describe('fanConfig', () => {
  const fay = numericClaim.forecasts.filter((f) => f.sourceId === 'fay');
  const config = fanConfig(numericClaim, fay, undefined, { now: Date.parse('2025-01-01') });

  it('draws the median and the 50 % and 90 % ranges of each forecast, stepped', () => {
    const byLabel = Object.fromEntries(config.data.datasets.map((d: any) => [d.label, d]));
    const median = byLabel.Median.data.map((p: any) => p.y);
    expect(median[0]).toBeCloseTo(quantileOf(numericClaim, fay[0]!.cdf, 0.5).value, 6);
    expect(median[0]).toBeCloseTo(10000, -1);
    expect(byLabel['90 % range'].data[0].y).toBeLessThan(byLabel['50 % range'].data[0].y);
    expect(byLabel['50 % range (upper)'].data[1].y).toBeLessThan(byLabel['90 % range (upper)'].data[1].y);
    expect(byLabel['Outcome: 11,000'].data[0].y).toBe(11000);
  });

  it('tabulates the five quantiles of each forecast and the outcome', () => {
    const table = fanTable(config, 'Fay');
    expect(table.rows).toHaveLength(3);
    expect(table.rows[2]![1]).toBe('Outcome: 11,000');
  });

  it('writes a quantile beyond the range as ≤ min', () => {
    const low = [...Array(201)].map((_, i) => 0.3 + 0.6 * (i / 200));
    expect(quantileOf(numericClaim, low, 0.25)).toEqual({ value: 0, edge: 'below' });
    expect(quantileOf(numericClaim, low, 0.95)).toEqual({ value: 20000, edge: 'above' });
  });
});
