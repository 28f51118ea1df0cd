/**
 * Fatebook's CSV export → ImportBundle. One row per forecast (per option for multiple
 * choice); no question id, so rows are grouped by question title + creation time.
 * Mapping: question → prediction (statement = title, deadline = resolve-by, openedAt =
 * created-at, details = notes, tags split on ";"); `Forecast created by` → source of type
 * `forecaster`; probabilities are 0–1; resolution YES|NO|AMBIGUOUS|blank →
 * confirmed|refuted|annulled|open, known on the resolved-at time, else the resolve-by
 * date. Dates `YYYY-MM-DD HH:MM:S` (no zone, seconds unpadded) are read as UTC.
 * Multiple-choice questions import as such (./fatebook-choice.ts); Brier scores, sharing and comments
 * are not imported.
 */
import type { ImportClaim, Outcome } from '../domain/types.js';
import { AgreedFields } from './agreed-fields.js';
import { buildChoiceClaim, type ChoiceDraft } from './fatebook-choice.js';
import { SourceRegistry, type ImportResult } from './bundle.js';
import type { ColumnIndex } from './csv-header.js';
import { readCsvRecords, streamCsvRecordBatches, type CsvInput, type CsvRecord } from './csv-records.js';
import { parseDateOrDateTime, parseDateTime } from './dates.js';
import { ImportError, IssueCollector, MAX_ISSUES, type ImportIssue } from './errors.js';
import { fatebookCell, fatebookHeader, resolveFatebookHeader, type FatebookField } from './fatebook-columns.js';
import { MAX_ID_LENGTH, prefixedId, sourceIdFor } from './slug.js';
import { splitTags } from './values.js';
import { markWhere } from './where.js';

type QuestionField = 'resolveBy' | 'resolution' | 'resolvedAt' | 'notes' | 'tags' | 'creator';


interface QuestionDraft {
  title: string;
  createdAt: string;
  line: number;
  fields: AgreedFields<QuestionField>;
  forecasts: NonNullable<ImportClaim['forecasts']>;
}

const RESOLUTIONS: Partial<Record<string, Outcome | 'open'>> = { yes: 'confirmed', no: 'refuted', ambiguous: 'annulled', '': 'open' };

/** Parses a Fatebook export held in memory. Throws ImportError listing every problem. */
export function parseFatebookCsv(text: string): ImportResult {
  const reader = new FatebookReader();
  const records = readCsvRecords(text);
  reader.readHeader(records[0]);
  for (const record of records.slice(1)) reader.readRow(record);
  return reader.finish();
}

/**
 * Reads a Fatebook export as it streams in. Only the questions are held, and none once a
 * problem is found (the import will fail): a file of a valid header and megabytes of junk
 * ends with its first problems listed, in bounded memory. Throws ImportError.
 */
export async function readFatebookCsv(input: CsvInput): Promise<ImportResult> {
  const reader = new FatebookReader();
  const batches = streamCsvRecordBatches(input);
  try {
    let first = true;
    for await (const batch of batches) {
      for (const record of batch) {
        if (first) {
          first = false;
          reader.readHeader(record);
        } else reader.readRow(record);
      }
      // Enough has been said about a file this broken: the rest is not read.
      if (reader.full) break;
    }
    if (first) reader.readHeader(undefined);
  } catch (error) {
    // A CSV syntax error ends the reading; it is listed with the problems found before it.
    if (!(error instanceof ImportError)) throw error;
    error.issues.forEach((issue) => reader.issues.push(issue));
  } finally {
    await batches.return(undefined);
  }
  return reader.finish();
}

/** The state of one Fatebook read: header, then rows, then finish(). */
class FatebookReader {
  readonly issues = new IssueCollector();
  private columns: ColumnIndex<FatebookField> = {};
  private width = 0;
  private readonly state: ReadState = { issues: this.issues, sources: new SourceRegistry(), questions: new Map(), choices: new Map() };

  /** True once as many problems as are listed have been found. */
  get full(): boolean {
    return this.issues.issues.length >= MAX_ISSUES;
  }

  readHeader(header: CsvRecord | undefined): void {
    const { columns, issues } = header ? resolveFatebookHeader(header.cells) : { columns: {}, issues: [{ line: 1, message: 'the file is empty' }] };
    issues.forEach((issue) => this.issues.push(issue));
    this.issues.throwIfAny();
    this.columns = columns;
    this.width = header!.cells.length;
  }

  readRow(record: CsvRecord): void {
    if (record.cells.every((c) => c.trim() === '')) return;
    readRow(record, this.width, this.columns, this.state);
    // Once the import is bound to fail, questions are no longer kept, only problems.
    if (this.issues.any && this.state.questions.size > 0) {
      this.state.questions.clear();
      this.state.choices.clear();
    }
  }

