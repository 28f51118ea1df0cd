/**
 * One row of Reckon's spreadsheet CSV → claim fields plus at most one forecast and one
 * stance. Claim fields are kept as normalised strings so rows can be compared for
 * agreement; a blank cell means "not stated here", not "empty".
 */
import { SOURCE_TYPES, type SourcePayload, type SourceType, type StanceKind } from '../domain/types.js';
import { cell, type ColumnIndex } from './csv-header.js';
import { ownString } from './csv-records.js';
import { parseDateOrDateTime, parseInstant, parsePartialDate } from './dates.js';
import type { ImportIssue } from './errors.js';
import { MAX_ID_LENGTH, sourceIdFor } from './slug.js';
import { ProbabilityScale, readProbabilityText } from './csv-probability.js';
import { markWhere } from './where.js';
import { parseKind, parseOutcome, parseStance, splitTags, type Parsed } from './values.js';

export const RECKON_COLUMNS = [
  'id', 'question', 'title', 'kind', 'criteria', 'details', 'tags', 'deadline', 'check by',
  'source', 'source type', 'probability', 'made at', 'stance', 'date', 'outcome', 'resolved on',
] as const;
export type ReckonColumn = (typeof RECKON_COLUMNS)[number];

/** Claim-level columns, which must agree across a claim's rows. */
export const CLAIM_COLUMNS = [
  'id', 'question', 'title', 'kind', 'criteria', 'details', 'tags', 'deadline', 'check by', 'outcome', 'resolved on',
] as const satisfies readonly ReckonColumn[];
export type ClaimColumn = (typeof CLAIM_COLUMNS)[number];

export interface CsvRow {
  line: number;
  /** The claim this row belongs to: its id, else its question. */
  key: string;
  /** Normalised values of the claim columns stated on this row. */
  fields: Partial<Record<ClaimColumn, string>>;
  /** Claim columns stated but unreadable (already reported; not to be reported as missing). */
  invalid: ClaimColumn[];
  source?: SourcePayload;
  forecast?: { sourceId: string; probability: number; madeAt: string };
  stance?: { sourceId: string; stance: StanceKind; date: string };
}

type Normaliser = (text: string) => Parsed<string>;

/**
 * A pure function of one cell's text, remembered for the texts seen lately: a claim's
 * columns repeat on every row of the claim, and a file names few sources and dates. The
 * answers are shared, so they are never changed by their users.
 */
function remembered<T>(fn: (text: string) => T, max = 4096): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined || seen.has(text)) return known as T;
    // Kept: computed from a copy, so that neither key nor answer holds the file's chunk alive.
    const own = ownString(text);
    const value = fn(own);
    if (seen.size >= max) seen.clear();
    seen.set(own, value);
    return value;
  };
}

const instantOf = remembered(parseInstant);
const partialDateOf = remembered(parsePartialDate);
/** A cell's number and `%`, remembered; the column's scale is applied by ProbabilityScale. */
export const probabilityTextOf = remembered(readProbabilityText);
const stanceOf = remembered(parseStance);
const sourceIdOf = remembered(sourceIdFor);

const fromOptional = (parse: (t: string) => string | undefined, what: string): Normaliser => (text) => {
  const value = parse(text);
  return value === undefined ? { ok: false, message: `"${text}" is not ${what}` } : { ok: true, value };
};

/** Claim ids follow the source-id rule (lowercase a–z, 0–9, single hyphens, ≤ 64) so they are URL-safe. */
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const CLAIM_NORMALISERS: Partial<Record<ClaimColumn, Normaliser>> = {
  id: remembered((text) =>
    ID.test(text) && text.length <= MAX_ID_LENGTH
      ? { ok: true, value: text }
      : { ok: false, message: `"${text}" is not a valid id (lowercase letters, digits and single hyphens, at most ${MAX_ID_LENGTH} characters)` },
  ),
  kind: remembered(parseKind),
  tags: remembered((text) => ({ ok: true, value: splitTags(text).join('; ') })),
  deadline: remembered(fromOptional(parseDateOrDateTime, 'a date (YYYY-MM-DD) or date-time')),
  'check by': remembered(fromOptional(parseDateOrDateTime, 'a date (YYYY-MM-DD) or date-time')),
  'resolved on': remembered(fromOptional(parseDateOrDateTime, 'a date (YYYY-MM-DD) or date-time')),
  outcome: remembered(parseOutcome),
};

