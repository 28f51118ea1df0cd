/**
 * The grouped Kaplan–Meier curves as small multiples: one small chart per drawn group, each
 * with that group's share still without a verdict, its 95 % band (Greenwood) and its "+"
 * marks, all in one colour on the same day axis and the same 0–100 % share axis (panels.js).
 * Laid over one another in one chart, six groups' bands read as one grey area on a phone;
 * side by side, each band is its own. Pure: API answer in, Chart.js configs out.
 */
import { LIGHT, seriesColor } from './palette.js';
import { lastDay, panelConfig } from './panels.js';
import { groupName, pickGroups, showsCensorMarks, survivalDatasets } from './survival.js';

/**
 * The scales every Kaplan–Meier panel shares: the drawn groups, the last day of any of them,
 * the share axis whole (0–100 %: every curve starts at 100 %), and whether "+" marks are drawn
 * (in every panel or in none, as in the overlaid chart).
 */
export function survivalPanelScales(survival) {
  const { drawn } = pickGroups(survival);
  return { drawn, maxDays: lastDay(drawn), maxShare: 1, marks: showsCensorMarks(survival) };
}

/**
 * One panel's Chart.js config: `group`'s Kaplan–Meier step line and 95 % band in the first
 * series colour (the same in every panel: the title, not the colour, says which group it is),
 * on the shared `scales`, its name and size as the title, its numbers at risk under the axis.
 * @param {any} group one of GET /api/survival's groups
 * @param {{ drawn?: any[], maxDays: number, maxShare: number, marks: boolean }} scales
 */
export function survivalPanelConfig(group, scales, theme = LIGHT, label = (k) => k) {
  const datasets = survivalDatasets(group, seriesColor(theme, 0), theme, label, scales.marks);
  const siblings = (scales.drawn ?? [group]).map((g) => groupName(g, label));
  return panelConfig(group, groupName(group, label), siblings, datasets, scales, theme);
}
