/**
 * The claim page's figures: forecasts as probability lines (only where there are forecasts)
 * and who said what in lanes (only where there are stances or evidence), on one shared
 * world-date axis so the two line up.
 */
import { figure } from '../charts/figure.js';
import { hasLaneData, lanesChartConfig, lanesHeight, lanesTable } from '../charts/lanes.js';
import { hasTimelineData, timelineChartConfig, timelineRange, timelineTable } from '../charts/timeline.js';
import { LIGHT } from '../charts/palette.js';
import { questionFigures } from './question-charts.js';

/** The union of the two charts' own ranges, so a date sits at the same x in both. */
function sharedRange(claim, names, now) {
  const a = hasTimelineData(claim) ? timelineRange(claim, { now, sourceNames: names }) : {};
  const b = hasLaneData(claim) ? lanesChartConfig(claim, LIGHT, { sourceNames: names }).options.scales.x : {};
  const pick = (f, ...v) => (v.some((x) => x !== undefined) ? f(...v.filter((x) => x !== undefined)) : undefined);
  return { min: pick(Math.min, a.min, b.min), max: pick(Math.max, a.max, b.max) };
}

/** The y axes' width when both charts are drawn, so their plot areas start at the same x. */
const AXIS_WIDTH = (chartWidth) => (chartWidth < 520 ? 60 : 190);

/**
 * Lanes first on an allegation, forecasts first on a prediction.
 * @returns {Array<{ element: HTMLElement, ready: Promise<void> }>}
 */
export function claimFigures(claim, names) {
  // Multiple choice, numbers and dates have their own charts (issue 17); their lanes still apply.
  if ((claim.questionType ?? 'binary') !== 'binary') return [...questionFigures(claim, names), ...(hasLaneData(claim) ? claimFigures({ ...claim, questionType: 'binary', forecasts: [] }, names) : [])];
  const now = Date.now();
  const range = sharedRange(claim, names, now);
  const axisWidth = hasLaneData(claim) && hasTimelineData(claim) ? AXIS_WIDTH : undefined;
  const out = [];
  if (hasLaneData(claim)) {
    const probe = lanesChartConfig(claim, LIGHT, { sourceNames: names, range });
    out.push(
      figure({
        title: 'Who said what, and when',
        description: 'One lane per source: ▲ asserts, ▼ denies, with any stated confidence as a label and, once the claim is resolved, whether the source was right. The evidence lane: ◆ supports, ✕ contradicts, ○ context, with its Admiralty grade (reliability A–F, credibility 1–6). A bar after a mark: a date known only to the month or year. Vertical lines: the check-by date and the resolution. Height means nothing but the lane.',
        build: (theme) => lanesChartConfig(claim, theme, { sourceNames: names, range, axisWidth }),
        table: (config) => lanesTable(config, `Stances and evidence on “${claim.title}”`),
        filename: `reckon-${claim.id}-lanes`,
        height: lanesHeight(probe),
      }),
    );
  }
  if (hasTimelineData(claim)) {
    out.push(
      figure({
        title: 'Forecasts over time',
        description: `Each source’s forecasts of the probability that the claim is confirmed, as a stepped line (dashed and hollow where backfilled)${claim.crowd?.length ? '; the crowd — the recency-weighted median of every forecaster’s latest forecast, as Metaculus computes its community prediction — as the thick dotted line' : ''}; the deadline and the resolution as vertical lines.`,
        build: (theme) => timelineChartConfig(claim, theme, { sourceNames: names, now, range, axisWidth }),
        table: (config) => timelineTable(config, `Forecasts on “${claim.title}”`),
        filename: `reckon-${claim.id}-timeline`,
        size: 'tall',
      }),
    );
  }
  return claim.kind === 'prediction' ? out.reverse() : out;
}
