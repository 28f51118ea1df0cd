/**
 * Guesses an input file's format from its name and content, so an upload can be sent to
 * the right importer. Content wins over the extension where they disagree.
 */
import { readCsvRecords } from './csv-records.js';
import { ImportError } from './errors.js';
import { resolveFatebookHeader } from './fatebook-columns.js';
import { CLAIMS_CSV_COLUMNS, FORECASTS_CSV_COLUMNS } from './export-csv.js';
import { isObject } from './json-input.js';

export type ImportFormat = 'reckon-jsonl' | 'csv' | 'claims-csv' | 'forecasts-csv' | 'fatebook' | 'metaculus' | 'claimreview';

const CLAIMREVIEW = /"@type"\s*:\s*(\[[^\]]*)?"(https?:\/\/schema\.org\/|schema:)?ClaimReview"|"claimReview"\s*:/;
const METACULUS = /"(possibilities|aggregations|scheduled_close_time|resolution_criteria|community_prediction)"\s*:/;
/**
 * ForecastBench (forecastbench.org) question and resolution sets: an object with
 * `forecast_due_date` and `question_set`. Their questions carry `resolution_criteria` and
 * often `"source": "metaculus"`, but they are not Metaculus questions and are not imported.
 */
const FORECASTBENCH = /^\{\s*"(forecast_due_date|question_set)"\s*:|"question_set"\s*:\s*"[^"]*"\s*,[\s\S]*"(questions|resolutions)"\s*:\s*\[/;

/** True if the first non-blank line is a JSON object with `seq` and `hash` (a Reckon ledger export). */
function isLedgerJsonl(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '');
  if (!first || !first.trim().startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(first);
    return isObject(value) && 'seq' in value && 'hash' in value;
  } catch {
    return false;
  }
}

/** True if the first CSV record is a Fatebook export header. */
function isFatebookHeader(text: string): boolean {
  const firstLine = text.slice(0, 4096).split('\n', 1)[0] ?? '';
  try {
    const header = readCsvRecords(firstLine)[0]?.cells ?? [];
    return resolveFatebookHeader(header).issues.length === 0;
  } catch {
    return false;
  }
}

/**
 * The format of a file: 'reckon-jsonl' (ledger export, lines of JSON with seq and hash),
 * 'claimreview' (HTML with JSON-LD, ClaimReview JSON, Fact Check Tools API JSON),
 * 'metaculus' (question JSON), 'fatebook' (Fatebook's CSV export) or 'csv' (Reckon's
 * spreadsheet CSV). Throws ImportError when it is none of these.
 */
export function detectFormat(filename: string, text: string): ImportFormat {
  const name = filename.toLowerCase();
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (isLedgerJsonl(start)) return 'reckon-jsonl';
  if (start.startsWith('<') || /\.html?$/.test(name)) {
    if (/application\/ld\+json/i.test(text)) return 'claimreview';
  } else if (start.startsWith('{') || start.startsWith('[')) {
    if (FORECASTBENCH.test(start)) {
      throw new ImportError([{ message: `"${filename}" is a ForecastBench question or resolution set, which Reckon does not import (it is not a Metaculus question)` }]);
    }
    if (CLAIMREVIEW.test(text)) return 'claimreview';
    if (METACULUS.test(text)) return 'metaculus';
  } else if (/\.(csv|txt)$/.test(name) || start.includes(',')) {
    // Reckon's own CSV exports, by their exact header (`reckon export --format claims-csv|forecasts-csv`).
    const firstLine = start.slice(0, 4096).split(/\r?\n/, 1)[0];
    if (firstLine === CLAIMS_CSV_COLUMNS.join(',')) return 'claims-csv';
    if (firstLine === FORECASTS_CSV_COLUMNS.join(',')) return 'forecasts-csv';
    return isFatebookHeader(start) ? 'fatebook' : 'csv';
  }
  throw new ImportError([{ message: `cannot tell the format of "${filename}" (expected Reckon CSV or JSONL, Fatebook CSV, Metaculus JSON or ClaimReview)` }]);
}
