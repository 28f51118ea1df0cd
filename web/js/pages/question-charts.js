/**
 * The claim page's figures for questions that are not yes/no (issue 17). Multiple choice: one
 * history chart per source (and the crowd's, where the page fetched it), one line per option.
 * Numbers and dates: every source's latest forecast as a density curve with the outcome, then a
 * fan per source of its medians and 50 % / 90 % ranges over time. A single forecast is said so.
 */
import { choiceHistoryConfig, choiceHistoryTable, choiceSeries, choiceSources } from '../charts/choice-history.js';
import { cdfSeries } from '../charts/continuous.js';
import { densityConfig, densityTable, tailsInWords } from '../charts/density.js';
import { fanConfig, fanTable } from '../charts/fan.js';
import { figure } from '../charts/figure.js';
import { seriesColor } from '../charts/palette.js';

const few = (n) => (n === 1 ? 'One forecast so far: the chart shows a single step, not a trend.' : null);

function choiceFigures(claim, names) {
  const series = choiceSources(claim).map((id) => ({ id, name: names.get(id) ?? id, points: choiceSeries(claim, id) }));
  // GET /api/claims/{id}/aggregate's history: `at` and the renormalised median per option.
  const crowd = (claim.crowd ?? []).filter((p) => Array.isArray(p.probabilities)).map((p) => ({ madeAt: p.at, probabilities: p.probabilities }));
  if (crowd.length) series.unshift({ id: 'crowd', name: 'The crowd', points: crowd });
  return series.map(({ id, name, points }) =>
    figure({
      title: `${name}: each option over time`,
      description: `${id === 'crowd' ? 'The crowd — the recency-weighted median of every source’s latest forecast per option, renormalised to sum to 100 %, as Metaculus computes it — gave each option this probability' : `The probability ${name} gave each option`}, as stepped lines held until the question resolved; the option that happened is drawn thicker.`,
      build: (theme) => choiceHistoryConfig(claim, points, theme),
      table: (config) => choiceHistoryTable(config, `${name}’s forecasts on “${claim.title}”`),
      filename: `reckon-${claim.id}-options-${id}`,
      note: few(points.length),
    }),
  );
}

function continuousFigures(claim, names) {
  const sources = cdfSeries(claim);
  if (!sources.length) return [];
  const density = figure({
    title: 'Latest forecasts',
    description: `Each source’s latest forecast as a density over the range (1 means spread evenly)${claim.resolution ? ', with the outcome as a vertical line' : ''}. ${tailsInWords(claim, names) ?? ''}`.trim(),
    build: (theme) => densityConfig(claim, theme, { sourceNames: names }),
    table: (config) => densityTable(config, `Latest forecasts on “${claim.title}” (density by value)`),
    filename: `reckon-${claim.id}-density`,
  });
  const fans = sources.map(({ sourceId, forecasts }, i) => {
    const name = names.get(sourceId) ?? sourceId;
    return figure({
      title: `${name}: forecasts over time`,
      description: `The median of each of ${name}’s forecasts (line) with the central 50 % (dark band) and 90 % (light band) of its distribution, held until the next forecast${claim.resolution ? '; the outcome as a dashed line' : ''}.`,
      build: (theme) => fanConfig(claim, forecasts, theme, { color: seriesColor(theme, i) }),
      table: (config) => fanTable(config, `${name}’s forecasts on “${claim.title}” (quantiles)`),
      filename: `reckon-${claim.id}-fan-${sourceId}`,
      note: few(forecasts.length),
    });
  });
  // The crowd: Metaculus's recency-weighted average of the sources' CDFs, over time.
  const crowd = (claim.crowd ?? []).filter((p) => Array.isArray(p.cdf)).map((p) => ({ madeAt: p.at, cdf: p.cdf }));
  if (crowd.length) {
    fans.unshift(
      figure({
        title: 'The crowd: forecasts over time',
        description: `The crowd’s forecast — the recency-weighted average of every source’s latest CDF, as Metaculus computes its community prediction for numbers and dates — by its median and central 50 % and 90 %${claim.resolution ? '; the outcome as a dashed line' : ''}.`,
        build: (theme) => fanConfig(claim, crowd, theme, { color: theme.fg }),
        table: (config) => fanTable(config, `The crowd’s forecasts on “${claim.title}” (quantiles)`),
        filename: `reckon-${claim.id}-fan-crowd`,
        note: few(crowd.length),
      }),
    );
  }
  return [density, ...fans];
}

/** @returns {Array<{ element: HTMLElement, ready: Promise<void> }>} */
export function questionFigures(claim, names) {
  return claim.questionType === 'multiple-choice' ? choiceFigures(claim, names) : continuousFigures(claim, names);
}
