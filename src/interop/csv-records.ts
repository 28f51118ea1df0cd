/**
 * Reads CSV into records tagged with the physical line where each starts, from a string
 * (sync) or a stream of chunks (async). Line endings are normalised to LF first because
 * csv-parse miscounts lines when a quoted cell holds a CRLF.
 */
import { parse as parseStream, type Info } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { ImportError } from './errors.js';

/** One CSV record: its cells and the 1-based line it starts on. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

const OPTIONS = { info: true, bom: true, skip_empty_lines: true, relax_column_count: true } as const;

/** Rewrites CRLF and lone CR as LF. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The line a record starts on: the line it ends on minus the line breaks inside its cells. */
function startLine(cells: string[], info: Info): number {
  let breaks = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) breaks++;
  return info.lines - breaks;
}

/** Turns a csv-parse syntax error (unclosed quote…) into an ImportError with its line. */
function toImportError(error: unknown): unknown {
  if (!(error instanceof Error) || !('code' in error) || !String(error.code).startsWith('CSV_')) return error;
  const line = 'lines' in error && typeof error.lines === 'number' ? error.lines : undefined;
  return new ImportError([{ line, message: `CSV syntax error: ${error.message}` }]);
}

/** All records of a CSV text. Throws ImportError on a CSV syntax error. */
export function readCsvRecords(text: string): CsvRecord[] {
  try {
    const rows = parseSync(normaliseNewlines(text), OPTIONS) as unknown as Array<{ record: string[]; info: Info }>;
    return rows.map(({ record, info }) => ({ cells: record, line: startLine(record, info) }));
  } catch (error) {
    throw toImportError(error);
  }
}

/** Anything CSV text can stream from: a Node stream, chunks of text or bytes. */
export type CsvInput = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Decodes chunks as UTF-8 and normalises line endings, holding back a trailing CR. */
async function* normalisedChunks(input: CsvInput): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  for await (const chunk of input as AsyncIterable<string | Uint8Array>) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    // A CR at the end may be the first half of a CRLF split across chunks.
    carry = text.endsWith('\r') ? '\r' : '';
    const body = carry ? text.slice(0, -1) : text;
    if (body) yield normaliseNewlines(body);
  }
  const rest = carry + decoder.decode();
  if (rest) yield normaliseNewlines(rest);
}

/**
 * Streams records one at a time, holding at most one input chunk's records. The parser is
 * driven by hand (write a chunk, read its records, then the next chunk) rather than
 * async-iterated, because an iterated stream drops the records parsed before a syntax
 * error, and those must still be checked and reported.
 */
export async function* streamCsvRecords(input: CsvInput): AsyncGenerator<CsvRecord> {
  const parser = parseStream(OPTIONS);
  let failure: unknown;
  parser.on('error', (error) => {
    failure ??= error;
  });
  function* drain(): Generator<CsvRecord> {
    for (let item = parser.read(); item !== null; item = parser.read()) {
      const { record, info } = item as { record: string[]; info: Info };
      yield { cells: record, line: startLine(record, info) };
    }
  }
  try {
    for await (const chunk of normalisedChunks(input)) {
      let written = false;
      parser.write(chunk, () => (written = true));
      // The write completes once its records are read (backpressure), so read while waiting.
      for (;;) {
        yield* drain();
        if (written || failure) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (failure) break;
    }
    if (!failure) {
      await new Promise((resolve) => {
        parser.once('finish', resolve).once('error', resolve).end();
      });
      yield* drain();
    }
    if (failure) throw toImportError(failure);
  } finally {
    parser.destroy();
  }
}
