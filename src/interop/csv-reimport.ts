/**
 * Reading Reckon's own CSV exports back (`claims-csv`, `forecasts-csv`; columns in
 * export-csv.ts): the claims CSV gives each claim's fields and its resolution, the forecasts
 * CSV each forecast by claim id. Read by header name; every problem names its line and column.
 * Not carried by these files, so not imported: stances (asserted_by/denied_by name sources
 * but not dates), retracted forecasts (a note counts them), source types (a source first met
 * here is a `forecaster`), and recording times (created_at, backfilled are the new ledger's).
 */
import { OUTCOMES, type ImportClaim, type Outcome, type SourcePayload } from '../domain/types.js';
import { readForecastValues, readQuestionCells, readResolutionValue } from './csv-question.js';
import { SourceRegistry, type ImportResult } from './bundle.js';
import { resolveHeader, cell, type ColumnIndex } from './csv-header.js';
import { readCsvRecords } from './csv-records.js';
import { parseDateOrDateTime, parseInstant } from './dates.js';
import { IssueCollector, type ImportIssue } from './errors.js';
import { CLAIMS_CSV_COLUMNS, FORECASTS_CSV_COLUMNS } from './export-csv.js';
import { parseKind } from './values.js';
import { markWhere } from './where.js';

type ClaimColumn = (typeof CLAIMS_CSV_COLUMNS)[number];
type ForecastColumn = (typeof FORECASTS_CSV_COLUMNS)[number];

function records<C extends string>(text: string, known: readonly C[], required: readonly C[], issues: IssueCollector) {
  const [header, ...rows] = readCsvRecords(text);
  if (!header) {
    issues.push({ line: 1, message: 'the file is empty' });
    return { columns: {} as ColumnIndex<C>, rows: [] };
  }
  const resolved = resolveHeader(header.cells, { known, required }, header.line);
  resolved.issues.forEach((i) => issues.push(i));
  return { columns: resolved.columns, rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')) };
}

/** A claims CSV export → claims (with their resolutions). Throws ImportError. */
export function parseClaimsCsv(text: string): ImportResult {
  const issues = new IssueCollector();
  const notes: ImportIssue[] = [];
  const { columns, rows } = records(text, CLAIMS_CSV_COLUMNS, ['id', 'kind', 'title', 'statement', 'resolution_criteria'], issues);
  const claims: ImportClaim[] = [];
  let stances = 0;
  for (const { cells, line } of rows) {
    const get = (c: ClaimColumn) => cell(cells, columns, c);
    const bad = (field: ClaimColumn, message: string) => issues.push({ line, field, message });
    const kind = parseKind(get('kind'));
    if (!kind.ok) bad('kind', kind.message);
    const claim: ImportClaim = { id: get('id'), kind: kind.ok ? kind.value : 'prediction', title: get('title'), statement: get('statement'), resolutionCriteria: get('resolution_criteria'), origin: `line ${line}` };
    if (get('details')) claim.details = get('details');
    if (get('tags')) claim.tags = get('tags').split(';').map((t) => t.trim()).filter(Boolean);
    for (const [column, key] of [['deadline', 'deadline'], ['check_by', 'checkBy']] as const) {
      const value = get(column);
      if (value === '') continue;
      if (parseDateOrDateTime(value) === undefined) bad(column, `"${value}" is not a date or date-time`);
      else claim[key] = value;
    }
    Object.assign(claim, readQuestionCells(get, bad));
    const outcome = get('outcome');
    const value = readResolutionValue(get('resolution_value'), bad);
    if (outcome === 'resolved') {
      if (value === undefined) bad('resolution_value', 'a resolved claim needs its value');
      else if (parseInstant(get('known_on')) === null) bad('known_on', `"${get('known_on')}" is not the date the outcome became known`);
      else claim.resolution = { value, knownOn: get('known_on'), ...(get('resolution_note') ? { note: get('resolution_note') } : {}) };
    } else if (outcome !== '') {
      if (!(OUTCOMES as readonly string[]).includes(outcome)) bad('outcome', `"${outcome}" is not an outcome (${OUTCOMES.join(', ')}, resolved)`);
      else if (parseInstant(get('known_on')) === null) bad('known_on', `"${get('known_on')}" is not the date the outcome became known`);
      else claim.resolution = { outcome: outcome as Outcome, knownOn: get('known_on'), ...(get('resolution_note') ? { note: get('resolution_note') } : {}) };
    }
    if (get('asserted_by') || get('denied_by')) stances++;
    claims.push(claim);
  }
  if (stances > 0) notes.push({ message: `${stances} claims name sources asserting or denying them; the claims CSV has no dates for those stances, so they are not imported` });
  issues.throwIfAny();
  return { sources: [], claims, notes };
}

/** One forecast of a forecasts CSV export, with the claim it is on. */
export interface CsvForecast {
  claimId: string;
  forecast: { sourceId: string; probability?: number; probabilities?: number[]; cdf?: number[]; madeAt: string };
}

/** A forecasts CSV export → forecasts by claim, and their sources. Throws ImportError. */
export function parseForecastsCsv(text: string): { sources: SourcePayload[]; forecasts: CsvForecast[]; notes: ImportIssue[] } {
  const issues = new IssueCollector();
  const { columns, rows } = records(text, FORECASTS_CSV_COLUMNS, ['claim_id', 'source_id', 'source_name', 'probability', 'made_at'], issues);
  const sources = new SourceRegistry();
  const forecasts: CsvForecast[] = [];
  let retracted = 0;
  for (const { cells, line } of rows) {
    const get = (c: ForecastColumn) => cell(cells, columns, c);
    if (get('retracted') === 'true') {
      retracted++;
      continue;
    }
    // Issue 17: a multiple-choice or numeric/date forecast carries its values instead of a probability.
    const values = get('probability') === '' ? readForecastValues(get, (field, message) => issues.push({ line, field, message })) : undefined;
    const probability = Number(get('probability'));
    if (!values && (get('probability') === '' || !(probability >= 0 && probability <= 1))) issues.push({ line, field: 'probability', message: `"${get('probability')}" is not a probability between 0 and 1` });
    if (parseInstant(get('made_at')) === null) issues.push({ line, field: 'made_at', message: `"${get('made_at')}" is not a date-time` });
    const sourceId = sources.add({ id: get('source_id'), name: get('source_name') || get('source_id'), type: 'forecaster' });
    forecasts.push({ claimId: get('claim_id'), forecast: markWhere({ sourceId, ...(values ?? { probability }), madeAt: get('made_at') }, line) });
  }
  issues.throwIfAny();
  const notes = retracted ? [{ message: `${retracted} retracted forecasts are not imported` }] : [];
  return { sources: sources.list(), forecasts, notes };
}
