/**
 * CSV exports for spreadsheets and pandas (`pd.read_csv`): RFC 4180, a header row, CRLF,
 * snake_case columns, booleans `true`/`false`, blanks for nothing. Each table has a header
 * constant and a one-record function so callers can stream rows as they read them.
 */
import { CLAIM_QUESTION_COLUMNS, FORECAST_VALUE_COLUMNS, forecastValueCells, questionCells } from './csv-question.js';
import { formatCsvLine, type CsvValue } from './csv-write.js';
import type { ExportClaim, ExportForecast } from './read-model.js';

export const CLAIMS_CSV_COLUMNS = [
  'id', 'kind', 'title', 'statement', 'resolution_criteria', 'details', 'tags', 'deadline', 'check_by',
  'status', 'outcome', 'known_on', 'resolution_note', 'created_at', 'asserted_by', 'denied_by',
  // Issue 17, appended so that readers by position keep working: see csv-question.ts.
  ...CLAIM_QUESTION_COLUMNS,
] as const;

export const FORECASTS_CSV_COLUMNS = [
  'claim_id', 'claim_title', 'kind', 'source_id', 'source_name', 'probability', 'made_at',
  'backfilled', 'retracted', 'status', 'outcome', 'resolved_on',
  ...FORECAST_VALUE_COLUMNS,
] as const;

/** The claims CSV header line. */
export const CLAIMS_CSV_HEADER = formatCsvLine(CLAIMS_CSV_COLUMNS);
/** The forecasts CSV header line. */
export const FORECASTS_CSV_HEADER = formatCsvLine(FORECASTS_CSV_COLUMNS);

/** Names of the sources taking `stance` (retracted stances left out), joined with "; ". */
function listSourcesTaking(claim: ExportClaim, stance: 'asserts' | 'denies'): string {
  const names = claim.stances.filter((s) => s.stance === stance && !s.retracted).map((s) => s.sourceName);
  return [...new Set(names)].join('; ');
}

/** The CSV line (with CRLF) for one claim. Tags are joined with "; ". */
export function claimToCsvLine(claim: ExportClaim): string {
  const values: Record<(typeof CLAIMS_CSV_COLUMNS)[number], CsvValue> = {
    id: claim.id,
    kind: claim.kind,
    title: claim.title,
    statement: claim.statement,
    resolution_criteria: claim.resolutionCriteria,
    details: claim.details,
    tags: claim.tags.join('; '),
    deadline: claim.deadline,
    check_by: claim.checkBy,
    status: claim.status,
    outcome: claim.resolution?.outcome,
    known_on: claim.resolution?.knownOn,
    resolution_note: claim.resolution?.note,
    created_at: claim.createdAt,
    asserted_by: listSourcesTaking(claim, 'asserts'),
    denied_by: listSourcesTaking(claim, 'denies'),
    ...questionCells(claim),
  };
  return formatCsvLine(CLAIMS_CSV_COLUMNS.map((column) => values[column]));
}

/** The CSV line (with CRLF) for one forecast; outcome is 1, 0 or blank; probability blank beside probabilities or a CDF. */
export function forecastToCsvLine(forecast: ExportForecast): string {
  return formatCsvLine([
    forecast.claimId,
    forecast.claimTitle,
    forecast.kind,
    forecast.sourceId,
    forecast.sourceName,
    forecast.probability,
    forecast.madeAt,
    forecast.backfilled,
    forecast.retracted,
    forecast.status,
    forecast.outcome,
    forecast.resolvedOn,
    ...forecastValueCells(forecast),
  ]);
}

/** Whole claims CSV: header plus one line per claim. */
export function claimsToCsv(claims: Iterable<ExportClaim>): string {
  let csv = CLAIMS_CSV_HEADER;
  for (const claim of claims) csv += claimToCsvLine(claim);
  return csv;
}

/** Whole forecasts CSV: header plus one line per forecast. */
export function forecastsToCsv(forecasts: Iterable<ExportForecast>): string {
  let csv = FORECASTS_CSV_HEADER;
  for (const forecast of forecasts) csv += forecastToCsvLine(forecast);
  return csv;
}
