/**
 * Retracted forecasts on the forecast chart: a grey ✕ at the probability they gave, kept
 * apart from the live line. (Stances and evidence are drawn in lanes: lanes.js.)
 */
import { formatMoment, pct, toEpoch } from '../format.js';

/** A source's name from a Map or an object, else its id. */
export const nameOf = (names, id) => (names instanceof Map ? names.get(id) : names?.[id]) ?? id;

export function markerDatasets(claim, theme, names) {
  const retracted = claim.forecasts.filter((f) => f.retracted);
  if (!retracted.length) return [];
  return [
    {
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
    },
  ];
}
