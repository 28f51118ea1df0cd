/**
 * The Overview's sections, each a heading, what it says in words (small samples included)
 * and its figures: time to verdict, base rates, sources over time, claims by status.
 */
import { h } from '../dom.js';
import { SOURCE_TYPE_LABELS, count } from '../format.js';
import { figure } from '../charts/figure.js';
import { baseRateLabel, baseRatesConfig, baseRatesHeight, baseRatesTable, drawnRates, FEW_RESOLVED } from '../charts/base-rates.js';
import { bySourceConfig, bySourceHeight, bySourceTable, periodsConfig, periodsTable, sourceOverTimeConfig, sourceOverTimeTable } from '../charts/overview.js';
import { FEW, MIN_DRAWN, incidenceConfig, pickGroups, showsCensorMarks, survivalConfig, survivalWords } from '../charts/survival.js';
import { incidenceTable, survivalTable } from '../charts/survival-table.js';
import { incidencePanels, survivalPanels } from './overview-panels.js';

const BY_WORDS = { none: '', sourceType: ' by type of source', source: ' by source' };

/** A group key's name for `by`: a source type's label or a source's name. */
export function groupLabel(by, names) {
  return (key) => (by === 'sourceType' ? SOURCE_TYPE_LABELS[key] ?? key : by === 'source' ? names.get(key) ?? key : key);
}

/**
 * "6 allegations: too few to read much into…" above a chart whose drawn groups are small;
 * `bands`: whether the chart shades one band per group ('one') or one per curve ('each').
 */
function smallNote(drawn, bands) {
  const few = drawn.filter((g) => g.entries < FEW);
  if (!few.length) return null;
  if (drawn.length === 1) {
    const shaded = bands === 'one' ? ' The shaded band shows how uncertain the curve is; treat it as a sketch, not a finding.' : ' The shaded bands show how uncertain the curves are; treat them as a sketch, not a finding.';
    return `${count(few[0].entries)} ${few[0].key === null ? 'allegations' : 'assertions'}: too few to read much into.${shaded}`;
  }
  return `${few.length} of these ${drawn.length} groups rest on fewer than ${FEW} assertions each: too few to read much into. The shaded bands show how uncertain the curves are.`;
}

export function survivalSection(survival, by, names) {
  const label = groupLabel(by, names);
  if (!survival) return { nodes: [h('p', { class: 'notice' }, 'Time to verdict is not available on this server yet.')], figures: [] };
  const { drawn } = pickGroups(survival);
  const words = survivalWords(survival, label);
  const grouped = by === 'none' ? null : h('p', { class: 'muted small' }, 'Grouped, each source’s assertion of an allegation counts apart, from the day that source first asserted it: an allegation two sources made counts twice.');
  const list = words.length ? [grouped, h('ul', { class: 'sample-words' }, words.map((w) => h('li', null, w.text)))] : h('p', { class: 'notice' }, 'No source has asserted an allegation yet, so there is no time to verdict to show.');
  if (!drawn.length) return { nodes: [list, words.length ? h('p', { class: 'notice' }, by === 'none' ? `Fewer than ${MIN_DRAWN} allegations: too few to draw a curve.` : `Every group has fewer than ${MIN_DRAWN} assertions: too few to draw a curve. Grouping by type of source, or not at all, pools more.`) : null], figures: [] };
  const titles = { km: `Allegations still without a verdict${BY_WORDS[by]}`, incidence: `Confirmed or refuted, by days since first alleged${BY_WORDS[by]}` };
  // Grouped, each figure is small multiples (overview-panels.js): overlaid, six groups' bands merge into grey on a phone.
  const panels = drawn.length > 1;
  const figures = [
    panels ? survivalPanels(survival, by, label, { title: titles.km, note: smallNote(drawn, 'each') }) : figure({
      title: titles.km,
      description: `Of the allegations a source made, the share not yet confirmed or refuted, by days since the first assertion (Kaplan–Meier). The shaded band is the 95% interval. Allegations still open are counted until today, annulled or unresolvable ones until that became known, and then leave the count${showsCensorMarks(survival) ? ' (+)' : ' (not marked here: there are too many such days to tell apart)'}; under the axis, how many were still counted at each tick.`,
      note: smallNote(drawn, 'one'),
      build: (t) => survivalConfig(survival, t, label),
      table: () => survivalTable(survival, label),
      filename: `reckon-time-to-verdict-${by}`,
      size: 'tall',
    }),
    panels ? incidencePanels(survival, by, label, { title: titles.incidence, note: smallNote(drawn, 'each') }) : figure({
      title: titles.incidence,
      description: 'The share of allegations confirmed (solid) and refuted (dashed) within so many days of the first assertion; the rest are still without a verdict (cumulative incidence, the two verdicts as competing risks, open allegations counted until today). The shaded bands are the 95% intervals, as R’s survival package gives them.',
      note: smallNote(drawn, 'each'),
      build: (t) => incidenceConfig(survival, t, label),
      table: () => incidenceTable(survival, label),
      filename: `reckon-verdicts-by-day-${by}`,
      size: 'tall',
    }),
  ];
  return { nodes: [list, ...figures.map((f) => f.element)], figures };
}

