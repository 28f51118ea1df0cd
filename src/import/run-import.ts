import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { allSources } from '../db/queries.js';
import { GENESIS_HASH } from '../domain/canonical.js';
import type { ImportBundle, LedgerEvent } from '../domain/types.js';
import { detectFormat, parseClaimReview, parseFatebookCsv, parseMetaculusJson, streamReckonCsv, ImportError } from '../interop/index.js';
import type { Command } from '../ledger/commands.js';
import { BulkError, type Ledger } from '../ledger/ledger.js';
import { checkLink } from '../ledger/verify.js';
import { bundleCommands, claimCommands } from './bundle.js';
import { parseBundle } from './load-bundle.js';

export const IMPORT_FORMATS = ['auto', 'reckon-jsonl', 'bundle', 'csv', 'fatebook', 'metaculus', 'claimreview'] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  format?: ImportFormatName;
  /** Reckon CSV: { reckonColumn: 'Their Header' }. */
  map?: Record<string, string>;
  dryRun?: boolean;
  actor?: string | null;
  /** Progress in input lines (CSV, JSON Lines) or items. */
  onProgress?: (done: number) => void;
}

export interface ImportSummary {
  format: Exclude<ImportFormatName, 'auto'>;
  events: number;
  claims: number;
  dryRun: boolean;
  head: string | null;
  notes: string[];
}

/** A problem with the input, named by line (and field) where there is one. */
export class ImportFailure extends Error {
  constructor(readonly problems: Array<{ line?: number; field?: string; message: string }>) {
    super(problems.map((p) => `${p.line ? `line ${p.line}: ` : ''}${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n'));
  }
}

async function sniff(path: string): Promise<Exclude<ImportFormatName, 'auto'>> {
  const head = await new Promise<string>((resolve, reject) => {
    let text = '';
    createReadStream(path, { encoding: 'utf8', start: 0, end: 65535 })
      .on('data', (d) => (text += d))
      .on('end', () => resolve(text))
      .on('error', reject);
  });
  if (/^\s*\{[\s\S]*"format"\s*:\s*"reckon-bundle"/.test(head)) return 'bundle';
  const detected = detectFormat(path, head);
  return detected;
}

/** "line 12" → 12. */
const lineOf = (origin: string | undefined) => (origin && /^line (\d+)$/.exec(origin) ? Number(origin.slice(5)) : undefined);

/** Import a file of any supported format in ONE transaction: all of it or nothing. */
export async function runImport(ledger: Ledger, path: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const format = !opts.format || opts.format === 'auto' ? await sniff(path) : opts.format;
  if (format === 'reckon-jsonl') return importLedgerExport(ledger, path, opts);
  const existing = new Set((await allSources(ledger.db.client)).map((s) => s.id));
  const where: { origin?: string } = {};
  let claims = 0;
  let notes: string[] = [];
  let commands: Iterable<Command> | AsyncIterable<Command>;
  if (format === 'csv') {
    commands = (async function* () {
      for await (const { claim, sources } of streamReckonCsv(createReadStream(path), { map: opts.map })) {
        for (const s of sources) if (!existing.has(s.id)) yield { type: 'source.register', input: s } as Command;
        where.origin = claim.origin;
        claims++;
        const line = lineOf(claim.origin);
        if (line !== undefined && claims % 1000 === 0) opts.onProgress?.(line);
        yield* claimCommands(claim);
      }
    })();
  } else {
    const bundle = await parseWhole(format, path);
    notes = bundle.notes;
    claims = bundle.claims.length;
    commands = (function* () {
      for (const c of bundleCommands({ sources: bundle.sources, claims: [] }, existing)) yield c;
      for (const claim of bundle.claims) {
        where.origin = claim.origin;
        yield* claimCommands(claim);
      }
    })();
  }
  try {
    const { count, head } = await ledger.appendAll(commands, { dryRun: opts.dryRun, actor: opts.actor ?? null });
    return { format, events: count, claims, dryRun: Boolean(opts.dryRun), head: head?.hash ?? null, notes };
  } catch (err) {
    throw explain(err, where.origin);
  }
}

async function parseWhole(format: 'bundle' | 'fatebook' | 'metaculus' | 'claimreview', path: string): Promise<ImportBundle & { notes: string[] }> {
  const text = await readFile(path, 'utf8');
  if (format === 'bundle') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ImportFailure([{ message: 'the file is not valid JSON' }]);
    }
    return { ...parseBundle(value), notes: [] };
  }
  const parsed = format === 'fatebook' ? parseFatebookCsv(text) : format === 'metaculus' ? parseMetaculusJson(text) : parseClaimReview(text);
  return { ...parsed, notes: parsed.notes.map((n) => `${n.line ? `line ${n.line}: ` : ''}${n.field ? `${n.field}: ` : ''}${n.message}`) };
}

/** Turn a parser or rule error into an ImportFailure that names the line. */
function explain(err: unknown, origin: string | undefined): unknown {
  if (err instanceof ImportError) return new ImportFailure(err.issues);
  // A streamed parser throws while the ledger pulls from it: its issues name their own lines.
  if (err instanceof BulkError && err.cause instanceof ImportError) return new ImportFailure(err.cause.issues);
  if (err instanceof BulkError) {
    const cause = err.cause as { message?: string; pointer?: string };
    return new ImportFailure([{ line: lineOf(origin), field: cause.pointer?.replace(/^\//, ''), message: `${cause.message ?? String(err.cause)}${origin && !lineOf(origin) ? ` (${origin})` : ''}` }]);
  }
  const issues = (err as { issues?: Array<{ pointer: string; message: string }> }).issues;
  if (Array.isArray(issues)) return new ImportFailure(issues.map((i) => ({ field: i.pointer, message: i.message })));
  return err;
}

async function* jsonLines(path: string): AsyncGenerator<{ line: number; event: LedgerEvent }> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (!text.trim()) continue;
    let event: LedgerEvent;
    try {
      event = JSON.parse(text) as LedgerEvent;
    } catch {
      throw new ImportFailure([{ line, message: 'not valid JSON' }]);
    }
    yield { line, event };
  }
}

/**
 * Reckon's own export: verify the whole chain first (naming the first line that does not
 * verify), then append every event verbatim, so the head hash is reproduced.
 */
async function importLedgerExport(ledger: Ledger, path: string, opts: ImportOptions): Promise<ImportSummary> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let claims = 0;
  for await (const { line, event } of jsonLines(path)) {
    const problem = checkLink(event, prev);
    if (problem) throw new ImportFailure([{ line, message: `the chain does not verify here: ${problem}` }]);
    prev = { seq: event.seq, hash: event.hash };
    if (event.type === 'claim.created') claims++;
  }
  const where = { line: 0 };
  const commands = (async function* () {
    for await (const { line, event } of jsonLines(path)) {
      where.line = line;
      if (line % 10_000 === 0) opts.onProgress?.(line);
      yield { type: 'event.import', event } as Command;
    }
  })();
  try {
    const { count, head } = await ledger.appendAll(commands, { dryRun: opts.dryRun });
    return { format: 'reckon-jsonl', events: count, claims, dryRun: Boolean(opts.dryRun), head: head?.hash ?? null, notes: [] };
  } catch (err) {
    if (err instanceof BulkError) {
      const msg = err.index === 0 && (err.cause as Error).message.includes('does not continue') ? 'a Reckon export can only be imported into an empty database' : (err.cause as Error).message;
      throw new ImportFailure([{ line: where.line, message: msg }]);
    }
    throw err;
  }
}
