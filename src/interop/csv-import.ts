/**
 * Reckon's spreadsheet CSV. Columns (header case, spaces and `_` do not matter):
 *   question, criteria (required); kind, deadline, source, probability, made at, outcome,
 *   resolved on; optional id, title, details, tags (`;`-separated), check by,
 *   source type (default `forecaster`), stance (asserts|denies) and date (the stance's date).
 * One row per forecast or stance. Rows with the same id (else the same question) are one
 * claim and must agree on its columns; a blank claim cell agrees with anything.
 * probability: `0.7`, `70%`, or a bare number > 1 read as a percentage (`70`); `1` = 100%.
 * outcome: confirmed|yes|true, refuted|no|false, annulled|ambiguous, unresolvable, blank = open.
 * Dates without a zone are UTC; a `made at` date alone means midnight UTC.
 */
import type { ImportClaim, SourcePayload } from '../domain/types.js';
import type { ImportResult } from './bundle.js';
import { ClaimDraft } from './csv-claims.js';
import { resolveHeader, type ColumnIndex } from './csv-header.js';
import { ownString, readCsvRecords, streamCsvRecordBatches, type CsvInput, type CsvRecord } from './csv-records.js';
import { ProbabilityScale } from './csv-probability.js';
import { isBlank, parseRow, probabilityTextOf, RECKON_COLUMNS, type CsvRow, type ReckonColumn } from './csv-row.js';
import { ImportError, IssueCollector, type ImportIssue } from './errors.js';

export interface ReckonCsvOptions {
  /** Other header names: `{ probability: 'Confidence', 'made at': 'When' }`. */
  map?: Partial<Record<ReckonColumn, string>>;
  /** Columns Reckon does not know: an error (default) or ignored. */
  unknownColumns?: 'error' | 'ignore';
}

/** A claim from the stream, with the sources it is the first to mention. */
export interface StreamedClaim {
  claim: ImportClaim;
  sources: SourcePayload[];
}

/** Reads records → rows, checking the header, cell counts and source consistency. */
class RowReader {
  readonly issues = new IssueCollector();
  private columns: ColumnIndex<ReckonColumn> | undefined;
  private width = 0;
  private readonly sources = new Map<string, { source: SourcePayload; line: number }>();
  /** The probability column's scale, fixed by its first bare number (one reading per file). */
  private readonly scale = new ProbabilityScale(probabilityTextOf);

  constructor(private readonly options: ReckonCsvOptions) {}

  /** Reads the header; false if a required column is missing (then no row can be read). */
  readHeader(record: CsvRecord | undefined): boolean {
    if (!record) {
      this.issues.push({ line: 1, message: 'the file is empty (expected a header row)' });
      return false;
    }
    const spec = { known: RECKON_COLUMNS, required: ['question', 'criteria'] as const, map: this.options.map, unknown: this.options.unknownColumns };
    const { columns, issues } = resolveHeader(record.cells, spec, record.line);
    issues.forEach((issue) => this.issues.push(issue));
    this.columns = columns;
    this.width = record.cells.length;
    return columns.question !== undefined && columns.criteria !== undefined;
  }

  /** A row's problems, gathered here and then passed on in order (one array for every row). */
  private readonly rowIssues: ImportIssue[] = [];

  /** Parses a data record; undefined for blank rows. */
  readRow(record: CsvRecord): CsvRow | undefined {
    // Spreadsheets leave rows of bare commas below the data; they are blank, not short.
    if (isBlank(record.cells)) return undefined;
    const issues = this.rowIssues;
    if (record.cells.length !== this.width) {
      issues.push({ line: record.line, message: `the row has ${record.cells.length} cells but the header has ${this.width}` });
    }
    const row = parseRow(record.cells, record.line, this.columns ?? {}, issues, this.scale);
    if (row?.source) this.checkSource(row.source, record.line, issues);
    if (issues.length > 0) {
      for (const issue of issues) this.issues.push(issue);
      issues.length = 0;
    }
    return row;
  }

  /** Every source seen, first-seen order. */
  allSources(): SourcePayload[] {
    return [...this.sources.values()].map((entry) => entry.source);
  }

