import { describe, expect, it } from 'vitest';
import { baseRateSentence, baseRatesConfig, baseRatesTable, drawnRates, priorForType } from '../../web/js/charts/base-rates.js';
import { sourceOverTime, sourceOverTimeConfig, sourceOverTimeTable } from '../../web/js/charts/overview.js';
import { LIGHT } from '../../web/js/charts/palette.js';

const v = (confirmed: number, refuted: number, pending: number) => ({ confirmed, refuted, pending });
const rates = {
  asOf: '2026-12-07',
  by: 'sourceType',
  groups: [
    { key: 'government', asserted: v(12, 18, 3), denied: v(2, 1, 0), confirmationRate: 0.4, interval: [0.2459, 0.5768] },
    { key: 'media', asserted: v(2, 1, 0), denied: v(0, 0, 0), confirmationRate: 2 / 3, interval: [0.2077, 0.9385] },
    { key: 'person', asserted: v(0, 0, 4), denied: v(0, 0, 0), confirmationRate: null, interval: null },
  ],
};

describe('base rates', () => {
  it('draws a dot and a Wilson whisker per group with a rate, labelled with its n of m', () => {
    const config = baseRatesConfig(rates, LIGHT);
    expect(config.data.labels).toEqual(['Government (12 of 30)', 'Media outlet (2 of 3)']);
    const ds = config.data.datasets[0]!;
    expect(ds.data).toEqual([0.4, 2 / 3]);
    expect(ds.showLine).toBe(false);
    expect(ds.errorBars).toEqual([rates.groups[0]!.interval, rates.groups[1]!.interval]);
    expect(config.options.indexAxis).toBe('y');
    expect([config.options.scales.x.min, config.options.scales.x.max]).toEqual([0, 1]);
    expect(drawnRates(rates).map((g) => g.key)).toEqual(['government', 'media']);
  });

  it('tables every group, with and without a rate', () => {
    const table = baseRatesTable(rates);
    expect(table.rows.map((r) => r[0])).toEqual(['Government', 'Media outlet', 'Person']);
    expect(table.rows[0]).toEqual(['Government', '12', '18', '3', '40%', '25–58%', '2', '1', '0']);
    expect(table.rows[2]![4]).toBe('—');
  });

  it('says the prior for a source type in words, small samples and empty groups included', () => {
    expect(priorForType(rates, 'government')).toBe('Allegations from governments were confirmed 12 of 30 times: 40% (95% interval 25–58%). 3 more are still open.');
    expect(priorForType(rates, 'media')).toBe('Allegations from media outlets were confirmed 2 of 3 times: 67% (95% interval 21–94%). Only 3 resolved: too few to read much into.');
    expect(priorForType(rates, 'person')).toBe('No allegation from people has been confirmed or refuted yet (4 still open).');
    expect(priorForType(rates, 'forecaster')).toBe('Reckon has no allegation from forecasters yet: no base rate to go by.');
    expect(baseRateSentence(rates.groups[0], 'the White House')).toMatch(/^Allegations from the White House/);
  });
});

describe('a source over time', () => {
  const source = {
    sourceId: 'nsc',
    name: 'White House',
    right: 3,
    wrong: 1,
    pending: 1,
    periods: [
      { period: '2023-Q1', right: 0, wrong: 0, pending: 3 },
      { period: '2023-Q2', right: 1, wrong: 1, pending: 1 },
      { period: '2023-Q3', right: 1, wrong: 0, pending: 1 },
    ],
  };

  it('sums the verdicts of each period into the record at its end, counting what came before the first period', () => {
    expect(sourceOverTime(source).map((r) => [r.period, r.right, r.wrong, r.pending])).toEqual([
      ['2023-Q1', 1, 0, 3],
      ['2023-Q2', 2, 1, 1],
      ['2023-Q3', 3, 1, 1],
    ]);
  });

  it('stacks right so far, wrong so far and pending per period, and tables both the totals and the period’s own verdicts', () => {
    const config = sourceOverTimeConfig(source);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Right so far', 'Wrong so far', 'Pending']);
    expect(config.data.datasets[0]!.data).toEqual([1, 2, 3]);
    expect(config.options.scales.y.stacked).toBe(true);
    expect(sourceOverTimeTable(source).rows[1]).toEqual(['2023-Q2', '2', '1', '1', '1', '1']);
  });
});
