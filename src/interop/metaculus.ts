/**
 * Metaculus question JSON → ImportBundle: one post (`/api/posts/{id}/`), one api2
 * question, an array of them, or `{ results: [...] }`. Binary questions as below;
 * multiple-choice, numeric and date ones (posts only) with their options or range, the
 * aggregation history as vectors or CDFs and a resolution value (./metaculus-questions.ts).
 * Mapping: prediction with id `metaculus-<post id>`; criteria = resolution_criteria +
 * "\n\n" + fine_print; details = description; tags = category names; deadline =
 * scheduled resolve time (else scheduled close time); openedAt = open_time (api2:
 * publish_time); the recency-weighted community prediction history → forecasts of the
 * source `metaculus` (every point kept; points with identical timestamps collapse to the
 * last); resolution yes → confirmed, no → refuted, annulled|ambiguous → annulled,
 * null → open (api2 numbers 1, 0, -1, -2 likewise), known on actual_resolve_time.
 */
import type { ImportClaim, Outcome, SourcePayload } from '../domain/types.js';
import type { ImportResult } from './bundle.js';
import { markWhere } from './where.js';
import { epochToIso, parseDateTime } from './dates.js';
import { IssueCollector, type ImportIssue } from './errors.js';
import { isObject, parseJsonText, joinPath, readText } from './json-input.js';
import { readQuestionShape, readResolutionValue, readValueHistory } from './metaculus-questions.js';
import { readApi2Question, readPost, type At, type MetaculusView, type RawPoint } from './metaculus-shapes.js';

export const METACULUS_SOURCE: SourcePayload = { id: 'metaculus', name: 'Metaculus community prediction', type: 'forecasting-platform' };

const RESOLUTIONS = new Map<unknown, Outcome>([
  ['yes', 'confirmed'], ['no', 'refuted'], ['annulled', 'annulled'], ['ambiguous', 'annulled'],
  [1, 'confirmed'], [0, 'refuted'], [-1, 'annulled'], [-2, 'annulled'],
]);

/** Parses Metaculus JSON text. Throws ImportError listing every problem. */
export function parseMetaculusJson(jsonText: string): ImportResult {
  return importMetaculus(parseJsonText(jsonText));
}

/** Imports already-parsed Metaculus JSON. Throws ImportError listing every problem. */
export function importMetaculus(value: unknown): ImportResult {
  const issues = new IssueCollector();
  const notes: ImportIssue[] = [];
  const claims = listQuestions(value)
    .map(({ item, prefix }) => importQuestion(item, prefix, issues, notes))
    .filter((claim): claim is ImportClaim => claim !== undefined);
  if (claims.length === 0 && !issues.any && notes.length === 0) issues.push({ message: 'no Metaculus question found' });
  issues.throwIfAny();
  const sources = claims.some((claim) => claim.forecasts?.length) ? [METACULUS_SOURCE] : [];
  return { sources, claims, notes };
}

function listQuestions(value: unknown): Array<{ item: unknown; prefix: string }> {
  if (Array.isArray(value)) return value.map((item, i) => ({ item, prefix: joinPath(i) }));
  if (isObject(value) && Array.isArray(value.results)) return value.results.map((item, i) => ({ item, prefix: joinPath('results', i) }));
  return [{ item: value, prefix: '' }];
}

function importQuestion(item: unknown, prefix: string, issues: IssueCollector, notes: ImportIssue[]): ImportClaim | undefined {
  const view = readShape(item, prefix, issues);
  if (!view) return undefined;
  const type = view.type.value;
  if (type !== 'binary') return typeof type === 'string' ? importValueQuestion(view, type, issues, notes) : unknownType(view, issues);
  const before = issues.issues.length;
  const claim = buildClaim(view, issues);
  const forecasts = readHistory(view.points, issues, notes);
  const resolution = readResolution(view, issues);
  if (issues.issues.length > before || !claim) return undefined;
  if (forecasts.length) claim.forecasts = forecasts;
  if (resolution) claim.resolution = resolution;
  return claim;
}

function unknownType(view: MetaculusView, issues: IssueCollector): undefined {
  issues.push({ field: view.type.field, message: `${JSON.stringify(view.type.value ?? null)} is not a question type (binary, multiple_choice, numeric, date or discrete)` });
  return undefined;
}

/** A multiple-choice, numeric or date question; one Reckon cannot represent is skipped with a note. */
function importValueQuestion(view: MetaculusView, type: string, issues: IssueCollector, notes: ImportIssue[]): ImportClaim | undefined {
  const read = view.question
    ? readQuestionShape(view.question, type)
    : { refused: `the api2 shape of a ${type} question carries no forecast values; import /api/posts/{id}/ instead` };
  if ('refused' in read) {
    notes.push({ field: view.type.field, message: `skipped ${JSON.stringify(readText(view.title.value) ?? 'a question')}: ${read.refused}` });
    return undefined;
  }
  const before = issues.issues.length;
  const claim = buildClaim(view, issues);
  const forecasts = readValueHistory(view.points, read.shape, METACULUS_SOURCE.id, issues, notes);
  const resolved = readResolutionValue(view.resolution, read.shape, issues);
  const knownOn = resolved ? readDateTime(view.knownOn, issues, true) : undefined;
  if (issues.issues.length > before || !claim) return undefined;
  Object.assign(claim, read.shape);
  if (forecasts.length) claim.forecasts = forecasts;
  if (resolved && knownOn) claim.resolution = { ...resolved, knownOn, note: `Resolved ${JSON.stringify(view.resolution.value)} on Metaculus.` };
  return claim;
}

