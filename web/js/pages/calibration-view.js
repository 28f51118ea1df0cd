/**
 * Scores and the reliability diagram for one GET /api/calibration answer (calibration and source
 * pages). Every score on it has the same number of decimals (the Murphy terms are often below
 * 0.01, so four); under about 30 scored forecasts a notice says the diagram and the terms mean
 * little yet; each Murphy term is explained in a line.
 */
import { h } from '../dom.js';
import { count, score } from '../format.js';
import { figure } from '../charts/figure.js';
import { reliabilityConfig, reliabilityTable } from '../charts/reliability.js';

/** Decimals of every score on the page: Brier, log score and the Murphy terms alike. */
export const SCORE_DIGITS = 4;
/** Below this many scored forecasts, calibration is mostly noise: say so. */
export const SMALL_SAMPLE = 30;

const fmt = (x) => score(x, SCORE_DIGITS);

export function stat(term, value, note) {
  return h('div', { class: 'stat' }, h('dt', null, term), h('dd', null, value), note ? h('dd', { class: 'stat-note' }, note) : null);
}

export function calibrationStats(cal) {
  const m = cal.murphy;
  return h(
    'dl',
    { class: 'stats' },
    stat('Forecasts scored', count(cal.count)),
    stat('Brier score', fmt(cal.brier), 'lower is better'),
    stat('Log score', fmt(cal.logScore), 'higher is better'),
    m ? stat('Reliability', fmt(m.reliability), 'lower is better') : null,
    m ? stat('Resolution', fmt(m.resolution), 'higher is better') : null,
    m ? stat('Uncertainty', fmt(m.uncertainty), 'set by the questions') : null,
    m && m.withinBin !== undefined && m.withinBin !== null ? stat('Within-bin terms', fmt(m.withinBin)) : null,
  );
}

/** The notice under SMALL_SAMPLE scored forecasts, or null. */
export function smallSampleNotice(n) {
  if (!n || n >= SMALL_SAMPLE) return null;
  return h(
    'p',
    { class: 'notice small-sample', role: 'note' },
    `Only ${count(n)} scored ${n === 1 ? 'forecast' : 'forecasts'}: too few to judge calibration (about ${SMALL_SAMPLE} is the least that says much). A bin of two or three can sit far from the diagonal by luck alone — the wide intervals show how far — and the reliability and resolution below will move a lot with each new resolution.`,
  );
}

/**
 * The decomposition, then a line on what each term means (A. H. Murphy 1973, "A new vector
 * partition of the probability score"; the within-bin remainder: Stephenson, Coelho & Jolliffe 2008).
 */
function murphyNote(cal) {
  const m = cal.murphy;
  if (!m) return null;
  const within = m.withinBin !== undefined && m.withinBin !== null && m.withinBin !== 0;
  return h(
    'div',
    { class: 'murphy small' },
    h('p', null, `Murphy decomposition: Brier ${fmt(cal.brier)} = reliability ${fmt(m.reliability)} − resolution ${fmt(m.resolution)} + uncertainty ${fmt(m.uncertainty)}${within ? ` + within-bin terms ${fmt(m.withinBin)}` : ''}.`),
    h(
      'dl',
      { class: 'terms' },
      h('dt', null, 'Reliability'),
      h('dd', null, 'How far each bin’s forecasts are from how often its claims came true, weighted by the bin’s size. 0 is perfect calibration; lower is better.'),
      h('dt', null, 'Resolution'),
      h('dd', null, 'How far each bin’s outcomes are from the overall rate: forecasts that tell the claims that happen from those that do not. Higher is better.'),
      h('dt', null, 'Uncertainty'),
      h('dd', null, 'The overall rate ō times (1 − ō): how hard the questions were to begin with. No forecaster changes it; 0.25 when half came true.'),
      within ? h('dt', null, 'Within-bin terms') : null,
      within ? h('dd', null, 'What is left because the forecasts within a bin differ from their bin’s mean; small when the bins are narrow.') : null,
    ),
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
  return { elements: [smallSampleNotice(cal.count), withStats ? calibrationStats(cal) : null, fig.element, murphyNote(cal)], ready: fig.ready };
}
