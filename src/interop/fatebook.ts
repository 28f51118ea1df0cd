/**
 * Fatebook's CSV export → ImportBundle. One row per forecast (per option for multiple
 * choice); no question id, so rows are grouped by question title + creation time.
 * Mapping: question → prediction (statement = title, deadline = resolve-by, openedAt =
 * created-at, details = notes, tags split on ";"); `Forecast created by` → source of type
 * `forecaster`; probabilities are 0–1; resolution YES|NO|AMBIGUOUS|blank →
 * confirmed|refuted|annulled|open, known on the resolved-at time, else the resolve-by
 * date. Dates `YYYY-MM-DD HH:MM:S` (no zone, seconds unpadded) are read as UTC.
 * Multiple-choice questions are skipped with a note; Brier scores, sharing and comments
 * are not imported.
 */
import type { ImportClaim, Outcome } from '../domain/types.js';
import { AgreedFields } from './agreed-fields.js';
import { SourceRegistry, type ImportResult } from './bundle.js';
import type { ColumnIndex } from './csv-header.js';
import { readCsvRecords, type CsvRecord } from './csv-records.js';
import { parseDateOrDateTime, parseDateTime } from './dates.js';
import { IssueCollector } from './errors.js';
import { fatebookCell, fatebookHeader, resolveFatebookHeader, type FatebookField } from './fatebook-columns.js';
import { MAX_ID_LENGTH, prefixedId, slugify, sourceIdFor } from './slug.js';
import { splitTags } from './values.js';

type QuestionField = 'resolveBy' | 'resolution' | 'resolvedAt' | 'notes' | 'tags' | 'creator';

interface SkippedQuestion {
  line: number;
  field: string;
  rows: number;
  title: string;
}

interface QuestionDraft {
  title: string;
  createdAt: string;
  line: number;
  fields: AgreedFields<QuestionField>;
  forecasts: NonNullable<ImportClaim['forecasts']>;
}

const RESOLUTIONS: Partial<Record<string, Outcome | 'open'>> = { yes: 'confirmed', no: 'refuted', ambiguous: 'annulled', '': 'open' };

/** Parses a Fatebook export. Throws ImportError listing every problem. */
export function parseFatebookCsv(text: string): ImportResult {
  const records = readCsvRecords(text);
  const issues = new IssueCollector();
  const [header, ...rows] = records;
  const { columns, issues: headerIssues } = header ? resolveFatebookHeader(header.cells) : { columns: {}, issues: [{ line: 1, message: 'the file is empty' }] };
  headerIssues.forEach((issue) => issues.push(issue));
  issues.throwIfAny();
  const sources = new SourceRegistry();
  const questions = new Map<string, QuestionDraft>();
  const skipped = new Map<string, SkippedQuestion>();
  for (const record of rows) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    readRow(record, header!.cells.length, columns, { issues, sources, questions, skipped });
  }
  const claims = [...questions.values()].map((draft) => buildClaim(draft, issues));
  issues.throwIfAny();
  assignIds(claims, [...questions.values()]);
  const notes = [...skipped.values()].map(({ line, field, title, rows: count }) => ({
    line,
    field,
    message: `skipped multiple-choice question "${title}" (${count} rows): only binary questions are imported`,
  }));
  return { sources: sources.list(), claims, notes };
}

interface ReadState {
  issues: IssueCollector;
  sources: SourceRegistry;
  questions: Map<string, QuestionDraft>;
  skipped: Map<string, SkippedQuestion>;
}

function readRow(record: CsvRecord, width: number, columns: ColumnIndex<FatebookField>, state: ReadState): void {
  const { line, cells } = record;
  const get = (field: FatebookField) => fatebookCell(cells, columns, field);
  const issue = (field: FatebookField, message: string) => state.issues.push({ line, field: fatebookHeader(field), message });
  if (cells.length !== width) state.issues.push({ line, message: `the row has ${cells.length} cells but the header has ${width}` });
  const title = get('title');
  const createdAt = parseDateTime(get('createdAt'));
  if (title === '') issue('title', 'the question has no title');
  if (createdAt === undefined) issue('createdAt', `"${get('createdAt')}" is not a date-time`);
  const key = `${title}\n${createdAt ?? get('createdAt')}`;
  if (get('option') !== '') {
    const seen = state.skipped.get(key);
    if (seen) seen.rows++;
    else state.skipped.set(key, { line, field: fatebookHeader('option'), rows: 1, title });
    return;
  }
  let draft = state.questions.get(key);
  if (!draft) {
    draft = { title, createdAt: createdAt ?? '', line, fields: new AgreedFields(), forecasts: [] };
    state.questions.set(key, draft);
  }
  stateQuestionFields(draft, get, line, state.issues, issue);
  const forecast = readForecast(get, issue);
  if (forecast) draft.forecasts.push({ sourceId: state.sources.add({ id: sourceIdFor(forecast.name), name: forecast.name, type: 'forecaster' }), probability: forecast.probability, madeAt: forecast.madeAt });
}

