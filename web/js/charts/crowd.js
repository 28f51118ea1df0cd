/**
 * The crowd's line on a claim's forecast chart: GET /api/claims/{id}/aggregate (Metaculus's
 * recency-weighted median of every source's latest forecast, platforms left out) as a
 * stepped line drawn under the sources' own lines. Pure: history in, Chart.js dataset out.
 */
import { formatMoment, pct, toEpoch } from '../format.js';

export const CROWD_LABEL = 'Crowd (recency-weighted median)';

/**
 * @param {Array<{ at: string, probability: number, forecasters: number }>} history
 * @param {import('./palette.js').Theme} theme
 * @param {number} end where the line stops (epoch ms): the resolution, else now
 */
export function crowdDataset(history, theme, end) {
  const data = history.map((e) => ({ x: toEpoch(e.at), y: e.probability, date: formatMoment(e.at), value: pct(e.probability), detail: `${e.forecasters} forecaster${e.forecasters === 1 ? '' : 's'}`, series: 'Crowd' }));
  const last = data[data.length - 1];
  if (last && end > last.x) data.push({ ...last, x: end, extension: true });
  return {
    type: 'line',
    label: CROWD_LABEL,
    data,
    stepped: true,
    borderColor: theme.fg,
    backgroundColor: theme.fg,
    borderWidth: 4,
    borderDash: [2, 3],
    pointStyle: 'rectRot',
    pointRadius: data.map((p) => (p.extension ? 0 : 4)),
    pointHoverRadius: data.map((p) => (p.extension ? 0 : 6)),
    pointHitRadius: data.map((p) => (p.extension ? 0 : 6)),
    order: 10,
    reckon: { kind: 'crowd' },
  };
}