export function baseRatesSection(rates, names) {
  if (!rates) return { nodes: [h('p', { class: 'notice' }, 'Base rates are not available on this server yet.')], figures: [] };
  const drawn = drawnRates(rates);
  const few = drawn.filter((g) => g.asserted.confirmed + g.asserted.refuted < FEW_RESOLVED).map((g) => `${baseRateLabel(rates.by, g.key, names)} (${count(g.asserted.confirmed + g.asserted.refuted)} resolved)`);
  const none = (rates.groups ?? []).filter((g) => !drawn.includes(g)).map((g) => `${baseRateLabel(rates.by, g.key, names)} (${g.asserted.pending ? `${count(g.asserted.pending)} asserted, none resolved yet` : 'denials only'})`);
  const words = [
    few.length ? h('p', { class: 'figure-note' }, `Too few resolved allegations to read much into: ${few.join(', ')}. The whiskers show how wide the uncertainty is.`) : null,
    none.length ? h('p', { class: 'muted' }, `No rate to draw: ${none.join('; ')}.`) : null,
  ];
  if (!drawn.length) return { nodes: [h('p', { class: 'notice' }, 'No allegation asserted by a source has been confirmed or refuted yet.'), ...words], figures: [] };
  const fig = figure({
    title: `How often allegations were confirmed, by ${rates.by === 'source' ? 'source' : 'type of source'}`,
    description: 'Among the allegations each group asserted that are now confirmed or refuted, the share confirmed (dot) and its 95% Wilson interval (whisker); under each name, how many were confirmed of how many resolved.',
    build: (t) => baseRatesConfig(rates, t, names),
    table: () => baseRatesTable(rates, names),
    filename: `reckon-base-rates-${rates.by}`,
    height: baseRatesHeight(rates),
    after: h('div', null, words),
  });
  return { nodes: [fig.element], figures: [fig] };
}

export function sourcesSection(overview, chosen, onChoose) {
  const rows = overview.bySource ?? [];
  if (!rows.length) return { nodes: [h('p', { class: 'muted' }, 'No source has taken a stance on an allegation yet.')], figures: [] };
  const now = figure({ title: 'Each source’s stances today', description: 'Stances on allegations: right (asserted what was confirmed, or denied what was refuted), wrong, or still pending. Annulled and unresolvable claims count as neither.', build: (t) => bySourceConfig(overview, t), table: () => bySourceTable(overview), filename: 'reckon-outcomes-by-source', height: bySourceHeight(overview) });
  const source = rows.find((r) => r.sourceId === chosen) ?? rows[0];
  const picker = h('select', { id: 'overview-source', name: 'source', value: source.sourceId }, rows.map((r) => h('option', { value: r.sourceId }, r.name)));
  picker.addEventListener('change', () => onChoose(picker.value));
  const total = source.right + source.wrong + source.pending;
  const over = source.periods
    ? figure({
        title: `${source.name}: right, wrong and pending over time`,
        description: 'How the source’s stances stood at the end of each period: right so far and wrong so far (by the date each verdict became known), and still pending.',
        note: total < FEW ? `${count(total)} stances: too few to read much into.` : null,
        build: (t) => sourceOverTimeConfig(source, t),
        table: () => sourceOverTimeTable(source),
        filename: `reckon-source-over-time-${source.sourceId}`,
      })
    : null;
  const more = overview.sourcesWithStances > rows.length ? h('p', { class: 'muted small' }, `The ${rows.length} sources with most stances of ${count(overview.sourcesWithStances)}.`) : null;
  return { nodes: [now.element, more, over ? h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'overview-source' }, 'Source over time'), picker)) : null, over?.element], figures: [now, over].filter(Boolean) };
}

export function statusSection(overview, interval) {
  const fig = figure({ title: `Claims by status, per ${interval}`, description: 'How many claims, predictions and allegations together, stood open, confirmed, refuted, annulled or unresolvable at the end of each period.', build: (t) => periodsConfig(overview, t), table: () => periodsTable(overview), filename: `reckon-overview-${interval}` });
  return { nodes: [fig.element], figures: [fig] };
}
