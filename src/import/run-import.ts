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
import type { ImportClaim, SourcePayload } from '../domain/types.js';
import { detectFormat, ImportError, MAX_ISSUES, streamReckonCsv, whereOf } from '../interop/index.js';
import type { Command } from '../ledger/commands.js';
import { BulkError, type Ledger } from '../ledger/ledger.js';
import { claimCommands, derivedClaimId } from './bundle.js';
import { importLedgerExport } from './import-ledger.js';
import { parseWhole, readCsvExports, type Files } from './parse-whole.js';
import { escapeControl, ImportFailure, toPointer, toProblem, type Problem } from './problems.js';
import { readRecordedClaim, recordedClaimIds } from './recorded.js';
import { isUnchanged, syncClaim } from './sync.js';

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

/** Thrown at the end of the commands when problems were found, so that the ledger writes nothing. */
class ProblemsFound extends Error {}

const CSV_FORMATS: ReadonlySet<Format> = new Set(['csv', 'fatebook', 'claims-csv', 'forecasts-csv']);

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

/** A claim with the sources it is the first to mention. */
type Item = { claim: ImportClaim; sources: SourcePayload[] };

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

/**
 * Where a command's item was read: its own mark, else its claim's (`line 12`, or a path). A
 * rule's pointer names a Reckon field: the column in CSV; in a bundle (Reckon's own shape)
 * it continues the item's pointer; in another JSON format the item's own pointer is kept.
 */
function locate(item: object | undefined, claim: ImportClaim, format: Format, rulePointer?: string): Omit<Problem, 'message'> {
  const csv = CSV_FORMATS.has(format);
  const own = item ? whereOf(item) : undefined;
  const at = own ?? whereOf(claim) ?? (claim.origin && /^line \d+$/.test(claim.origin) ? { line: Number(claim.origin.slice(5)) } : claim.origin ? { field: claim.origin } : {});
  const problem: Omit<Problem, 'message'> = {};
  if (at.line !== undefined) problem.line = at.line;
  const base = at.field ? toPointer(at.field) : '';
  if (csv) {
    if (rulePointer) problem.column = rulePointer.replace(/^\//, '');
  } else if (base && format !== 'bundle') problem.pointer = base;
  else if (base || rulePointer) problem.pointer = `${base}${rulePointer ?? ''}`;
  return problem;
}

async function importClaims(ledger: Ledger, files: Files, format: Exclude<Format, 'jsonl'>, opts: ImportOptions): Promise<ImportSummary> {
  const csv = CSV_FORMATS.has(format);
  const notes: string[] = [];
  const source = await items(ledger, format, files, opts, notes);
  const client = ledger.db.client;
  const knownSources = new Set((await allSources(client)).map((s) => s.id));
  const knownClaims = await recordedClaimIds(client);
  const claims = { created: 0, updated: 0, unchanged: 0 };
  const problems: Problem[] = [];
  const refusedClaims = new Set<string>();
  let current: { cmd: Command; claim: ImportClaim } | undefined;
  const report = (item: object | undefined, claim: ImportClaim, message: string, pointer?: string) => {
    if (problems.length < MAX_ISSUES) problems.push({ ...locate(item, claim, format, pointer), message: escapeControl(message) });
  };
  const commands = (async function* (): AsyncGenerator<Command> {
    let n = 0;
    for await (const { claim, sources } of source) {
      // Enough is listed: the rest of the file is not read.
      if (problems.length >= MAX_ISSUES) return;
      if (++n % 1000 === 0) opts.onProgress?.(Number(/^line (\d+)$/.exec(claim.origin ?? '')?.[1] ?? n));
      for (const s of sources) {
        if (knownSources.has(s.id)) continue;
        knownSources.add(s.id);
        current = { cmd: { type: 'source.register', input: s }, claim };
        yield current.cmd;
      }
      claim.id ??= derivedClaimId(format, claim);
      const onProblem = (item: object, err: { message: string; pointer?: string }) => report(item, claim, err.message, err.pointer);
      let cmds: Iterable<Command>;
      const recorded = knownClaims.has(claim.id) ? await readRecordedClaim(client, claim.id) : null;
      if (recorded) {
        const { delta, recorded: parts, contradictions } = syncClaim(claim, recorded);
        for (const c of contradictions) report(c.item, claim, c.message, `/${c.field}`);
        if (isUnchanged(delta)) {
          claims.unchanged++;
          continue;
        }
        claims.updated++;
        cmds = claimCommands(delta, { recorded: parts, onProblem });
      } else {
        claims.created++;
        cmds = claimCommands(claim, { onProblem });
      }
      for (const cmd of cmds) {
        if (refusedClaims.has(claim.id)) break;
        current = { cmd, claim };
        yield cmd;
      }
    }
    // Problems found here (not by the ledger's rules) must stop the commit too.
    if (problems.length > 0) throw new ProblemsFound();
  })();
  const onRefused = (_index: number, err: unknown) => {
    if (!current) return;
    const { cmd, claim } = current;
    if (cmd.type === 'claim.create') refusedClaims.add(claim.id!);
    const item = cmd.type === 'forecast.record' || cmd.type === 'stance.record' ? cmd.input : undefined;
    const e = err as { message?: string; pointer?: string };
    report(item, claim, e.message ?? String(err), e.pointer);
  };
  let result: { count: number; head: { hash: string } | null };
  try {
    result = await ledger.appendAll(commands, { dryRun: opts.dryRun, actor: opts.actor ?? null, onRefused });
  } catch (err) {
    // The parser's own problems come at the end of a streamed file, with those the rules found.
    const cause = err instanceof BulkError ? err.cause : err;
    if (cause instanceof ImportError) throw new ImportFailure([...cause.issues.map((i) => toProblem(i, csv)), ...problems]);
    if (cause instanceof ProblemsFound) throw new ImportFailure(problems);
    if (err instanceof BulkError && current) report(undefined, current.claim, err.message);
    else throw err;
    result = { count: 0, head: null };
  }
  if (problems.length > 0) throw new ImportFailure(problems);
  const named = files.forecasts ? 'claims-csv+forecasts-csv' : format;
  return { format: named, dryRun: Boolean(opts.dryRun), claims, events: { appended: result.count }, problems: [], notes, head: result.head?.hash ?? null };
}