/** True when every cell is empty or white space. */
export function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** Parses one data row; problems go to `issues`. Returns undefined for an all-blank row. */
export function parseRow(
  cells: string[],
  line: number,
  columns: ColumnIndex<ReckonColumn>,
  issues: ImportIssue[],
  scale: ProbabilityScale = new ProbabilityScale(probabilityTextOf),
): CsvRow | undefined {
  if (isBlank(cells)) return undefined;
  // bind, not an arrow: tsx names every arrow function it creates (a cost on each row).
  const get = (cell<ReckonColumn>).bind(null, cells, columns);
  const invalid: ClaimColumn[] = [];
  const fields = parseClaimFields(get, line, issues, invalid);
  const key = fields.id ?? fields.question;
  if (key === undefined) issues.push({ line, field: 'question', message: 'a row needs a question (or an id)' });
  const source = parseSource(get, line, issues);
  const row: CsvRow = { line, key: key ?? '', fields, invalid, source };
  row.forecast = parseForecast(get, line, source, issues, scale);
  row.stance = parseStanceCells(get, line, source, issues);
  if (source && !row.forecast && !row.stance && get('probability') === '' && get('stance') === '') {
    issues.push({ line, field: 'source', message: 'a source needs a probability (forecast) or a stance' });
  }
  return row;
}

function parseClaimFields(get: (c: ReckonColumn) => string, line: number, issues: ImportIssue[], invalid: ClaimColumn[]): CsvRow['fields'] {
  const fields: CsvRow['fields'] = {};
  for (const column of CLAIM_COLUMNS) {
    const text = get(column);
    if (text === '') continue;
    const normalise = CLAIM_NORMALISERS[column];
    const parsed = normalise ? normalise(text) : { ok: true as const, value: text };
    if (parsed.ok) fields[column] = parsed.value;
    else {
      issues.push({ line, field: column, message: parsed.message });
      invalid.push(column);
    }
  }
  return fields;
}

function parseSource(get: (c: ReckonColumn) => string, line: number, issues: ImportIssue[]): SourcePayload | undefined {
  const name = get('source');
  const typeText = get('source type').toLowerCase();
  const type = (typeText || 'forecaster') as SourceType;
  if (!SOURCE_TYPES.includes(type)) {
    issues.push({ line, field: 'source type', message: `"${typeText}" is not a source type (${SOURCE_TYPES.join(', ')})` });
  }
  if (name === '') {
    if (typeText) issues.push({ line, field: 'source', message: 'a source type needs a source' });
    return undefined;
  }
  return { id: sourceIdOf(name), name, type };
}

function parseForecast(get: (c: ReckonColumn) => string, line: number, source: SourcePayload | undefined, issues: ImportIssue[], scale: ProbabilityScale): CsvRow['forecast'] {
  const probabilityText = get('probability');
  const madeAtText = get('made at');
  if (probabilityText === '') {
    if (madeAtText) issues.push({ line, field: 'made at', message: 'a forecast time needs a probability' });
    return undefined;
  }
  const probability = scale.parse(probabilityText, line);
  if (!probability.ok) issues.push({ line, field: 'probability', message: probability.message });
  const madeAt = madeAtText ? instantOf(madeAtText) : undefined;
  if (madeAtText === '') issues.push({ line, field: 'made at', message: 'a forecast needs the time it was made' });
  else if (madeAt === undefined) issues.push({ line, field: 'made at', message: `"${madeAtText}" is not a date or date-time` });
  if (!source) issues.push({ line, field: 'source', message: 'a forecast needs a source (who made it)' });
  if (!probability.ok || madeAt === undefined || !source) return undefined;
  // The line travels with the forecast, so that a rule the ledger applies to it names this line.
  return markWhere({ sourceId: source.id, probability: probability.value, madeAt }, line);
}

function parseStanceCells(get: (c: ReckonColumn) => string, line: number, source: SourcePayload | undefined, issues: ImportIssue[]): CsvRow['stance'] {
  const stanceText = get('stance');
  const dateText = get('date');
  if (stanceText === '') {
    if (dateText) issues.push({ line, field: 'date', message: 'a date needs a stance (it dates a stance)' });
    return undefined;
  }
  const stance = stanceOf(stanceText);
  if (!stance.ok) issues.push({ line, field: 'stance', message: stance.message });
  const date = dateText ? partialDateOf(dateText) : undefined;
  if (dateText === '') issues.push({ line, field: 'date', message: 'a stance needs a date' });
  else if (date === undefined) issues.push({ line, field: 'date', message: `"${dateText}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)` });
  if (!source) issues.push({ line, field: 'source', message: 'a stance needs a source (who took it)' });
  if (!stance.ok || date === undefined || !source) return undefined;
  return markWhere({ sourceId: source.id, stance: stance.value, date }, line);
}
