/**
 * Issue 17 through the ledger: Metaculus multiple-choice, numeric and date questions and
 * Fatebook multiple-choice ones import through the same rules as every command, again adds
 * nothing, a contradicting resolution is refused naming where the file says it, and a forecast
 * the rules refuse is named by its JSON path with nothing written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import { runImport } from '../../src/import/run-import.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { FIXTURES } from '../cli/helpers.js';
import { freshDb } from '../helpers/db.js';

const db = await freshDb();
const ledger = new Ledger(db);
const write = (name: string, text: string) => {
  const path = join(db.dir, name);
  writeFileSync(path, text);
  return path;
};
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('importing questions that are not yes/no, twice', () => {
  it.each([
    ['metaculus-post-numeric.json', 'metaculus-38664', 'numeric'],
    ['metaculus-post-date.json', 'metaculus-5121', 'date'],
    ['metaculus-post-multiple-choice.json', 'metaculus-38601', 'multiple-choice'],
    ['fatebook-export-multiple-choice.csv', 'fatebook-who-wins-eurovision-2025-20250401095812', 'multiple-choice'],
  ])('%s: recorded with its question type; the second import adds nothing', async (file, id, type) => {
    const first = await runImport(ledger, join(FIXTURES, file));
    expect(first.claims.created).toBe(1);
    const row = (await db.client.execute({ sql: 'SELECT question_type, status FROM claims WHERE id = ?', args: [id] })).rows[0];
    expect(row?.question_type).toBe(type);
    const forecasts = (await db.client.execute({ sql: 'SELECT count(*) AS n FROM question_forecasts WHERE claim_id = ?', args: [id] })).rows[0];
    expect(Number(forecasts?.n)).toBeGreaterThan(0);
    const events = await eventCount(db.client);
    const again = await runImport(ledger, join(FIXTURES, file));
    expect(again).toMatchObject({ claims: { created: 0, updated: 0, unchanged: 1 }, events: { appended: 0 }, problems: [] });
    expect(await eventCount(db.client)).toBe(events);
  });

  it('the numeric question resolved with its value; the Fatebook one with the option marked YES', async () => {
    const value = async (id: string) => (await db.client.execute({ sql: 'SELECT r.value FROM claims c JOIN resolutions r ON r.seq = c.resolution_seq WHERE c.id = ?', args: [id] })).rows[0]?.value;
    expect(await value('metaculus-38664')).toBe('10');
    expect(await value('fatebook-who-wins-eurovision-2025-20250401095812')).toBe('"Austria"');
  });
});

describe('a later export that contradicts the record, or a forecast the rules refuse', () => {
  it('a different resolution value is refused naming its JSON path; nothing is written', async () => {
    const target = await freshDb();
    const into = new Ledger(target);
    await runImport(into, join(FIXTURES, 'metaculus-post-numeric.json'));
    const before = await eventCount(target.client);
    const post = JSON.parse(fixture('metaculus-post-numeric.json'));
    post.question.resolution = '12';
    const err = await runImport(into, write('numeric-12.json', JSON.stringify(post))).catch((e: unknown) => e);
    expect((err as { problems: unknown[] }).problems).toEqual([
      { pointer: '/resolution', message: expect.stringContaining('is resolved resolved 10 known on 2025-09-01T05:00:00Z in the record, resolved 12') },
    ]);
    expect(await eventCount(target.client)).toBe(before);
  });

  it('a CDF with mass below a closed lower bound is refused naming the point it came from', async () => {
    const target = await freshDb();
    const post = JSON.parse(fixture('metaculus-post-numeric.json'));
    const latest = post.question.aggregations.recency_weighted.latest;
    latest.forecast_values = latest.forecast_values.map((v: number, i: number) => (i === 0 ? 0.01 : v));
    const err = await runImport(new Ledger(target), write('numeric-bad.json', JSON.stringify(post))).catch((e: unknown) => e);
    const problems = (err as { problems: Array<{ pointer?: string; message: string }> }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.pointer).toBe('/question/aggregations/recency_weighted/latest');
    expect(await eventCount(target.client)).toBe(0);
  });
});
