/**
 * What the sources page ranks, and how: pure functions of GET /api/sources?sort=… items, so the
 * page, its chart and its tests agree.
 *
 * - The default measure fits the data: the one that ranks someone (MIN_SCORED or more scored),
 *   the stance record (accuracy) first; failing that, the one anything was scored by, stances
 *   first; with nothing scored, accuracy.
 * - A source is ranked only on what was scored: one with nothing scored for the measure is
 *   listed apart, unranked, with the reason in words.
 * - Fewer than MIN_SCORED scored items are "too few to rank": listed after the ranked ones,
 *   marked, without a rank number (one right stance is 100 % with a 95 % interval of 21–100 %).
 */
import { count } from '../format.js';

/** Scored items below which a source is listed but not given a rank. */
export const MIN_SCORED = 5;

const plural = (n, one, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** How many scored items the measure rests on: resolved stances (right + wrong) or scored forecasts. */
export function scoredCount(s, sort) {
  const st = s.stats ?? {};
  if (sort === 'brier') return st.brier === null || st.brier === undefined ? 0 : (st.forecasts ?? 0);
  return (st.right ?? 0) + (st.wrong ?? 0);
}

function hasMeasure(s, sort) {
  const v = sort === 'brier' ? s.stats?.brier : s.stats?.accuracy;
  return v !== null && v !== undefined;
}

/** The measure a page without `?sort=` ranks by: whichever the data has (stances first). */
export function defaultSort(items) {
  const all = items ?? [];
  const ranks = (sort) => all.some((s) => hasMeasure(s, sort) && scoredCount(s, sort) >= MIN_SCORED);
  const scores = (sort) => all.some((s) => hasMeasure(s, sort));
  for (const test of [ranks, scores]) for (const sort of ['accuracy', 'brier']) if (test(sort)) return sort;
  return 'accuracy';
}

/** Why a source has no place in the ranking by `sort`, in words. */
export function unrankedReason(s, sort) {
  const st = s.stats ?? {};
  const pending = st.pending ?? 0;
  const stances = (st.right ?? 0) + (st.wrong ?? 0);
  if (sort === 'brier') {
    if ((st.forecasts ?? 0) > 0) return `${plural(st.forecasts, 'forecast')}, none on a resolved claim yet.`;
    if (stances > 0) return `No forecasts; scored by accuracy instead (${plural(stances, 'scored stance')}).`;
    if (pending > 0) return `No forecasts; ${plural(pending, 'stance')} on claims still open.`;
    return 'Nothing recorded yet.';
  }
  if (pending > 0) return `${plural(pending, 'stance')} on claims still open; none resolved yet.`;
  if (hasMeasure(s, 'brier')) return `No stances; scored by Brier score instead (${plural(st.forecasts ?? 0, 'scored forecast')}).`;
  if ((st.forecasts ?? 0) > 0) return `No stances; ${plural(st.forecasts, 'forecast')}, none on a resolved claim yet.`;
  return 'Nothing recorded yet.';
}

/**
 * The items (in the API's ranking order) in three groups: `ranked` (enough scored), `few`
 * (scored, but fewer than MIN_SCORED), `unranked` (nothing scored for this measure, with why).
 */
export function splitRanking(items, sort) {
  const ranked = [];
  const few = [];
  const unranked = [];
  for (const s of items ?? []) {
    if (!hasMeasure(s, sort)) unranked.push({ source: s, why: unrankedReason(s, sort) });
    else if (scoredCount(s, sort) < MIN_SCORED) few.push(s);
    else ranked.push(s);
  }
  return { ranked, few, unranked };
}

/** "n = 3, too few to rank" for a source in `few`; "n = 12" otherwise. */
export function countNote(s, sort) {
  const n = scoredCount(s, sort);
  return n < MIN_SCORED ? `n = ${n}, too few to rank` : `n = ${n}`;
}
