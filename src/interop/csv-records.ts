/**
 * Reads CSV into records tagged with the physical line where each starts, from a string
 * (sync) or a stream of chunks (async). Line endings are normalised to LF first because
 * csv-parse miscounts lines when a quoted cell holds a CRLF.
 */
import { CsvError, parse as parseStream, type Info } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { ImportError } from './errors.js';

/** One CSV record: its cells and the 1-based line it starts on. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** Longest record read (characters): past it the file is not CSV a person wrote, and memory stays bounded. */
export const MAX_RECORD_CHARS = 1_000_000;

const OPTIONS = { info: true, bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_CHARS } as const;

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
  // csv-parse's codes: CSV_… and, for quotes, INVALID_OPENING_QUOTE and the like.
  if (!(error instanceof CsvError) && !(error instanceof Error && 'code' in error && /^(CSV_|INVALID_)/.test(String(error.code)))) return error;
  const line = 'lines' in error && typeof error.lines === 'number' ? error.lines : undefined;
  // Its message quotes the field it failed on, which may be megabytes of anything: cut it.
  const message = error.message.length > 200 ? `${error.message.slice(0, 199)}…` : error.message;
  return new ImportError([{ line, message: `CSV syntax error: ${message}` }]);
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
 * A copy of `s` that keeps no larger string alive. The cells read here are slices of a whole
 * chunk of the file; whatever outlives its row (a cache key, a claim's key) is copied.
 */
export function ownString(s: string): string {
  // V8 copies short slices anyway; a longer one is copied by flattening a concatenation.
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;

/** parseRecord's answers besides a record: the record is cut off, or is not one it reads. */
const MORE = 1;
const OTHER = 2;

/**
 * Reads plain CSV quickly, record by record, as csv-parse does with OPTIONS: fields split by
 * commas, records by LF, a field either unquoted (no quote in it) or quoted from its first
 * character (`""` for a quote, line breaks allowed) and followed by a comma or the record's
 * end, empty lines skipped. At anything else (a stray quote, an unclosed quote) it stops, and
 * the caller hands the rest to csv-parse, which reads it exactly as before and names the error.
 */
class PlainCsvReader {
  private buf = '';
  private pos = 0;
  /** The physical line at `pos`. */
  line = 1;
  private first = true;

  push(text: string): void {
    if (this.first) {
      this.first = false;
      // bom: true (bytes come without it: TextDecoder drops it).
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
  }

  /** Characters waiting in the buffer (a record not yet complete). */
  get pending(): number {
    return this.buf.length - this.pos;
  }

  /** What is left unread, from the start of the record being read. */
  rest(): string {
    return this.buf.slice(this.pos);
  }

  /** Reads the records complete in the buffer (all of them when `final`) into `out`; false if one is not plain. */
  read(final: boolean, out: CsvRecord[]): boolean {
    for (;;) {
      const buf = this.buf;
      // skip_empty_lines
      while (this.pos < buf.length && buf.charCodeAt(this.pos) === LF) {
        this.pos++;
        this.line++;
      }
      if (this.pos >= buf.length) return true;
      const cells: string[] = [];
      const end = parseRecord(buf, this.pos, final, cells);
      if (end === MORE) return true;
      if (end === OTHER) return false;
      out.push({ cells, line: this.line });
      for (let i = this.pos; i < end.next; i++) if (buf.charCodeAt(i) === LF) this.line++;
      this.pos = end.next;
    }
  }
}

/**
 * One record from `start`: its cells into `cells` and where the next record starts; MORE if
 * the buffer ends inside it (and more may come), OTHER if it is not plain CSV.
 */
function parseRecord(buf: string, start: number, final: boolean, cells: string[]): { next: number } | typeof MORE | typeof OTHER {
  const n = buf.length;
  let i = start;
  for (;;) {
    if (i < n && buf.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      let close: number;
      for (;;) {
        close = buf.indexOf('"', from);
        if (close === -1) return final ? OTHER : MORE;
        value += buf.slice(from, close);
        if (close + 1 < n && buf.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        break;
      }
      i = close + 1;
      if (i >= n) {
        if (!final) return MORE;
        // A lone "" as the whole record: csv-parse's empty-record rules decide; leave it to it.
        if (cells.length === 0 && value === '') return OTHER;
        cells.push(value);
        return { next: i };
      }
      const c = buf.charCodeAt(i);
      if (c === COMMA) {
        cells.push(value);
        i++;
        continue;
      }
      if (c === LF) {
        if (cells.length === 0 && value === '') return OTHER;
        cells.push(value);
        return { next: i + 1 };
      }
      return OTHER;
    }
    let j = i;
    let c = -1;
    while (j < n) {
      c = buf.charCodeAt(j);
      if (c === COMMA || c === LF || c === QUOTE) break;
      j++;
    }
    if (j >= n) {
      if (!final) return MORE;
      cells.push(buf.slice(i, j));
      return { next: j };
    }
    if (c === QUOTE) return OTHER;
    cells.push(buf.slice(i, j));
    if (c === LF) return { next: j + 1 };
    i = j + 1;
  }
}

/**
 * Streams records one at a time, holding at most one input chunk's records. Plain CSV is
 * read by PlainCsvReader; from the first record it does not read, csv-parse takes over.
 * That parser is driven by hand (write a chunk, read its records, then the next chunk)
 * rather than async-iterated, because an iterated stream drops the records parsed before a
 * syntax error, and those must still be checked and reported.
 */
export async function* streamCsvRecords(input: CsvInput): AsyncGenerator<CsvRecord> {
  for await (const batch of streamCsvRecordBatches(input)) yield* batch;
}

/** streamCsvRecords, a chunk's records at a time (no wait per record). */
export async function* streamCsvRecordBatches(input: CsvInput): AsyncGenerator<CsvRecord[]> {
  const plain = new PlainCsvReader();
  const chunks = normalisedChunks(input);
  try {
    let handOver: string | null = null;
    for (;;) {
      const next = await chunks.next();
      if (!next.done) plain.push(next.value);
      const batch: CsvRecord[] = [];
      // A record longer than any a person writes (an unclosed quote) goes to csv-parse, which refuses it.
      const ok = plain.read(Boolean(next.done), batch) && plain.pending <= MAX_RECORD_CHARS;
      if (batch.length > 0) yield batch;
      if (!ok) {
        // csv-parse reads on from the record the plain reader stopped at; empty lines before
        // it (skipped) keep its line numbers those of the file.
        handOver = '\n'.repeat(plain.line - 1) + plain.rest();
        break;
      }
      if (next.done) return;
    }
    yield* parseRest(handOver, chunks);
  } finally {
    // Stop reading the input when the caller stops early.
    await chunks.return(undefined);
  }
}

/** csv-parse over `head` and then the chunks still to come. */
async function* parseRest(head: string, chunks: AsyncIterator<string>): AsyncGenerator<CsvRecord[]> {
  // The file's BOM, if any, is gone already: another one here is text, as it was before.
  const parser = parseStream({ ...OPTIONS, bom: false });
  let failure: unknown;
  parser.on('error', (error) => {
    failure ??= error;
  });
  function drain(): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (let item = parser.read(); item !== null; item = parser.read()) {
      const { record, info } = item as { record: string[]; info: Info };
      out.push({ cells: record, line: startLine(record, info) });
    }
    return out;
  }
  async function* rest(): AsyncGenerator<string> {
    yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  try {
    for await (const chunk of rest()) {
      if (!chunk) continue;
      let written = false;
      parser.write(chunk, () => (written = true));
      // The write completes once its records are read (backpressure), so read while waiting.
      for (;;) {
        const batch = drain();
        if (batch.length > 0) yield batch;
        if (written || failure) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (failure) break;
    }
    if (!failure) {
      await new Promise((resolve) => {
        parser.once('finish', resolve).once('error', resolve).end();
      });
      const batch = drain();
      if (batch.length > 0) yield batch;
    }
    if (failure) throw toImportError(failure);
  } finally {
    parser.destroy();
  }
}
