/**
 * The crowd's forecast: Metaculus's recency-weighted median ("community prediction"), ported
 * from its open-source code (github.com/Metaculus/metaculus):
 * - `utils/the_math/aggregations.py` — `RecencyWeighted.calculate_weights`,
 *   `MedianAggregatorMixin.calculate_forecast_values`, `get_user_forecast_history`,
 *   `get_aggregation_history`;
 * - `utils/the_math/measures.py` — `weighted_percentile_2d`.
 * Times are seconds. Pure: no I/O.
 */

/** One standing forecast: its pmf stands from `start` until `end` (null: never superseded). */
export interface Span {
  sourceId: string;
  /** Seconds since the epoch. */
  start: number;
  end: number | null;
  /** Binary: [1 − p, p]; multiple choice: one per option (NaN where an option did not exist yet). */
  pmf: readonly number[];
}

/** One entry of the aggregation history: the crowd's pmf from `start` until `end`. */
export interface AggregateEntry {
  start: number;
  end: number | null;
  pmf: number[];
  /** How many forecasts went into it (Metaculus's forecaster_count). */
  forecasters: number;
}

/**
 * Recency weights of N active forecasts ordered by start time: w_n = e^(√n − √N), n = 1…N;
 * null (every forecast weighs the same) for N ≤ 2 — `RecencyWeighted.calculate_weights`.
 */
export function recencyWeights(n: number): number[] | null {
  if (n <= 2) return null;
  const top = Math.sqrt(n);
  return Array.from({ length: n }, (_, i) => Math.exp(Math.sqrt(i + 1) - top));
}

/**
 * The weighted percentile of one column, as `weighted_percentile_2d` computes it: values
 * sorted ascending (weights follow), cumulative weights normalised by their total; the
 * answer is the mean of the first value whose cumulative weight is ≥ q and the first whose
 * cumulative weight is > q. So an exact tie at q (two forecasters, or weights that split
 * evenly) gives the midpoint of the two values, as a plain median does; without weights
 * it is the plain median. NaN values (an option that did not exist) sort last, as numpy's.
 */
export function weightedPercentile(values: readonly number[], weights: readonly number[] | null, percentile = 50): number {
  const order = values.map((_, i) => i).sort((a, b) => compareNumpy(values[a]!, values[b]!) || a - b);
  let total = 0;
  const cumulative: number[] = [];
  for (const i of order) {
    total += weights ? weights[i]! : 1;
    cumulative.push(total);
  }
  const q = percentile / 100;
  // numpy's argmax of an all-false mask is 0.
  const first = (test: (c: number) => boolean) => Math.max(0, cumulative.findIndex((c) => test(c / total)));
  const left = first((c) => c >= q);
  const right = first((c) => c > q);
  return 0.5 * (values[order[left]!]! + values[order[right]!]!);
}

/** numpy's sort order: NaN after every number. */
function compareNumpy(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}

/**
 * The recency-weighted median of a set of forecasts (ordered by start time, oldest first),
 * column by column — `MedianAggregatorMixin.calculate_forecast_values` for binary questions.
 * Multiple choice (issue 17) adds Metaculus's renormalisation on top of this.
 */
export function recencyWeightedMedian(pmfs: ReadonlyArray<readonly number[]>): number[] {
  const weights = recencyWeights(pmfs.length);
  const width = pmfs[0]?.length ?? 0;
  return Array.from({ length: width }, (_, k) => weightedPercentile(pmfs.map((p) => p[k]!), weights, 50));
}

/**
 * The aggregation history of a question, as `get_aggregation_history` computes it for the
 * `recency_weighted` method with `include_pre_predictions=False`:
 * - only forecasts that start at or before the actual close count (its query);
 * - time steps (`get_user_forecast_history`): each forecast's start (an earlier one moved to
 *   the opening) and each end that falls by the actual close, skipping forecasts that ended
 *   by the opening; a forecast is active at the steps in [start, end);
 * - at each step with active forecasts, their recency-weighted median (ordered by start);
 *   each entry ends where the next begins (or at a step with no active forecast).
 * `spans` must be in start order (ties in a stable order: Reckon uses the ledger's).
 * `aggregate` combines the active forecasts' values (oldest first): the recency-weighted median
 * for binary questions; multiple choice and continuous questions pass their own (questions/crowd.ts).
 */
export function aggregationHistory(
  spans: readonly Span[],
  openedAt: number,
  actualCloseAt: number | null,
  aggregate: (values: ReadonlyArray<readonly number[]>) => number[] = recencyWeightedMedian,
): AggregateEntry[] {
  const counted = spans.filter((s) => actualCloseAt === null || s.start <= actualCloseAt);
  const steps = timeSteps(counted, openedAt, actualCloseAt);
  const active: Array<Array<readonly number[]>> = steps.map(() => []);
  for (const s of counted) {
    const from = bisectLeft(steps, s.start);
    const to = s.end === null ? steps.length : bisectLeft(steps, s.end);
    for (let i = from; i < to; i++) active[i]!.push(s.pmf);
  }
  const history: AggregateEntry[] = [];
  steps.forEach((at, i) => {
    const pmfs = active[i]!;
    const previous = history[history.length - 1];
    if (pmfs.length === 0) {
      if (previous) previous.end = at;
      return;
    }
    if (previous && previous.end === null) previous.end = at;
    history.push({ start: at, end: null, pmf: aggregate(pmfs), forecasters: pmfs.length });
  });
  return history;
}

/** The sorted distinct time steps of `get_user_forecast_history` (earliest = opening, latest = actual close). */
function timeSteps(spans: readonly Span[], earliest: number, latest: number | null): number[] {
  const set = new Set<number>();
  for (const s of spans) {
    if ((s.end !== null && s.end <= earliest) || (latest !== null && s.start > latest)) continue;
    set.add(Math.max(s.start, earliest));
    if (s.end !== null && (latest === null || s.end <= latest)) set.add(s.end);
  }
  return [...set].sort((a, b) => a - b);
}

/** Python's bisect_left: the first index whose value is ≥ x. */
export function bisectLeft(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
