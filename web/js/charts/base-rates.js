/**
 * Base rates (GET /api/base-rates): how often allegations asserted by each kind of source
 * were confirmed, as a dot with its 95 % Wilson interval per group (a dot and a whisker, not a
 * bar: a small group's rate must not look solid), a table, and a sentence for the prior beside
 * the new-allegation form. Pure: API answer in, Chart.js config, table and words out.
 */
import { SOURCE_TYPE_LABELS, count, pct, pctRange } from '../format.js';
import { wrapLabel } from './lanes.js';
import { LIGHT } from './palette.js';
import { backgroundPlugin, errorBarsPlugin } from './plugins.js';

/** Fewer resolved allegations than this are said to be too few to read much into. */
export const FEW_RESOLVED = 10;

/** How a source type reads in "allegations from …". */
export const TYPE_PLURALS = {
  person: 'people',
  government: 'governments',
  organisation: 'organisations',
  media: 'media outlets',
  'forecasting-platform': 'forecasting platforms',
  forecaster: 'forecasters',
  'international-body': 'international bodies',
  other: 'other sources',
};

const resolvedOf = (g) => g.asserted.confirmed + g.asserted.refuted;

/** A group's name for `by`: a source type's label, a country code, or a source's name. */
export function baseRateLabel(by, key, names = new Map()) {
  if (key === null) return by === 'country' ? 'No country' : 'All';
  if (by === 'sourceType') return SOURCE_TYPE_LABELS[key] ?? key;
  if (by === 'source') return names.get(key) ?? key;
  return key;
}

/** The groups with at least one resolved asserted allegation (those with a rate to draw). */
export function drawnRates(rates) {
  return (rates?.groups ?? []).filter((g) => g.confirmationRate !== null && resolvedOf(g) > 0);
}

/** A chart height (px) for so many rows: about 44 px a row, plus the axis and the legend. */
export function baseRatesHeight(rates) {
  return 110 + 56 * Math.max(1, drawnRates(rates).length);
}

/**
 * Chart.js config: one row per group with a rate, its dot at confirmed / resolved and a
 * whisker over the Wilson interval; the label says "n of m" so the size is never hidden.
 */
export function baseRatesConfig(rates, theme = LIGHT, names = new Map()) {
  const groups = drawnRates(rates);
  const labels = groups.map((g) => `${baseRateLabel(rates.by, g.key, names)} (${count(g.asserted.confirmed)} of ${count(resolvedOf(g))})`);
  const names2 = groups.map((g) => baseRateLabel(rates.by, g.key, names));
  const counts = groups.map((g) => `${count(g.asserted.confirmed)} of ${count(resolvedOf(g))} confirmed`);
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: 'Confirmed, among resolved allegations it asserted (dot), with its 95% interval (whisker)',
          data: groups.map((g) => g.confirmationRate),
          showLine: false,
          pointStyle: 'circle',
          pointRadius: 7,
          pointHoverRadius: 8,
          borderColor: theme.status.confirmed,
          backgroundColor: theme.status.confirmed,
          errorBars: groups.map((g) => g.interval),
          // Dots at 0% and 100% are drawn whole, not cut by the plot's edge.
          clip: 10,
          errorBarColor: theme.fg,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: 'y',
      layout: { padding: { right: 12 } },
      plugins: {
        // One series, said in the figure's description: a legend would only crowd a phone.
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => { const g = groups[item.dataIndex]; return `${pct(g.confirmationRate, 0)} confirmed (95%: ${pctRange(g.interval, 0)})`; } } },
      },
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'Share confirmed, among resolved allegations', color: theme.fg, font: { weight: '600' } }, grid: { color: theme.grid }, ticks: { color: theme.fg, stepSize: 0.2, callback: (v) => pct(Number(v), 0) } },
        y: {
          type: 'category',
          // Half a row of room at each end, so the last name clears the x axis.
          offset: true,
          grid: { display: false },
          ticks: {
            color: theme.fg,
            // The name (wrapped, cut if long) over its "n of m": the size of the group is never cut off.
            callback(value) {
              const width = this?.chart?.width ?? 800;
              const name = wrapLabel(names2[Number(value)] ?? '', width < 520 ? 16 : 30, 2);
              return [...[name].flat(), counts[Number(value)] ?? ''];
            },
          },
        },
      },
    },
    plugins: [backgroundPlugin(theme.bg), errorBarsPlugin()],
  };
}

export function baseRatesTable(rates, names = new Map()) {
  return {
    caption: 'Allegations asserted and denied by each group, and how they turned out',
    columns: ['Group', { label: 'Asserted: confirmed', numeric: true }, { label: 'refuted', numeric: true }, { label: 'pending', numeric: true }, { label: 'Confirmation rate', numeric: true }, { label: '95% interval', numeric: true }, { label: 'Denied: confirmed', numeric: true }, { label: 'refuted', numeric: true }, { label: 'pending', numeric: true }],
    rowHeader: true,
    rows: (rates?.groups ?? []).map((g) => [baseRateLabel(rates.by, g.key, names), count(g.asserted.confirmed), count(g.asserted.refuted), count(g.asserted.pending), pct(g.confirmationRate, 0), pctRange(g.interval, 0), count(g.denied.confirmed), count(g.denied.refuted), count(g.denied.pending)]),
  };
}

/**
 * One sentence of a group's base rate, for the prior beside the form and the words under the
 * chart: "Allegations from governments were confirmed 12 of 30 times: 40% (95% interval
 * 24–58%)." With fewer than FEW_RESOLVED resolved, it says they are too few to read much into;
 * with none, that none is resolved yet.
 */
export function baseRateSentence(group, subject) {
  const resolved = resolvedOf(group);
  const open = group.asserted.pending;
  if (resolved === 0) return `No allegation from ${subject} has been confirmed or refuted yet${open ? ` (${count(open)} still open)` : ''}.`;
  const rate = `${pct(group.confirmationRate, 0)} (95% interval ${pctRange(group.interval, 0)})`;
  const more = open ? ` ${count(open)} more ${open === 1 ? 'is' : 'are'} still open.` : '';
  const few = resolved < FEW_RESOLVED ? ` Only ${count(resolved)} resolved: too few to read much into.` : '';
  return `Allegations from ${subject} were confirmed ${count(group.asserted.confirmed)} of ${count(resolved)} times: ${rate}.${more}${few}`;
}

/** The prior for a source type, from base rates by sourceType; null when the type has no entry. */
export function priorForType(rates, type) {
  const group = (rates?.groups ?? []).find((g) => g.key === type);
  const subject = TYPE_PLURALS[type] ?? `sources of type ${type}`;
  if (!group) return `Reckon has no allegation from ${subject} yet: no base rate to go by.`;
  return baseRateSentence(group, subject);
}
