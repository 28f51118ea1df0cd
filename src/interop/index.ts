/** Format converters for imports and exports. All pure: text in, objects out (and back). */
export { ImportError, formatIssue, MAX_ISSUES, type ImportIssue } from './errors.js';
export type { ImportResult } from './bundle.js';
export { slugify, sourceIdFor, prefixedId, MAX_ID_LENGTH } from './slug.js';
export { parseReckonCsv, streamReckonCsv, type ReckonCsvOptions, type StreamedClaim } from './csv-import.js';
export { RECKON_COLUMNS, type ReckonColumn } from './csv-row.js';
export type { CsvInput } from './csv-records.js';
export { parseFatebookCsv, readFatebookCsv } from './fatebook.js';
export { markWhere, whereOf, type Where } from './where.js';
export { parseMetaculusJson, importMetaculus, METACULUS_SOURCE } from './metaculus.js';
export { parseClaimReview, CLAIMREVIEW_CRITERIA } from './claimreview.js';
export type { ExportClaim, ExportForecast, ExportStance } from './read-model.js';
export {
  claimsToCsv, forecastsToCsv, claimToCsvLine, forecastToCsvLine,
  CLAIMS_CSV_HEADER, FORECASTS_CSV_HEADER, CLAIMS_CSV_COLUMNS, FORECASTS_CSV_COLUMNS,
} from './export-csv.js';
export { claimReviewJsonLd, claimReviewFor, claimReviewScriptTag, type ClaimReviewOptions } from './export-claimreview.js';
export { detectFormat, type ImportFormat } from './detect-format.js';
export { parseClaimsCsv, parseForecastsCsv, type CsvForecast } from './csv-reimport.js';