  /** The source registered under `id`. */
  source(id: string): SourcePayload | undefined {
    return this.sources.get(id)?.source;
  }

  private checkSource(source: SourcePayload, line: number, issues: ImportIssue[]): void {
    const known = this.sources.get(source.id);
    if (!known) this.sources.set(source.id, { source: { ...source, name: ownString(source.name) }, line });
    else if (known.source.type !== source.type) {
      issues.push({ line, field: 'source type', message: `source "${source.name}" is a ${known.source.type} on line ${known.line}, not a ${source.type}` });
    }
  }
}

/** Parses a whole Reckon CSV. Rows of one claim may be anywhere in the file. Throws ImportError. */
export function parseReckonCsv(text: string, options: ReckonCsvOptions = {}): ImportResult {
  const records = readCsvRecords(text);
  const reader = new RowReader(options);
  if (!reader.readHeader(records[0])) reader.issues.throwIfAny();
  const drafts = new Map<string, ClaimDraft>();
  for (const record of records.slice(1)) {
    const row = reader.readRow(record);
    if (!row || row.key === '') continue;
    const draft = drafts.get(row.key);
    if (draft) draft.add(row, reader.issues);
    else drafts.set(row.key, new ClaimDraft(row, reader.issues));
  }
  const claims: ImportClaim[] = [];
  for (const draft of drafts.values()) {
    const claim = draft.finish(reader.issues);
    if (claim) claims.push(claim);
  }
  reader.issues.throwIfAny();
  return { sources: reader.allSources(), claims, notes: [] };
}

/**
 * Streams a Reckon CSV claim by claim, holding only the current claim's rows. A claim's
 * rows must be consecutive (a repeat later in the file is an error). Claims that read are
 * yielded even after a problem elsewhere, the whole file is checked, and an ImportError
 * listing every problem is thrown at the end: a caller that must be all-or-nothing appends
 * inside a transaction (and rolls it back then).
 */
export async function* streamReckonCsv(input: CsvInput, options: ReckonCsvOptions = {}): AsyncGenerator<StreamedClaim> {
  const reader = new RowReader(options);
  // Records come a chunk's worth at a time: no wait per record.
  const batches = streamCsvRecordBatches(input);
  const first = await batches.next();
  const header = first.done ? undefined : first.value[0];
  if (!reader.readHeader(header)) {
    await batches.return(undefined);
    reader.issues.throwIfAny();
  }
  const finished = new Map<string, number>();
  const emitted = new Set<string>();
  let current: ClaimDraft | undefined;
  const finish = (draft: ClaimDraft): StreamedClaim | undefined => {
    finished.set(ownString(draft.key), draft.firstLine);
    const claim = draft.finish(reader.issues);
    // A claim that reads is passed on even after problems elsewhere (the caller's transaction
    // is rolled back then), so that the rules find every problem of the file in one pass.
    if (!claim) return undefined;
    const sources = [...draft.sourceIds].filter((id) => !emitted.has(id)).map((id) => reader.source(id)!);
    sources.forEach((source) => emitted.add(source.id));
    return { claim, sources };
  };
  try {
    let batch = first.done ? [] : first.value.slice(1);
    for (;;) {
      for (const record of batch) {
        const row = reader.readRow(record);
        if (!row || row.key === '') continue;
        if (current?.key === row.key) {
          current.add(row, reader.issues);
          continue;
        }
        const done = current && finish(current);
        if (done) yield done;
        const seenAt = finished.get(row.key);
        if (seenAt !== undefined) {
          reader.issues.push({ line: row.line, field: 'question', message: `this claim's rows began on line ${seenAt}; when streaming, a claim's rows must be consecutive` });
        }
        current = new ClaimDraft(row, reader.issues);
      }
      const next = await batches.next();
      if (next.done) break;
      batch = next.value;
    }
  } catch (error) {
    // A CSV syntax error ends the reading; report it with everything found before it.
    if (!(error instanceof ImportError)) throw error;
    error.issues.forEach((issue) => reader.issues.push(issue));
    reader.issues.throwIfAny();
  } finally {
    // Stop reading the input when the caller stops early (or on any error).
    await batches.return(undefined);
  }
  const last = current && finish(current);
  if (last) yield last;
  reader.issues.throwIfAny();
}
