/**
 * Which of a claim's forecasts count, said for each forecast, so that nothing a resolution
 * leaves out is dropped silently (DESIGN.md rule 2). Pure: the claim view and the resolution
 * answers call it; the scores (scoring/count-forecast.ts with db/counted.ts) apply the same
 * cut-offs.
 *
 * A forecast reads `counted: true` when it is the one the default rule (`last`) scores for its
 * source: the claim's resolution, when it has one, is scored from it; an open claim would be
 * scored from it if resolved now (annulled and unresolvable claims score nothing, but the
 * marks still say which forecast stands). Otherwise `notCountedBecause` is the first that
 * holds of:
 * - `retracted` — retracted (it stays in the history, flagged);
 * - `made-after-known-on` — made at or after the resolution's knownOn (a date-only knownOn is
 *   the start of that day, UTC, so a forecast made later that day does not count);
 * - `made-after-close` — made at or after the deadline (forecasting closes then; only a
 *   forecast recorded before this rule, or before the deadline was moved earlier, can be);
 * - `superseded` — a later forecast of the same source counts instead (later by madeAt, ties
 *   by sequence number, as countForecast orders them).
 */
import { worldStart } from './dates.js';

export const NOT_COUNTED_REASONS = ['retracted', 'superseded', 'made-after-close', 'made-after-known-on'] as const;
export type NotCountedReason = (typeof NOT_COUNTED_REASONS)[number];

export interface CountableForecast {
  seq: number;
  sourceId: string;
  madeAt: string;
  retracted: boolean;
}

export interface CountMark {
  counted: boolean;
  notCountedBecause?: NotCountedReason;
}

/** The claim's cut-offs: its deadline (if any) and its standing resolution's knownOn (if any). */
export interface CountCutoffs {
  deadline?: string | null;
  knownOn?: string | null;
}

/** The epoch ms a date or date-time starts at; +∞ when absent or unreadable (no cut-off). */
function cutoff(value: string | null | undefined): number {
  return value ? (worldStart(value) ?? Infinity) : Infinity;
}

/** Why a forecast is left out before supersession is considered; undefined when it stands. */
function exclusion(f: CountableForecast, known: number, closes: number): NotCountedReason | undefined {
  if (f.retracted) return 'retracted';
  const at = Date.parse(f.madeAt);
  if (at >= known) return 'made-after-known-on';
  if (at >= closes) return 'made-after-close';
  return undefined;
}

/**
 * One mark per forecast, in the order given. O(n): each source's counted forecast is its
 * latest standing one by (madeAt, seq).
 */
export function markCounted(forecasts: readonly CountableForecast[], cut: CountCutoffs): CountMark[] {
  const known = cutoff(cut.knownOn);
  const closes = cutoff(cut.deadline);
  const reasons = forecasts.map((f) => exclusion(f, known, closes));
  const latest = new Map<string, number>();
  forecasts.forEach((f, i) => {
    if (reasons[i] !== undefined) return;
    const j = latest.get(f.sourceId);
    const g = j === undefined ? undefined : forecasts[j]!;
    const [at, gAt] = [Date.parse(f.madeAt), g ? Date.parse(g.madeAt) : -Infinity];
    if (!g || at > gAt || (at === gAt && f.seq > g.seq)) latest.set(f.sourceId, i);
  });
  return forecasts.map((f, i) => {
    const reason = reasons[i] ?? (latest.get(f.sourceId) === i ? undefined : 'superseded');
    return reason === undefined ? { counted: true } : { counted: false, notCountedBecause: reason };
  });
}

/**
 * How many forecasts a resolution known on `knownOn` leaves out because they were made on or
 * after it (retracted forecasts are out anyway and are not counted here). A date-only knownOn
 * is the start of that day (UTC). An unreadable knownOn leaves nothing out (the rules refuse it).
 */
export function countMadeAfterKnownOn(forecasts: readonly Pick<CountableForecast, 'madeAt' | 'retracted'>[], knownOn: string): number {
  const known = cutoff(knownOn);
  let n = 0;
  for (const f of forecasts) if (!f.retracted && Date.parse(f.madeAt) >= known) n++;
  return n;
}

export interface ResolutionPreview {
  /** The instant the knownOn counts from (a date-only knownOn: the start of that day, UTC). */
  knownOnFrom: string;
  /** Forecasts the resolution would leave out, made on or after knownOn (countMadeAfterKnownOn). */
  uncountedForecasts: number;
  /** The knownOn lies before the claim's deadline (forecasting had not closed); false without one. */
  beforeDeadline: boolean;
}

/**
 * What resolving a claim known on `knownOn` would do to its forecasts, so that a person is
 * warned before resolving: how many forecasts would not count, and whether the outcome is
 * called before the deadline. Null when knownOn is not a date.
 */
export function previewResolution(claim: { deadline?: string | null }, forecasts: readonly Pick<CountableForecast, 'madeAt' | 'retracted'>[], knownOn: string): ResolutionPreview | null {
  const from = worldStart(knownOn);
  if (from === null) return null;
  return {
    knownOnFrom: new Date(from).toISOString(),
    uncountedForecasts: countMadeAfterKnownOn(forecasts, knownOn),
    // No deadline (an allegation), or an unreadable one: nothing to be before.
    beforeDeadline: from < cutoff(claim.deadline) && cutoff(claim.deadline) !== Infinity,
  };
}
