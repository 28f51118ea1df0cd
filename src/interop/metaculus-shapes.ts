/**
 * The two JSON shapes of a Metaculus question, read into one view: the current
 * `/api/posts/{id}/` shape (a post with `question` inside, community prediction in
 * `question.aggregations.recency_weighted`) and the older `/api2/questions/{id}/` shape
 * (`possibilities.type`, `community_prediction.history` of `{t, x1: {q2}}`).
 */
import { asList, isObject, joinPath, readText, type JsonObject } from './json-input.js';

/** A raw value and the JSON path it came from. */
export interface At {
  value: unknown;
  field: string;
}

/** One community-prediction point, unvalidated. */
export interface RawPoint {
  time: unknown;
  probability: unknown;
  /** The whole `forecast_values` (or `centers`) array: a probability vector or a CDF. */
  values?: unknown;
  /** `centers`: per-option medians (multiple choice), the median location (numeric, date). */
  centers?: unknown;
  field: string;
}

export interface MetaculusView {
  id: unknown;
  type: At;
  title: At;
  statement?: string;
  criteria: At;
  finePrint?: string;
  description?: string;
  tags: string[];
  deadline: At;
  openedAt: At;
  resolution: At;
  knownOn: At;
  points: RawPoint[];
  /** The post's `question` object (absent for api2), read for the non-binary types. */
  question?: JsonObject;
}

const at = (object: JsonObject, prefix: string, key: string): At => ({ value: object[key], field: joinPath(prefix, key) });

/** Reads a post (`/api/posts/{id}/`); `prefix` is its JSON path. */
export function readPost(post: JsonObject, prefix: string): MetaculusView | undefined {
  const question = post.question;
  if (!isObject(question)) return undefined;
  const q = joinPath(prefix, 'question');
  const scheduledResolve = question.scheduled_resolve_time ?? post.scheduled_resolve_time;
  return {
    id: post.id ?? question.post_id,
    type: at(question, q, 'type'),
    title: { value: post.title ?? question.title, field: joinPath(prefix, 'title') },
    statement: readText(question.title),
    criteria: at(question, q, 'resolution_criteria'),
    finePrint: readText(question.fine_print),
    description: readText(question.description),
    tags: readCategoryNames(isObject(post.projects) ? post.projects.category : undefined),
    deadline: scheduledResolve !== undefined && scheduledResolve !== null
      ? { value: scheduledResolve, field: joinPath(q, 'scheduled_resolve_time') }
      : at(question, q, 'scheduled_close_time'),
    openedAt: { value: question.open_time ?? post.open_time, field: joinPath(q, 'open_time') },
    resolution: at(question, q, 'resolution'),
    knownOn: question.actual_resolve_time != null ? at(question, q, 'actual_resolve_time') : at(question, q, 'resolution_set_time'),
    points: readAggregationPoints(question, q),
    question,
  };
}

/** Reads an api2 question; `prefix` is its JSON path. */
export function readApi2Question(question: JsonObject, prefix: string): MetaculusView {
  const possibilities = isObject(question.possibilities) ? question.possibilities : {};
  return {
    id: question.id,
    type: { value: possibilities.type, field: joinPath(prefix, 'possibilities', 'type') },
    title: at(question, prefix, 'title'),
    criteria: at(question, prefix, 'resolution_criteria'),
    finePrint: readText(question.fine_print),
    description: readText(question.description),
    tags: readCategoryNames(question.categories),
    deadline: question.resolve_time != null ? at(question, prefix, 'resolve_time') : at(question, prefix, 'close_time'),
    openedAt: at(question, prefix, 'publish_time'),
    resolution: at(question, prefix, 'resolution'),
    // api2 has no actual resolution time; the scheduled one is the best it offers.
    knownOn: at(question, prefix, 'resolve_time'),
    points: readApi2Points(question, prefix),
  };
}

/** Category names from objects with `name` (or plain strings). */
function readCategoryNames(value: unknown): string[] {
  return asList(value)
    .map((category) => (isObject(category) ? readText(category.name) : readText(category)))
    .filter((name): name is string => name !== undefined);
}

/** Points of `aggregations.recency_weighted`: history, plus `latest` if it is not in it. */
function readAggregationPoints(question: JsonObject, prefix: string): RawPoint[] {
  const base = joinPath(prefix, 'aggregations', 'recency_weighted');
  const aggregation = isObject(question.aggregations) ? question.aggregations.recency_weighted : undefined;
  if (!isObject(aggregation)) return [];
  const history = asList(aggregation.history);
  const points = history.map((entry, i) => readAggregationPoint(entry, joinPath(base, 'history', i)));
  const latest = aggregation.latest;
  if (!isObject(latest)) return points;
  const at = history.findIndex((entry) => isObject(entry) && entry.start_time === latest.start_time);
  const read = readAggregationPoint(latest, joinPath(base, 'latest'));
  if (at === -1) points.push(read);
  // Metaculus often sends the full forecast_values (a CDF) only with `latest`.
  else if (points[at]!.values === undefined && read.values !== undefined) points[at] = read;
  return points;
}

/** Binary `forecast_values` is [P(no), P(yes)]; older points carry only `centers` = [P(yes)]. */
function readAggregationPoint(entry: unknown, field: string): RawPoint {
  if (!isObject(entry)) return { time: undefined, probability: undefined, field };
  const values = entry.forecast_values;
  const probability = Array.isArray(values) && values.length === 2 ? values[1] : Array.isArray(entry.centers) ? entry.centers[0] : undefined;
  return { time: entry.start_time, probability, values: Array.isArray(values) ? values : undefined, centers: entry.centers, field };
}

/** api2 `community_prediction.history`: `{ t: epoch, x1: { q1, q2, q3 } }`, q2 the median. */
function readApi2Points(question: JsonObject, prefix: string): RawPoint[] {
  const prediction = isObject(question.community_prediction) ? question.community_prediction : {};
  return asList(prediction.history).map((entry, i) => {
    const field = joinPath(prefix, 'community_prediction', 'history', i);
    if (!isObject(entry)) return { time: undefined, probability: undefined, field };
    return { time: entry.t, probability: isObject(entry.x1) ? entry.x1.q2 : undefined, field };
  });
}
