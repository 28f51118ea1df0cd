import { describe, expect, it } from 'vitest';
import { LIGHT } from '../../web/js/charts/palette.js';
import { reliabilityConfig, reliabilityTable, type Calibration } from '../../web/js/charts/reliability.js';

const calibration: Calibration = {
  count: 12,
  brier: 0.18,
  logScore: -0.55,
  bins: [
    { lower: 0, upper: 0.5, count: 0, meanForecast: null, observedFrequency: null, interval: null },
    { lower: 0.5, upper: 0.75, count: 4, meanForecast: 0.6, observedFrequency: 0.5, interval: [0.15, 0.85] },
    { lower: 0.75, upper: 1, count: 8, meanForecast: 0.875, observedFrequency: 0.75, interval: [0.409, 0.929] },
  ],
  murphy: { reliability: 0.01, resolution: 0.02, uncertainty: 0.19, withinBin: 0 },
};

describe('reliabilityConfig', () => {
  const config = reliabilityConfig(calibration, LIGHT);
  const [bins, diagonal, histogram] = config.data.datasets;

  it('plots observed frequency against mean forecast for the bins that hold forecasts', () => {
    expect(bins!.data.map((p: any) => [p.x, p.y])).toEqual([
      [0.6, 0.5],
      [0.875, 0.75],
    ]);
    expect(bins!.yAxisID).toBe('y');
  });

  it('carries the Wilson intervals as error bars, drawn by an inline plugin', () => {
    expect(bins!.errorBars).toEqual([
      [0.15, 0.85],
      [0.409, 0.929],
    ]);
    expect(config.plugins.map((p) => p.id)).toContain('reckonErrorBars');
  });

  it('draws the diagonal of perfect calibration', () => {
    expect(diagonal!.label).toBe('Perfect calibration');
    expect(diagonal!.data).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
    expect(diagonal!.borderDash).toBeDefined();
  });

  it('counts forecasts per bin as a histogram on its own axis beneath', () => {
    expect(histogram!.yAxisID).toBe('count');
    expect(histogram!.data.filter((p: any) => p.y > 0).map((p: any) => p.y)).toEqual([4, 4, 8, 8]);
    const { y, count } = config.options.scales;
    expect(y.stack).toBe(count.stack);
    expect(y.stackWeight).toBeGreaterThan(count.stackWeight);
    expect(Object.keys(config.options.scales)).toEqual(['x', 'count', 'y']);
  });

  it('formats both axes as percentages with titles', () => {
    const { x, y } = config.options.scales;
    expect(x.ticks.callback(0.3)).toBe('30%');
    expect(y.ticks.callback(1)).toBe('100%');
    expect(x.title.text).toMatch(/Forecast/);
    expect(y.title.text).toBe('Observed frequency');
  });

  it('is empty but valid for an empty calibration', () => {
    const empty = reliabilityConfig({ count: 0, brier: null, logScore: null, bins: [], murphy: null });
    expect(empty.data.datasets[0]!.data).toEqual([]);
  });
});

describe('reliabilityTable', () => {
  it('has a row for every bin, empty ones included', () => {
    const table = reliabilityTable(calibration);
    expect(table.rows).toEqual([
      ['0–50%', '0', '—', '—', '—'],
      ['50–75%', '4', '60%', '50%', '15–85%'],
      ['75–100%', '8', '87.5%', '75%', '40.9–92.9%'],
    ]);
    expect(table.rowHeader).toBe(true);
  });
});
