/**
 * Stances, evidence and retracted forecasts as dated markers on the claim timeline: asserts
 * and denies as triangles up and down, evidence as diamonds or squares, each in its colour.
 */
import { BEARING_LABELS, formatDate, formatMoment, pct, toEpoch, truncate } from '../format.js';
import { withAlpha } from './palette.js';

/** Where markers sit on the probability axis, and how they look. */
export const MARKERS = {
  asserts: { y: 0.96, pointStyle: 'triangle', rotation: 0, label: 'Stance: asserts' },
  denies: { y: 0.04, pointStyle: 'triangle', rotation: 180, label: 'Stance: denies' },
  supports: { y: 0.88, pointStyle: 'rectRot', rotation: 0, label: 'Evidence: supports' },
  contradicts: { y: 0.12, pointStyle: 'rectRot', rotation: 0, label: 'Evidence: contradicts' },
  context: { y: 0.5, pointStyle: 'rect', rotation: 0, label: 'Evidence: context' },
};

/** A source's name from a Map or an object, else its id. */
export const nameOf = (names, id) => (names instanceof Map ? names.get(id) : names?.[id]) ?? id;

/** Markers on the same day are stacked a little towards the middle, so none hides another. */
function stackMarkers(items, baseY) {
  const seen = new Map();
  const step = baseY > 0.5 ? -0.045 : 0.045;
  return items.map((item) => {
    const k = seen.get(item.x) ?? 0;
    seen.set(item.x, k + 1);
    return { y: baseY + k * step, ...item };
  });
}

function markerDataset(key, color, items, theme) {
  const m = MARKERS[key];
  return {
    type: 'line',
    label: m.label,
    showLine: false,
    data: stackMarkers(items, m.y),
    pointStyle: m.pointStyle,
    rotation: m.rotation,
    pointRotation: m.rotation,
    pointRadius: 8,
    pointHoverRadius: 10,
    borderColor: color,
    backgroundColor: withAlpha(color, 0.85),
    pointBorderColor: theme.bg,
    pointBorderWidth: 1,
    reckon: { kind: key },
  };
}

export function markerDatasets(claim, theme, names) {
  const out = [];
  for (const stance of ['asserts', 'denies']) {
    const items = claim.stances
      .filter((s) => s.stance === stance && !s.retracted)
      .map((s) => ({ x: toEpoch(s.date), date: formatDate(s.date), series: nameOf(names, s.sourceId), value: stance, detail: [s.estimative ?? (s.confidence !== undefined ? `stated confidence ${pct(s.confidence)}` : ''), s.quote ? `“${truncate(s.quote, 120)}”` : ''].filter(Boolean).join(' — ') }));
    if (items.length) out.push(markerDataset(stance, theme.stance[stance], items, theme));
  }
  for (const bearing of ['supports', 'contradicts', 'context']) {
    const items = claim.evidence
      .filter((e) => e.bearing === bearing && !e.retracted)
      .map((e) => ({ x: toEpoch(e.date), date: formatDate(e.date), series: e.publishedBy ?? 'Evidence', value: BEARING_LABELS[bearing].toLowerCase(), detail: truncate(e.summary, 140) }));
    if (items.length) out.push(markerDataset(bearing, theme.bearing[bearing], items, theme));
  }
  const retracted = claim.forecasts.filter((f) => f.retracted);
  if (retracted.length) {
    out.push({
      type: 'line',
      label: 'Retracted forecast',
      showLine: false,
      data: retracted.map((f) => ({ x: toEpoch(f.madeAt), y: f.probability, date: formatMoment(f.madeAt), series: nameOf(names, f.sourceId), value: `${pct(f.probability)} (retracted)`, detail: f.retraction?.reason ?? '' })),
      pointStyle: 'crossRot',
      pointRadius: 7,
      borderWidth: 2,
      borderColor: theme.muted,
      backgroundColor: theme.muted,
      reckon: { kind: 'retracted' },
    });
  }
  return out;
}

