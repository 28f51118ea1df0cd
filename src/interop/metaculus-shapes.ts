/**
 * The two JSON shapes of a Metaculus question, read into one view: the current
 * `/api/posts/{id}/` shape (a post with `question` inside, community prediction in
 * `question.aggregations.recency_weighted`) and the older `/api2/questions/{id}/` shape
 * (`possibilities.type`, `community_prediction.history` of `{t, x1: {q2}}`).
 */
import { asList, isObject, path, text, type JsonObject } from './json-input.js';

/** A raw value and the JSON path it came from. */
export interface At {
  value: unknown;
  field: string;
}

/** One community-prediction point, unvalidated. */
export interface RawPoint {
  time: unknown;
  probability: unknown;
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
}

const at = (object: JsonObject, prefix: string, key: string): At => ({ value: object[key], field: path(prefix, key) });

/** Reads a post (`/api/posts/{id}/`); `prefix` is its JSON path. */
export function viewPost(post: JsonObject, prefix: string): MetaculusView | undefined {
  const question = post.question;
  if (!isObject(question)) return undefined;
  const q = path(prefix, 'question');
  const scheduledResolve = question.scheduled_resolve_time ?? post.scheduled_resolve_time;
  return {
    id: post.id ?? question.post_id,
    type: at(question, q, 'type'),
    title: { value: post.title ?? question.title, field: path(prefix, 'title') },
    statement: text(question.title),
    criteria: at(question, q, 'resolution_criteria'),
    finePrint: text(question.fine_print),
    description: text(question.description),
    tags: categoryNames(isObject(post.projects) ? post.projects.category : undefined),
    deadline: scheduledResolve !== undefined && scheduledResolve !== null
      ? { value: scheduledResolve, field: path(q, 'scheduled_resolve_time') }
      : at(question, q, 'scheduled_close_time'),
    openedAt: { value: question.open_time ?? post.open_time, field: path(q, 'open_time') },
    resolution: at(question, q, 'resolution'),
    knownOn: question.actual_resolve_time != null ? at(question, q, 'actual_resolve_time') : at(question, q, 'resolution_set_time'),
    points: aggregationPoints(question, q),
  };
}

/** Reads an api2 question; `prefix` is its JSON path. */
export function viewApi2(question: JsonObject, prefix: string): MetaculusView {
  const possibilities = isObject(question.possibilities) ? question.possibilities : {};
  return {
    id: question.id,
    type: { value: possibilities.type, field: path(prefix, 'possibilities', 'type') },
    title: at(question, prefix, 'title'),
    criteria: at(question, prefix, 'resolution_criteria'),
    finePrint: text(question.fine_print),
    description: text(question.description),
    tags: categoryNames(question.categories),
    deadline: question.resolve_time != null ? at(question, prefix, 'resolve_time') : at(question, prefix, 'close_time'),
    openedAt: at(question, prefix, 'publish_time'),
    resolution: at(question, prefix, 'resolution'),
    // api2 has no actual resolution time; the scheduled one is the best it offers.
    knownOn: at(question, prefix, 'resolve_time'),
    points: api2Points(question, prefix),
  };
}

/** Category names from objects with `name` (or plain strings). */
function categoryNames(value: unknown): string[] {
  return asList(value)
    .map((category) => (isObject(category) ? text(category.name) : text(category)))
    .filter((name): name is string => name !== undefined);
}

/** Points of `aggregations.recency_weighted`: history, plus `latest` if it is not in it. */
function aggregationPoints(question: JsonObject, prefix: string): RawPoint[] {
  const base = path(prefix, 'aggregations', 'recency_weighted');
  const aggregation = isObject(question.aggregations) ? question.aggregations.recency_weighted : undefined;
  if (!isObject(aggregation)) return [];
  const history = asList(aggregation.history);
  const points = history.map((entry, i) => aggregationPoint(entry, path(base, 'history', i)));
  const latest = aggregation.latest;
  const inHistory = history.some((entry) => isObject(entry) && isObject(latest) && entry.start_time === latest.start_time);
  if (isObject(latest) && !inHistory) points.push(aggregationPoint(latest, path(base, 'latest')));
  return points;
}

/** Binary `forecast_values` is [P(no), P(yes)]; older points carry only `centers` = [P(yes)]. */
function aggregationPoint(entry: unknown, field: string): RawPoint {
  if (!isObject(entry)) return { time: undefined, probability: undefined, field };
  const values = entry.forecast_values;
  const probability = Array.isArray(values) && values.length === 2 ? values[1] : Array.isArray(entry.centers) ? entry.centers[0] : undefined;
  return { time: entry.start_time, probability, field };
}

/** api2 `community_prediction.history`: `{ t: epoch, x1: { q1, q2, q3 } }`, q2 the median. */
function api2Points(question: JsonObject, prefix: string): RawPoint[] {
  const prediction = isObject(question.community_prediction) ? question.community_prediction : {};
  return asList(prediction.history).map((entry, i) => {
    const field = path(prefix, 'community_prediction', 'history', i);
    if (!isObject(entry)) return { time: undefined, probability: undefined, field };
    return { time: entry.t, probability: isObject(entry.x1) ? entry.x1.q2 : undefined, field };
  });
}
