/**
 * The source ranking as a chart: accuracy of stances with the 95% Wilson interval, or the
 * Brier score of forecasts (lower is better), one horizontal bar per source that has one —
 * the ranked first, then those with too few scored to rank, drawn faded and labelled "n = …".
 * Names wrap onto up to eight lines instead of being cut; the Brier axis ends just past its
 * largest value and its title speaks of 0.25 (always saying 50 %) only when the axis reaches it.
 * Pure: items of GET /api/sources?sort=… in, Chart.js config out.
 */
import { pct, pctRange, score } from '../format.js';
import { MIN_SCORED, countNote, scoredCount, splitRanking } from '../pages/sources-ranking.js';
import { LIGHT, seriesColor, withAlpha } from './palette.js';
import { backgroundPlugin, errorBarsPlugin } from './plugins.js';

/** Sources that have the measure: the ranked, then the too-few-to-rank, each in the ranking's order. */
export function rankedWith(items, sort) {
  const { ranked, few } = splitRanking(items, sort);
  return [...ranked, ...few];
}

/** Lines a name may take on the axis; past that (over ~120 characters on a phone) it is cut with "…". */
const MAX_LINES = 8;
const PHONE_LINE = 16;
const WIDE_LINE = 30;

/** Words on lines of at most `width` characters, at most `maxLines` (the last cut with "…"). */
export function wrapLabel(text, width, maxLines = MAX_LINES) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  const out = lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  if (out.length > maxLines) out.splice(maxLines - 1, out.length, `${out[maxLines - 1].slice(0, width - 1)}…`);
  return out;
}

/** The next round number at or above `x` (steps of 0.01, 0.02, 0.05, 0.1…), for an axis end. */
export function niceCeil(x) {
  if (!(x > 0)) return 0.05;
  const mag = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= x - 1e-12) return Number((m * mag).toPrecision(6));
  return 10 * mag;
}

/** The x-axis of the Brier ranking: from 0 to just past the worst score, titled to agree with it. */
export function brierAxis(values) {
  const max = niceCeil(Math.max(0, ...values) * 1.1);
  const title = max >= 0.25 ? 'Brier score (0 is perfect; 0.25 is always saying 50 %)' : `Brier score (0 is perfect; lower is better; this axis ends at ${score(max, 2)})`;
  return { max, title };
}

/** Chart height (px) for these bars: room for each name wrapped as on a phone, plus its "n =" line. */
export function rankingHeight(rows, sort = 'accuracy') {
  const few = (s) => (countNote(s, sort).includes('too few') ? 1 : 0);
  const lines = rows.reduce((sum, s) => sum + Math.max(2, wrapLabel(s.name, PHONE_LINE).length + few(s)), 0);
  return Math.max(180, 110 + lines * 15 + rows.length * 10);
}

export function rankingConfig(items, sort = 'accuracy', theme = LIGHT) {
  const rows = rankedWith(items, sort);
  const brier = sort === 'brier';
  const color = seriesColor(theme, brier ? 1 : 0);
  const few = rows.map((s) => countNote(s, sort).includes('too few'));
  const axis = brierAxis(rows.map((s) => s.stats.brier ?? 0));
  const ranked = `Ranked (${MIN_SCORED} or more scored)`;
  const faded = `Too few to rank (under ${MIN_SCORED} scored)`;
  return {
    type: 'bar',
    data: {
      labels: rows.map((s) => s.name),
      datasets: [
        {
          label: brier ? 'Brier score (lower is better)' : 'Accuracy (95% Wilson interval)',
          data: rows.map((s) => (brier ? s.stats.brier : s.stats.accuracy)),
          errorBars: brier ? undefined : rows.map((s) => s.stats.accuracyInterval ?? null),
          errorBarColor: theme.fg,
          backgroundColor: few.map((f) => withAlpha(color, f ? 0.25 : 0.75)),
          borderColor: color,
          borderWidth: 1,
          borderRadius: 2,
          maxBarThickness: 28,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: 'y',
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            color: theme.fg,
            font: { family: theme.font, size: 12 },
            // One entry per kind of bar: full for ranked sources, faded for those with too few scored.
            generateLabels: () =>
              [
                [ranked, 0.75, few.some((f) => !f)],
                [faded, 0.25, few.some(Boolean)],
              ]
                .filter(([, , shown]) => shown)
                .map(([text, alpha]) => ({ text, fillStyle: withAlpha(color, alpha), strokeStyle: color, lineWidth: 1, fontColor: theme.fg, datasetIndex: 0 })),
          },
          onClick: () => {},
        },
        tooltip: {
          callbacks: {
            label: (item) => {
              const s = rows[item.dataIndex];
              const what = brier ? `Brier ${score(s.stats.brier)} over ${s.stats.forecasts} forecasts` : `${pct(s.stats.accuracy)} (95% ${pctRange(s.stats.accuracyInterval)}), ${s.stats.right} right, ${s.stats.wrong} wrong`;
              return few[item.dataIndex] ? `${what}; ${countNote(s, sort)}` : what;
            },
          },
        },
      },
      scales: {
        x: {
          min: 0,
          max: brier ? axis.max : 1,
          title: { display: true, text: brier ? axis.title : 'Share of scored stances that were right', color: theme.fg, font: { weight: '600' } },
          grid: { color: theme.grid },
          ticks: { color: theme.fg, callback: (v) => (brier ? score(Number(v), 2) : pct(Number(v), 0)) },
        },
        y: {
          grid: { display: false },
          ticks: {
            color: theme.fg,
            autoSkip: false,
            // The whole name, wrapped (a phone gets narrower lines); a too-few bar says its n.
            callback(value) {
              const s = rows[value];
              const lines = wrapLabel(s?.name ?? '', (this.chart?.width ?? 800) < 520 ? PHONE_LINE : WIDE_LINE);
              return few[value] ? [...lines, `n = ${scoredCount(s, sort)}, too few`] : lines;
            },
          },
        },
      },
    },
    plugins: [backgroundPlugin(theme.bg), errorBarsPlugin()],
  };
}
