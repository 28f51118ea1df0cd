import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, streamCsvRecords, type CsvRecord } from '../../src/interop/csv-records.js';

/** What csv-parse makes of the whole text at once: the records, or the error's issues. */
function reference(text: string): { records: CsvRecord[] } | { error: unknown } {
  try {
    return { records: readCsvRecords(text) };
  } catch (error) {
    return { error: (error as { issues?: unknown }).issues ?? String(error) };
  }
}

/** The streaming reader over `text` cut into pieces at `cuts`, as strings or as UTF-8 bytes. */
async function streamed(text: string, cuts: number[], bytes: boolean): Promise<{ records: CsvRecord[] } | { error: unknown }> {
  const pieces: Array<string | Uint8Array> = [];
  const whole = bytes ? new TextEncoder().encode(text) : text;
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= whole.length) continue;
    // Text is cut between characters (csv-parse, as before, cannot rejoin a split surrogate pair).
    if (!bytes && /[\uDC00-\uDFFF]/.test(text[cut] ?? '')) continue;
    pieces.push(whole.slice(at, cut));
    at = cut;
  }
  pieces.push(whole.slice(at));
  const records: CsvRecord[] = [];
  try {
    for await (const r of streamCsvRecords(pieces)) records.push(r);
    return { records };
  } catch (error) {
    return { error: (error as { issues?: unknown }).issues ?? String(error) };
  }
}

const piece = fc.constantFrom('a', 'bc', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', ' ', 'é', '😀', '\uFEFF');
const csvText = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
/** Mostly well-formed CSV: quoted and plain cells, blank lines, a stray quote now and then. */
const cell = fc.oneof(
  fc.stringMatching(/^[a-z é,]{0,6}$/).map((s) => s.replace(/,/g, '')),
  fc.stringMatching(/^[a-z ,"\n]{0,8}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
  fc.constantFrom('', '"', 'a"b', '"x" ', '""'),
);
const csvRows = fc
  .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 })
  .chain((rows) => fc.tuple(fc.constant(rows), fc.array(fc.constantFrom('\n', '\r\n', '\n\n'), { minLength: rows.length, maxLength: rows.length }), fc.boolean()))
  .map(([rows, ends, last]) => rows.map((r, i) => r.join(',') + (i < rows.length - 1 || last ? ends[i] : '')).join(''));

describe('streamCsvRecords', () => {
  it('reads exactly what csv-parse reads (records, lines, errors), however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvText, csvRows), fc.array(fc.nat(80), { maxLength: 6 }), fc.boolean(), async (text, cuts, bytes) => {
        // Bytes are decoded first, and TextDecoder drops a leading BOM before csv-parse's own `bom`.
        expect(await streamed(text, cuts, bytes)).toEqual(reference(bytes ? new TextDecoder().decode(new TextEncoder().encode(text)) : text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a quoted cell with commas, quotes and line breaks, and names each record by its first line', async () => {
    const text = 'a,b\n"x, ""y""\nz",2\n\n3,"4"\n';
    expect(await streamed(text, [5, 9], false)).toEqual({
      records: [
        { cells: ['a', 'b'], line: 1 },
        { cells: ['x, "y"\nz', '2'], line: 2 },
        { cells: ['3', '4'], line: 5 },
      ],
    });
  });

  it('hands a stray quote to csv-parse, which names its line', async () => {
    const result = await streamed('a,b\n1,2\n3,x"y\n', [], false);
    expect(result).toEqual(reference('a,b\n1,2\n3,x"y\n'));
    expect(JSON.stringify(result)).toMatch(/line 3/);
  });
});
