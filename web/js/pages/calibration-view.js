/** Scores and the reliability diagram for one GET /api/calibration answer (calibration and source pages). */
import { h } from '../dom.js';
import { count, score } from '../format.js';
import { figure } from '../charts/figure.js';
import { reliabilityConfig, reliabilityTable } from '../charts/reliability.js';

export function stat(term, value, note) {
  return h('div', { class: 'stat' }, h('dt', null, term), h('dd', null, value), note ? h('dd', { class: 'stat-note' }, note) : null);
}

export function calibrationStats(cal) {
  const m = cal.murphy;
  return h(
    'dl',
    { class: 'stats' },
    stat('Forecasts scored', count(cal.count)),
    stat('Brier score', score(cal.brier), 'lower is better'),
    stat('Log score', score(cal.logScore), 'higher is better'),
    m ? stat('Reliability', score(m.reliability, 4), 'lower is better') : null,
    m ? stat('Resolution', score(m.resolution, 4), 'higher is better') : null,
    m ? stat('Uncertainty', score(m.uncertainty, 4)) : null,
    m && m.withinBin !== undefined && m.withinBin !== null ? stat('Within-bin terms', score(m.withinBin, 4)) : null,
  );
}

/**
 * Stats, then the diagram with its table. Returns the elements and a promise for the chart.
 * @param {any} cal @param {{ title: string, filename: string, caption?: string, withStats?: boolean }} o
 */
export function calibrationView(cal, { title, filename, caption, withStats = true }) {
  if (!cal.count) return { elements: [withStats ? calibrationStats(cal) : null, h('p', { class: 'notice' }, 'No resolved forecasts match, so there is nothing to calibrate yet. Forecasts count once their claim is confirmed or refuted.')], ready: Promise.resolve() };
  const fig = figure({
    title,
    description: 'Each point is a bin of forecasts: how often those claims were confirmed (with its 95% Wilson interval) against the mean forecast. Points on the dashed diagonal are perfectly calibrated. The bars beneath count the forecasts in each bin.',
    build: (theme) => reliabilityConfig(cal, theme),
    table: () => reliabilityTable(cal, caption ?? title),
    filename,
    size: 'tall',
  });
  const m = cal.murphy;
  const note = m
    ? h('p', { class: 'small muted' }, `Murphy decomposition: Brier ${score(cal.brier)} = reliability ${score(m.reliability, 4)} − resolution ${score(m.resolution, 4)} + uncertainty ${score(m.uncertainty, 4)}`, m.withinBin ? ` + within-bin terms ${score(m.withinBin, 4)}` : '', '.')
    : null;
  return { elements: [withStats ? calibrationStats(cal) : null, fig.element, note], ready: fig.ready };
}
