import { describe, expect, it } from 'vitest';
import { formatDate, formatDays, pct, pctRange, score, toEpoch, truncate } from '../../web/js/format.js';
import { formatTimeTick, niceTimeTicks } from '../../web/js/charts/time-axis.js';
import { periodsConfig, periodsTable, STATUS_ORDER } from '../../web/js/charts/overview.js';

describe('niceTimeTicks', () => {
  it('gives a narrow chart at least one tick rather than none', () => {
    const { values } = niceTimeTicks(Date.UTC(2023, 0, 15), Date.UTC(2024, 7, 1), 2);
    expect(values.length).toBeGreaterThanOrEqual(1);
    expect(values.length).toBeLessThanOrEqual(2);
    for (const v of values) expect(v >= Date.UTC(2023, 0, 15) && v <= Date.UTC(2024, 7, 1)).toBe(true);
  });

  it('puts ticks on whole months or quarters for a span of a year or two', () => {
    const { unit, values } = niceTimeTicks(Date.UTC(2022, 10, 4), Date.UTC(2024, 0, 1), 8);
    expect(unit).toBe('month');
    expect(values.length).toBeLessThanOrEqual(8);
    for (const v of values) expect(new Date(v).getUTCDate()).toBe(1);
    expect(values.map((v) => formatTimeTick(v, unit))[0]).toMatch(/^[A-Z][a-z]{2} 20\d\d$/);
  });

  it('uses days for a short span and years for a long one', () => {
    expect(niceTimeTicks(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 10), 8).unit).toBe('day');
    const long = niceTimeTicks(Date.UTC(1990, 0, 1), Date.UTC(2024, 0, 1), 8);
    expect(long.unit).toBe('year');
    expect(long.values.map((v) => formatTimeTick(v, 'year'))).toContain('2000');
  });
});

describe('format', () => {
  it('writes percentages, ranges and scores as a report would', () => {
    expect(pct(0.7)).toBe('70%');
    expect(pct(0.125)).toBe('12.5%');
    expect(pct(null)).toBe('—');
    expect(pctRange([0.0512, 0.4])).toBe('5.1–40%');
    expect(score(0.18449)).toBe('0.184');
  });

  it('keeps the precision of partial dates, in UTC', () => {
    expect(formatDate('2023-10-13')).toBe('13 Oct 2023');
    expect(formatDate('2023-10')).toBe('Oct 2023');
    expect(formatDate('2023')).toBe('2023');
    expect(toEpoch('2023-10')).toBe(Date.UTC(2023, 9, 1));
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(800)).toBe('2.2 years');
    expect(truncate('a long sentence of words', 20)).toBe('a long sentence of…');
  });
});

describe('overview configs', () => {
  const overview = {
    interval: 'quarter',
    periods: [
      { period: '2024-Q1', start: '', end: '', open: 3, confirmed: 1, refuted: 0, annulled: 0, unresolvable: 0, resolvedInPeriod: 1 },
      { period: '2024-Q2', start: '', end: '', open: 1, confirmed: 2, refuted: 1, annulled: 1, unresolvable: 0, resolvedInPeriod: 3 },
    ],
    bySource: [],
  };

  it('stacks one dataset per status over the periods', () => {
    const config = periodsConfig(overview);
    expect(config.data.labels).toEqual(['2024-Q1', '2024-Q2']);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Confirmed', 'Refuted', 'Annulled', 'Unresolvable', 'Open']);
    expect(config.data.datasets.find((d) => d.label === 'Open')!.data).toEqual([3, 1]);
    expect(config.options.scales.x.stacked && config.options.scales.y.stacked).toBe(true);
    expect(periodsTable(overview).rows[1]).toEqual(['2024-Q2', '2', '1', '1', '0', '1', '3']);
    expect(STATUS_ORDER).toHaveLength(5);
  });
});
