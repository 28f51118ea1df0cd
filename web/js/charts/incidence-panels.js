/**
 * The grouped cumulative incidences as small multiples: one small chart per drawn group, each
 * with that group's confirmed (solid) and refuted (dashed) lines in the verdicts' colours and
 * their 95 % bands, all on the same day axis and the same share scale (panels.js). Laid over
 * one another in one chart, six groups' twelve bands read as one grey area on a phone; side by
 * side, each band is its own and the groups compare by position. Pure: API answer in, Chart.js
 * configs out.
 */
import { LIGHT } from './palette.js';
import { lastDay, niceTop, panelConfig } from './panels.js';
import { INCIDENCE_ALPHA, bandDatasets, curvePoints, groupName, hasBand, pickGroups, stepLine } from './survival.js';

export { niceTop };

/**
 * The top of the share axis that every panel shares: the highest share or band end of any
 * drawn group, rounded up to the next 10 % (at least 10 %, at most 100 %), so that curves
 * which stay under 40 % are not drawn in the bottom third of a small panel.
 */
export function panelShareMax(groups) {
  const top = Math.max(0, ...groups.flatMap((g) => g.points.flatMap((p) => [p.cumConfirmed, p.cumRefuted, p.cumConfirmedUpper ?? 0, p.cumRefutedUpper ?? 0])));
  return Math.min(1, Math.max(0.1, Math.ceil(top * 10 - 1e-9) / 10));
}

/** The scales every panel shares: the drawn groups, the last day of any of them, the share axis's top. */
export function panelScales(survival) {
  const { drawn } = pickGroups(survival);
  return { drawn, maxDays: lastDay(drawn), maxShare: panelShareMax(drawn) };
}

/** The lines (and bands, where the answer has them) of one group's two incidences, in the verdicts' colours. */
function panelDatasets(group, name, theme) {
  const verdicts = [
    ['cumConfirmed', 'confirmed', 'Confirmed', theme.status.confirmed, undefined],
    ['cumRefuted', 'refuted', 'Refuted', theme.status.refuted, [7, 4]],
  ];
  return verdicts.flatMap(([field, verdict, text, color, dash]) => {
    const data = curvePoints(group, field);
    const line = { ...stepLine, label: text, data, borderColor: color, backgroundColor: color, borderWidth: 2, borderDash: dash, reckon: { kind: 'curve', group: name, verdict } };
    return hasBand(group, field) ? [...bandDatasets(text, data, color, INCIDENCE_ALPHA, { group: name, verdict }), line] : [line];
  });
}

/**
 * One panel's Chart.js config: `group`'s incidences on the shared `scales` (panelScales), its
 * name and size as the title, its numbers at risk under the axis (panels.js).
 * @param {any} group one of GET /api/survival's groups
 * @param {{ drawn?: any[], maxDays: number, maxShare: number }} scales (drawn: every panel's group, for cutting the names apart)
 */
export function incidencePanelConfig(group, scales, theme = LIGHT, label = (k) => k) {
  const name = groupName(group, label);
  const siblings = (scales.drawn ?? [group]).map((g) => groupName(g, label));
  return panelConfig(group, name, siblings, panelDatasets(group, name, theme), scales, theme);
}
