/**
 * The Overview's grouped time-to-verdict figures as small multiples: one panel per drawn group
 * on the same scales, said once in a key above them (and at the head of the PNG); the table
 * under each keeps every group's intervals. The Kaplan–Meier panels (survival-panels.js) and
 * the cumulative-incidence panels (incidence-panels.js) share this figure's make.
 */
import { h } from '../dom.js';
import { count, pct } from '../format.js';
import { figure } from '../charts/figure.js';
import { groupName } from '../charts/survival.js';
import { incidenceTable, survivalTable } from '../charts/survival-table.js';
import { incidencePanelConfig, panelScales } from '../charts/incidence-panels.js';
import { niceTop } from '../charts/panels.js';
import { survivalPanelConfig, survivalPanelScales } from '../charts/survival-panels.js';

const swatch = (kind) => h('span', { class: `key-line ${kind}`, 'aria-hidden': 'true' });

/**
 * A figure of panels: `key` (swatches and their words) then, in bold, the scales every panel
 * shares — across, days 0 to the shared day axis's end; up, `upWords` from 0 to `scales.maxShare`.
 * @param {{ title: string, description: string, note: any, key: any[], keyText: string, upWords: string, scales: { drawn: any[], maxDays: number, maxShare: number }, build: (g: any, theme: any) => any, label: (k: string) => string, table: () => any, filename: string }} spec
 */
function panelFigure({ title, description, note, key, keyText, upWords, scales, build, label, table, filename }) {
  const scaleWords = `Every panel has the same scales: across, days since the source first asserted it, 0–${count(niceTop(scales.maxDays))}; up, ${upWords}, 0–${pct(scales.maxShare, 0)}.`;
  return figure({
    title,
    description,
    note,
    panels: {
      key: [...key, h('strong', null, scaleWords)],
      keyText: `${keyText} ${scaleWords}`,
      items: scales.drawn.map((g) => ({ name: groupName(g, label), build: (t) => build(g, t) })),
    },
    table,
    filename,
  });
}

const unitOf = (by) => (by === 'source' ? 'source' : 'type of source');

/** Grouped, the share still without a verdict (Kaplan–Meier) as small multiples. */
export function survivalPanels(survival, by, label, { title, note }) {
  const scales = survivalPanelScales(survival);
  return panelFigure({
    title,
    description: `One panel per ${unitOf(by)}: of the allegations it asserted, the share not yet confirmed or refuted, by days since its first assertion (Kaplan–Meier), with the 95% interval. Allegations still open are counted until today, annulled or unresolvable ones until that became known, and then leave the count${scales.marks ? ' (+)' : ' (not marked here: there are too many such days to tell apart)'}; under each panel, how many were still counted at each tick. In brackets, how many assertions each panel rests on.`,
    note,
    key: [swatch('km'), 'Still without a verdict ', swatch('km band'), '95% interval. '],
    keyText: 'Line: still without a verdict. Shaded: 95% interval.',
    upWords: 'the share still without a verdict',
    scales,
    build: (g, t) => survivalPanelConfig(g, scales, t, label),
    label,
    table: () => survivalTable(survival, label),
    filename: `reckon-time-to-verdict-${by}`,
  });
}

/** Grouped, the cumulative incidences of the two verdicts as small multiples. */
export function incidencePanels(survival, by, label, { title, note }) {
  const scales = panelScales(survival);
  return panelFigure({
    title,
    description: `One panel per ${unitOf(by)}: the share of its allegations confirmed and refuted within so many days of its first assertion; the rest are still without a verdict (cumulative incidence, the two verdicts as competing risks, open allegations counted until today), with the 95% intervals R’s survival package gives. In brackets, how many assertions each panel rests on.`,
    note,
    key: [swatch('confirmed'), 'Confirmed ', swatch('refuted'), 'Refuted ', swatch('band'), '95% interval. '],
    keyText: 'Solid: confirmed. Dashed: refuted. Shaded: 95% interval.',
    upWords: 'the share with that verdict by then',
    scales,
    build: (g, t) => incidencePanelConfig(g, scales, t, label),
    label,
    table: () => incidenceTable(survival, label),
    filename: `reckon-verdicts-by-day-${by}`,
  });
}