  finish(): ImportResult {
    const { questions, choices, sources } = this.state;
    const drafts = [...questions.values()];
    const claims = drafts.map((draft) => buildClaim(draft, this.issues));
    this.issues.throwIfAny();
    const notes: ImportIssue[] = [];
    for (const choice of choices.values()) {
      const built = buildChoiceClaim(choice, baseClaim(choice.title, choice.createdAt, choice.line, choice.rows[0]?.creator));
      if ('skipped' in built) notes.push(built.skipped);
      else {
        claims.push(built.claim);
        drafts.push(choice as unknown as QuestionDraft);
        notes.push(...built.notes);
      }
    }
    assignIds(claims, drafts);
    return { sources: sources.list(), claims, notes };
  }
}

interface ReadState {
  issues: IssueCollector;
  sources: SourceRegistry;
  questions: Map<string, QuestionDraft>;
  choices: Map<string, ChoiceDraft>;
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
  // Once the import is bound to fail, rows are checked on their own and nothing is kept.
  const keep = !state.issues.any;
  if (get('option') !== '') {
    readChoiceRow(record, key, title, createdAt ?? '', get, issue, state);
    return;
  }
  let draft = state.questions.get(key);
  if (!draft) {
    draft = { title, createdAt: createdAt ?? '', line, fields: new AgreedFields(), forecasts: [] };
    if (keep) state.questions.set(key, draft);
  }
  stateQuestionFields(draft, get, line, state.issues, issue);
  const forecast = readForecast(get, issue);
  if (!forecast || state.issues.any) return;
  const sourceId = state.sources.add({ id: sourceIdFor(forecast.name), name: forecast.name, type: 'forecaster' });
  // The line travels with the forecast, so that a rule the ledger applies to it names this line.
  // Fatebook's own history, kept as Fatebook recorded it (0 and 1 included): marked imported.
  draft.forecasts.push(markWhere({ sourceId, probability: forecast.probability, madeAt: forecast.madeAt, imported: { platform: 'fatebook' } }, line));
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
  const claim = baseClaim(draft.title, draft.createdAt, draft.line, creator);
  if (deadline !== undefined) claim.deadline = deadline;
  if (get('notes') !== undefined) claim.details = get('notes');
  if (get('tags') !== undefined) claim.tags = get('tags')!.split('; ');
  if (draft.forecasts.length) claim.forecasts = draft.forecasts;
  if (outcome !== 'open' && deadline !== undefined) claim.resolution = { outcome, knownOn: get('resolvedAt') ?? deadline };
  return claim;
}

/** What every Fatebook claim has. */
function baseClaim(title: string, createdAt: string, line: number, creator: string | undefined): ImportClaim {
  return {
    kind: 'prediction',
    title,
    statement: title,
    resolutionCriteria: `As resolved on Fatebook by ${creator || "the question's author"}.`,
    openedAt: createdAt,
    origin: `line ${line}`,
  };
}

/** A multiple-choice option row: checked like any row, kept with its question's other options. */
function readChoiceRow(record: CsvRecord, key: string, title: string, createdAt: string, get: (f: FatebookField) => string, issue: (f: FatebookField, m: string) => void, state: ReadState): void {
  const forecast = readForecast(get, issue);
  const resolution = get('resolution').toUpperCase();
  if (RESOLUTIONS[resolution.toLowerCase()] === undefined) issue('resolution', `"${get('resolution')}" is not YES, NO, AMBIGUOUS or blank`);
  const date = (field: 'resolveBy' | 'resolvedAt') => (get(field) === '' ? '' : parseDateOrDateTime(get(field)));
  const resolveBy = date('resolveBy');
  const resolvedAt = date('resolvedAt');
  if (resolveBy === undefined) issue('resolveBy', `"${get('resolveBy')}" is not a date-time`);
  if (resolvedAt === undefined) issue('resolvedAt', `"${get('resolvedAt')}" is not a date-time`);
  if (!forecast || state.issues.any || resolveBy === undefined || resolvedAt === undefined) return;
  let draft = state.choices.get(key);
  if (!draft) state.choices.set(key, (draft = { title, createdAt, line: record.line, field: fatebookHeader('option'), rows: [] }));
  const sourceId = state.sources.add({ id: sourceIdFor(forecast.name), name: forecast.name, type: 'forecaster' });
  draft.rows.push({
    line: record.line, option: get('option'), sourceId, probability: forecast.probability, madeAt: forecast.madeAt,
    resolution, resolvedAt, resolveBy, notes: get('notes'), tags: get('tags'), creator: get('creator'),
  });
}

/**
 * `fatebook-<slug of title>-<creation time, digits>`: a Fatebook question is its title and the
 * time it was created (the export has no id), so the same question gets the same id in every
 * export of the account, and a later export adds to it instead of making another.
 */
function assignIds(claims: ImportClaim[], drafts: QuestionDraft[]): void {
  claims.forEach((claim, i) => {
    const draft = drafts[i]!;
    const stamp = draft.createdAt.replace(/\D/g, '').slice(0, 14);
    const base = prefixedId('fatebook', draft.title);
    claim.id = `${base.slice(0, MAX_ID_LENGTH - stamp.length - 1).replace(/-+$/, '')}-${stamp}`;
  });
}