/** States the question's fields; a blank cell states '', an unreadable one states nothing (it is reported). */
function stateQuestionFields(draft: QuestionDraft, get: (f: FatebookField) => string, line: number, issues: IssueCollector, issue: (f: FatebookField, m: string) => void): void {
  const dated = (field: 'resolveBy' | 'resolvedAt') => {
    const text = get(field);
    const value = text === '' ? '' : parseDateOrDateTime(text);
    if (value === undefined) issue(field, `"${text}" is not a date-time`);
    return value;
  };
  const resolution = RESOLUTIONS[get('resolution').toLowerCase()];
  if (resolution === undefined) issue('resolution', `"${get('resolution')}" is not YES, NO, AMBIGUOUS or blank`);
  const state = (field: QuestionField, value: string | undefined, column: FatebookField) =>
    draft.fields.state(field, value, line, { push: (i) => issues.push({ ...i, field: fatebookHeader(column) }) });
  state('resolveBy', dated('resolveBy'), 'resolveBy');
  state('resolution', resolution, 'resolution');
  state('resolvedAt', dated('resolvedAt'), 'resolvedAt');
  state('notes', get('notes'), 'notes');
  state('tags', splitTags(get('tags')).join('; '), 'tags');
  state('creator', get('creator'), 'creator');
}

function readForecast(get: (f: FatebookField) => string, issue: (f: FatebookField, m: string) => void) {
  const name = get('forecaster');
  const text = get('forecast');
  // Number('') is 0, so a blank cell must be caught before converting.
  const probability = text === '' ? NaN : Number(text);
  const validProbability = probability >= 0 && probability <= 1;
  const madeAt = parseDateTime(get('forecastAt'));
  if (name === '') issue('forecaster', 'the forecast has no forecaster name');
  if (!validProbability) issue('forecast', `"${text}" is not a probability on Fatebook's 0–1 scale`);
  if (madeAt === undefined) issue('forecastAt', `"${get('forecastAt')}" is not a date-time`);
  if (name === '' || madeAt === undefined || !validProbability) return undefined;
  return { name, probability, madeAt };
}

function buildClaim(draft: QuestionDraft, issues: IssueCollector): ImportClaim {
  const get = (field: QuestionField) => draft.fields.get(field) || undefined;
  const outcome = (get('resolution') ?? 'open') as Outcome | 'open';
  const deadline = get('resolveBy');
  const creator = get('creator');
  // Undefined (not '') means every row's date was unreadable, which is already reported.
  if (draft.fields.get('resolveBy') === '') issues.push({ line: draft.line, field: fatebookHeader('resolveBy'), message: 'the question has no resolve-by date' });
  const claim: ImportClaim = {
    kind: 'prediction',
    title: draft.title,
    statement: draft.title,
    resolutionCriteria: `As resolved on Fatebook by ${creator ?? "the question's author"}.`,
    openedAt: draft.createdAt,
    origin: `line ${draft.line}`,
  };
  if (deadline !== undefined) claim.deadline = deadline;
  if (get('notes') !== undefined) claim.details = get('notes');
  if (get('tags') !== undefined) claim.tags = get('tags')!.split('; ');
  if (draft.forecasts.length) claim.forecasts = draft.forecasts;
  if (outcome !== 'open' && deadline !== undefined) claim.resolution = { outcome, knownOn: get('resolvedAt') ?? deadline };
  return claim;
}

/** `fatebook-<slug of title>`; titles shared by several questions also get the creation time. */
function assignIds(claims: ImportClaim[], drafts: QuestionDraft[]): void {
  const count = new Map<string, number>();
  for (const draft of drafts) count.set(slugify(draft.title), (count.get(slugify(draft.title)) ?? 0) + 1);
  claims.forEach((claim, i) => {
    const draft = drafts[i]!;
    const shared = (count.get(slugify(draft.title)) ?? 0) > 1;
    const stamp = draft.createdAt.replace(/\D/g, '').slice(0, 14);
    const base = prefixedId('fatebook', draft.title);
    claim.id = shared ? `${base.slice(0, MAX_ID_LENGTH - stamp.length - 1).replace(/-+$/, '')}-${stamp}` : base;
  });
}
