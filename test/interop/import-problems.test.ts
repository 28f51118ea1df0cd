/**
 * Issue 13 item 6: a CSV probability column is read one way for the whole file; every
 * problem names its own line and column (or pointer), all of them are reported and nothing
 * is written; csv-parse errors come in the same shape; control characters from the input
 * are escaped; an empty file is an error in every format; ForecastBench is not Metaculus.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import { ImportFailure, runImport, type ImportFormatName } from '../../src/import/run-import.js';
import { detectFormat, ImportError } from '../../src/interop/index.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb } from '../helpers/db.js';

const db = await freshDb();
const ledger = new Ledger(db);
let n = 0;
const write = (text: string, name = `f${++n}.csv`) => {
  const path = join(db.dir, name);
  writeFileSync(path, text);
  return path;
};
const HEADER = 'question,kind,criteria,deadline,source,probability,made at,outcome,resolved on';
const row = (q: string, p: string, day = 1) => `${q},prediction,Yes if so.,2030-01-01,Fay Forecaster,${p},2025-01-0${day},,`;
const failure = async (path: string, format?: ImportFormatName) => {
  const err = await runImport(ledger, path, { format }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ImportFailure);
  return (err as ImportFailure).problems;
};
const probabilities = async (claim: string) =>
  (await db.client.execute({ sql: 'SELECT probability FROM forecasts WHERE claim_id LIKE ? ORDER BY made_at', args: [`${claim}%`] })).rows.map((r) => Number(r.probability));

describe('the CSV probability column is read one way for the whole file', () => {
  it('a column that mixes fractions and percentages is refused at the first value that does not fit, naming line and column', async () => {
    const before = await eventCount(db.client);
    const problems = await failure(write([HEADER, row('Will A?', '0.2'), row('Will B?', '1.5'), row('Will C?', '0.6')].join('\n')));
    expect(problems).toEqual([{ line: 3, column: 'probability', message: expect.stringMatching(/^"1\.5" is a percentage, but this column's bare numbers are fractions \(line 2: "0\.2"\)/) }]);
    expect(await eventCount(db.client)).toBe(before);
  });

  it('bare numbers all in [1, 100] are percentages (1 is 1 %), all in (0, 1) fractions; 70% is always a percentage', async () => {
    await runImport(ledger, write([HEADER, row('Will pct?', '1'), row('Will pct?', '40', 2), row('Will pct?', '70%', 3)].join('\n')));
    expect(await probabilities('will-pct')).toEqual([0.01, 0.4, 0.7]);
    await runImport(ledger, write([HEADER, row('Will frac?', '0.05'), row('Will frac?', '0.5', 2), row('Will frac?', '70%', 3)].join('\n')));
    expect(await probabilities('will-frac')).toEqual([0.05, 0.5, 0.7]);
  });
});

describe('every problem, each with its own line', () => {
  it('a rule error on line 4 of a claim that began on line 2 names line 4, and the one on line 5 is reported too', async () => {
    const before = await eventCount(db.client);
    const problems = await failure(write([HEADER, row('Will D?', '0.3', 1), row('Will D?', '0.4', 2), row('Will D?', '0.001', 3), row('Will E?', '0.999', 4)].join('\n')));
    expect(problems).toEqual([
      { line: 4, column: 'probability', message: "Probability must be between 0.01 and 0.99, the bounds of this instance's rules (this one is 0.001)." },
      { line: 5, column: 'probability', message: "Probability must be between 0.01 and 0.99, the bounds of this instance's rules (this one is 0.999)." },
    ]);
    expect(await eventCount(db.client)).toBe(before);
  });

  it('parser problems and rule problems of one file are reported together, in line order', async () => {
    const problems = await failure(write([HEADER, row('Will F?', '0.001'), row('Will G?', 'maybe'), row('Will H?', '0.999')].join('\n')));
    expect(problems.map((p) => [p.line, p.column])).toEqual([[2, 'probability'], [3, 'probability'], [4, 'probability']]);
  });

  it('a csv-parse syntax error comes in the same shape, with the problems before it', async () => {
    const problems = await failure(write([HEADER, row('Will I?', 'zero'), 'Will J?,"prediction,Yes,2030-01-01,Fay,0.5,2025-01-01,,'].join('\n')));
    expect(problems).toEqual([
      { line: 2, column: 'probability', message: expect.any(String) },
      { line: 3, message: expect.stringMatching(/^CSV syntax error: /) },
    ]);
  });

  it('terminal control characters from the input are escaped in every message', async () => {
    const problems = await failure(write([HEADER, row('Will K?', '\u001b[2J\u001b]0;pwned\u0007')].join('\n')));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('\\x1b[2J\\x1b]0;pwned\\x07');
    // eslint-disable-next-line no-control-regex
    expect(JSON.stringify(problems)).not.toMatch(/\\u00(1b|07)/);
  });

  it('a bundle names each problem by JSON Pointer', async () => {
    const bundle = { sources: [{ id: 'fay', name: 'Fay', type: 'forecaster' }], claims: [{ id: 'bundle-x', kind: 'prediction', title: 'X', statement: 'X?', resolutionCriteria: 'C', deadline: '2030-01-01', forecasts: [{ sourceId: 'fay', probability: 0.5, madeAt: '2025-01-01' }, { sourceId: 'fay', probability: 0.995, madeAt: '2025-01-02' }] }] };
    const problems = await failure(write(JSON.stringify(bundle), 'b.json'), 'bundle');
    expect(problems).toEqual([{ pointer: '/claims/0/forecasts/1/probability', message: "Probability must be between 0.01 and 0.99, the bounds of this instance's rules (this one is 0.995)." }]);
  });
});

describe('files that are not what they seem', () => {
  it.each(['csv', 'fatebook', 'metaculus', 'claimreview', 'bundle', 'jsonl', 'auto'] as const)('an empty file is an error (--format %s)', async (format) => {
    for (const text of ['', '\n  \n']) {
      expect(await failure(write(text, `empty-${format}-${text.length}.txt`), format)).toEqual([{ line: 1, message: 'the file is empty' }]);
    }
  });

  it('ForecastBench question and resolution sets are not taken for Metaculus questions', async () => {
    // Excerpts of ForecastBench's published sets, copied from shared/interop-samples/forecastbench.
    const dir = fileURLToPath(new URL('../fixtures/interop/forecastbench', import.meta.url));
    for (const file of readdirSync(dir)) {
      expect(() => detectFormat(file, readFileText(join(dir, file)))).toThrow(ImportError);
      expect(() => detectFormat(file, readFileText(join(dir, file)))).toThrow(/ForecastBench/);
      const problems = await failure(join(dir, file));
      expect(problems[0]?.message).toMatch(/ForecastBench question or resolution set, which Reckon does not import/);
    }
  });
});

function readFileText(path: string): string {
  return readFileSync(path, 'utf8');
}