function readShape(item: unknown, prefix: string, issues: IssueCollector): MetaculusView | undefined {
  if (isObject(item) && ('question' in item || 'group_of_questions' in item || 'conditional' in item)) {
    const view = readPost(item, prefix);
    if (!view) issues.push({ field: joinPath(prefix, 'question'), message: 'this post holds no single question (group and conditional posts are not supported)' });
    return view;
  }
  if (isObject(item) && ('possibilities' in item || 'community_prediction' in item)) return readApi2Question(item, prefix);
  issues.push({ field: prefix || undefined, message: 'not a Metaculus question (expected a post with "question", or an api2 question)' });
  return undefined;
}

function buildClaim(view: MetaculusView, issues: IssueCollector): ImportClaim | undefined {
  const title = readText(view.title.value);
  const criteria = readText(view.criteria.value);
  const deadline = readDateTime(view.deadline, issues, true);
  const openedAt = readDateTime(view.openedAt, issues, false);
  if (!title) issues.push({ field: view.title.field, message: 'the question has no title' });
  if (!criteria) issues.push({ field: view.criteria.field, message: 'the question has no resolution criteria' });
  if (!title || !criteria || !deadline) return undefined;
  const claim: ImportClaim = {
    kind: 'prediction',
    title,
    statement: view.statement ?? title,
    resolutionCriteria: view.finePrint ? `${criteria}\n\n${view.finePrint}` : criteria,
    deadline,
  };
  if (typeof view.id === 'number' || (typeof view.id === 'string' && /^\d+$/.test(view.id))) claim.id = `metaculus-${view.id}`;
  if (view.description) claim.details = view.description;
  if (view.tags.length) claim.tags = view.tags;
  if (openedAt) claim.openedAt = openedAt;
  return claim;
}

/** An ISO date-time field; missing is an error only if `required`. */
function readDateTime(field: At, issues: IssueCollector, required: boolean): string | undefined {
  if (field.value === undefined || field.value === null) {
    if (required) issues.push({ field: field.field, message: 'missing date-time' });
    return undefined;
  }
  const iso = typeof field.value === 'string' ? parseDateTime(field.value) : undefined;
  if (!iso) issues.push({ field: field.field, message: `${JSON.stringify(field.value)} is not an ISO date-time` });
  return iso;
}

/** Validates the history, sorts it by time and keeps the last of points sharing a timestamp. */
function readHistory(points: RawPoint[], issues: IssueCollector, notes: ImportIssue[]): NonNullable<ImportClaim['forecasts']> {
  const byTime = new Map<string, { p: number; field: string }>();
  let duplicates = 0;
  for (const point of points) {
    const madeAt = typeof point.time === 'number' ? epochToIso(point.time) : undefined;
    const p = point.probability;
    if (!madeAt) issues.push({ field: `${point.field}.start_time`, message: `${JSON.stringify(point.time ?? null)} is not an epoch time` });
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) issues.push({ field: point.field, message: `${JSON.stringify(p ?? null)} is not a probability in 0..1` });
    if (!madeAt || typeof p !== 'number') continue;
    if (byTime.has(madeAt)) duplicates++;
    byTime.set(madeAt, { p, field: point.field });
  }
  if (duplicates) notes.push({ field: points[0]?.field.replace(/\[\d+\]$/, ''), message: `${duplicates} community-prediction point${duplicates === 1 ? '' : 's'} repeated an earlier timestamp; the last of each was kept` });
  return [...byTime.entries()]
    .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
    // The community prediction as Metaculus recorded it (0.001–0.999): marked imported.
    .map(([madeAt, { p, field }]) => markWhere({ sourceId: METACULUS_SOURCE.id, probability: p, madeAt, imported: { platform: 'metaculus' } }, { field }));
}

function readResolution(view: MetaculusView, issues: IssueCollector): ImportClaim['resolution'] {
  const value = view.resolution.value;
  if (value === null || value === undefined) return undefined;
  const outcome = RESOLUTIONS.get(typeof value === 'string' ? value.toLowerCase() : value);
  if (!outcome) {
    issues.push({ field: view.resolution.field, message: `${JSON.stringify(value)} is not a binary resolution (yes, no, annulled, ambiguous or null)` });
    return undefined;
  }
  const knownOn = readDateTime(view.knownOn, issues, true);
  return knownOn ? { outcome, knownOn, note: `Resolved ${JSON.stringify(value)} on Metaculus.` } : undefined;
}

