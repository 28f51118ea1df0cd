/**
 * `reckon import`: a file of any supported format, in ONE transaction: all of it or nothing.
 * Every problem is found before giving up (the parser's, the rules', and contradictions of
 * the record), each naming its line and column or JSON Pointer. Claims get ids derived from
 * their origin and content, so importing a file again adds nothing ("nothing new") and a
 * later export of the same source adds only what is new (see sync.ts).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { allSources } from '../db/queries.js';
import { detectFormat, ImportError, streamReckonCsv } from '../interop/index.js';
import { BulkError, type Ledger } from '../ledger/ledger.js';
import { ClaimImport, CSV_FORMATS, ProblemsFound, type Item } from './claim-import.js';
import { importLedgerExport } from './import-ledger.js';
import { parseWhole, readCsvExports, type Files } from './parse-whole.js';
import { ImportFailure, toProblem, type Problem } from './problems.js';
import { recordedClaimIds } from './recorded.js';

/** Format names, the same as `reckon export`'s where a format goes both ways (`reckon-jsonl` is jsonl's old name). */
export const IMPORT_FORMATS = ['auto', 'jsonl', 'claims-csv', 'forecasts-csv', 'claimreview', 'bundle', 'csv', 'fatebook', 'metaculus', 'reckon-jsonl'] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];
type Format = Exclude<ImportFormatName, 'auto' | 'reckon-jsonl'>;

export interface ImportOptions {
  format?: ImportFormatName;
  /** Reckon CSV: { reckonColumn: 'Their Header' }. */
  map?: Record<string, string>;
  dryRun?: boolean;
  actor?: string | null;
  /** Progress in input lines (CSV, JSON Lines) or items. */
  onProgress?: (done: number) => void;
}

/** What an import did (or, with dryRun, would do). */
export interface ImportSummary {
  /** The format read; `claims-csv+forecasts-csv` for the two CSV exports imported together. */
  format: Format | 'claims-csv+forecasts-csv';
  dryRun: boolean;
  claims: { created: number; updated: number; unchanged: number };
  events: { appended: number };
  problems: Problem[];
  notes: string[];
  head: string | null;
}

export { ImportFailure } from './problems.js';


/** The file's first 64 KB, and whether that is all of it. */
async function head(path: string): Promise<{ text: string; whole: boolean }> {
  const file = await open(path);
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return { text: buffer.subarray(0, bytesRead).toString('utf8'), whole: bytesRead < buffer.length };
  } finally {
    await file.close();
  }
}

async function sniff(path: string, text: string): Promise<Format> {
  if (/^\s*\{[\s\S]*"format"\s*:\s*"reckon-bundle"/.test(text)) return 'bundle';
  try {
    const detected = detectFormat(path, text);
    return detected === 'reckon-jsonl' ? 'jsonl' : detected;
  } catch (err) {
    if (err instanceof ImportError) throw new ImportFailure(err.issues.map((i) => toProblem(i, false)));
    throw err;
  }
}

/** The format of one file: the one named, else sniffed; an empty file is an error in every format. */
async function formatOf(path: string, named: ImportFormatName | undefined): Promise<Format> {
  const start = await head(path);
  if (start.whole && start.text.replace(/^\uFEFF/, '').trim() === '') throw new ImportFailure([{ line: 1, message: 'the file is empty' }]);
  if (!named || named === 'auto') return sniff(path, start.text);
  return named === 'reckon-jsonl' ? 'jsonl' : named;
}

/**
 * Import a file of any supported format in ONE transaction: all of it or nothing. Two files
 * are a claims CSV and a forecasts CSV exported together (`reckon export --format claims-csv`
 * and `forecasts-csv`): their claims, then forecasts, then resolutions, in one transaction.
 */
export async function runImport(ledger: Ledger, path: string | string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const paths = Array.isArray(path) ? path : [path];
  if (paths.length === 2) {
    const formats = await Promise.all(paths.map((p) => formatOf(p, undefined)));
    const claimsAt = formats.indexOf('claims-csv');
    const forecastsAt = formats.indexOf('forecasts-csv');
    if (claimsAt === -1 || forecastsAt === -1) throw new ImportFailure([{ message: `two files are imported together only as a claims-csv and a forecasts-csv export (these are ${formats.join(' and ')})` }]);
    return importClaims(ledger, { path: paths[claimsAt]!, forecasts: paths[forecastsAt]! }, 'claims-csv', opts);
  }
  if (paths.length !== 1) throw new ImportFailure([{ message: 'import one file, or a claims-csv and a forecasts-csv export together' }]);
  const format = await formatOf(paths[0]!, opts.format);
  if (format === 'jsonl') return importLedgerExport(ledger, paths[0]!, opts);
  return importClaims(ledger, { path: paths[0]! }, format, opts);
}


async function items(ledger: Ledger, format: Exclude<Format, 'jsonl'>, files: Files, opts: ImportOptions, notes: string[]): Promise<AsyncIterable<Item> | Iterable<Item>> {
  const { path } = files;
  if (format === 'csv') return streamReckonCsv(createReadStream(path), { map: opts.map });
  let parsed;
  try {
    parsed = format === 'claims-csv' || format === 'forecasts-csv' ? await readCsvExports(ledger, files, format) : await parseWhole(format, path);
  } catch (err) {
    if (err instanceof ImportError) throw new ImportFailure(err.issues.map((i) => toProblem(i, CSV_FORMATS.has(format))));
    throw err;
  }
  notes.push(...parsed.notes);
  const [first, ...rest] = parsed.claims;
  return first ? [{ claim: first, sources: parsed.sources }, ...rest.map((claim) => ({ claim, sources: [] }))] : [];
}

async function importClaims(ledger: Ledger, files: Files, format: Exclude<Format, 'jsonl'>, opts: ImportOptions): Promise<ImportSummary> {
  const notes: string[] = [];
  const source = await items(ledger, format, files, opts, notes);
  const client = ledger.db.client;
  const knownSources = new Set((await allSources(client)).map((s) => s.id));
  const run = new ClaimImport(ledger, format, knownSources, await recordedClaimIds(client), opts.onProgress);
  let result: { count: number; head: { hash: string } | null } = { count: 0, head: null };
  try {
    result = await ledger.appendAll(run.commands(source), { dryRun: opts.dryRun, actor: opts.actor ?? null, onRefused: (_i, err) => run.refused(err) });
  } catch (err) {
    // The parser's own problems come at the end of a streamed file, with those the rules found.
    const cause = err instanceof BulkError ? err.cause : err;
    if (cause instanceof ImportError) throw new ImportFailure([...cause.issues.map((i) => toProblem(i, CSV_FORMATS.has(format))), ...run.problems]);
    if (!(cause instanceof ProblemsFound) && !(err instanceof BulkError && run.current)) throw err;
    if (!(cause instanceof ProblemsFound)) run.report(undefined, run.current!.claim, (err as Error).message);
  }
  if (run.problems.length > 0) throw new ImportFailure(run.problems);
  const named = files.forecasts ? 'claims-csv+forecasts-csv' : format;
  return { format: named, dryRun: Boolean(opts.dryRun), claims: run.claims, events: { appended: result.count }, problems: [], notes, head: result.head?.hash ?? null };
}
