/**
 * `reckon import` through a child process: every format from its sample file, --dry-run,
 * --map, and files with a bad row, which must import nothing and name the row's line.
 * Each test has its own database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, expectFailure, FIXTURES, ROOT, run, seedDemo, tempHome, type Home } from './helpers.js';

/** What the database holds: claim statuses in creation order, and events per type. */
async function contents(home: Home) {
  return home.sqlite(async (c) => {
    const claims = await c.execute('SELECT status FROM claims ORDER BY created_seq');
    const types = await c.execute('SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type');
    return { statuses: claims.rows.map((r) => String(r.status)), events: Object.fromEntries(types.rows.map((r) => [String(r.type), Number(r.n)])) };
  });
}

const CSV_HEADER = 'question,kind,criteria,deadline,source,probability,made at,outcome,resolved on';
const goodRow = (i: number) => `Will thing ${i} happen?,prediction,Yes if it happens by 2030.,2030-01-01,Fay Forecaster,0.${i},2025-01-0${i},,`;

/** A Reckon CSV whose physical line `bad` (1 = header) carries `row` instead of a good row. */
function csvWithBadLine(home: Home, name: string, bad: number, row: string, lines = 8): string {
  const path = join(home.dir, name);
  const rows = Array.from({ length: lines - 1 }, (_, k) => (k + 2 === bad ? row : goodRow(k + 1)));
  writeFileSync(path, `${[CSV_HEADER, ...rows].join('\n')}\n`);
  return path;
}

describe.concurrent('reckon import', { timeout: 180_000 }, () => {
  it('a Reckon bundle (the demo case) lands whole; the summary names claims, events and the head', async () => {
    const home = tempHome();
    const r = await home.reckon('import', DEMO);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = /^imported 9 claims as 56 events from (.+) \(bundle\) in \d+\.\d s; head ([0-9a-f]{64})\n$/.exec(r.stdout);
    expect(m?.[1]).toBe(DEMO);
    const head = await home.sqlite(async (c) => String((await c.execute('SELECT hash FROM events ORDER BY seq DESC LIMIT 1')).rows[0]?.hash));
    expect(m?.[2]).toBe(head);
    expect(await contents(home)).toEqual({
      statuses: ['confirmed', 'open', 'open', 'confirmed', 'refuted', 'refuted', 'confirmed', 'resolved', 'resolved'],
      events: { 'claim.created': 9, 'claim.resolved': 7, 'evidence.recorded': 8, 'forecast.recorded': 11, 'source.registered': 10, 'stance.recorded': 11 },
    });
  });

  const FOREIGN = [
    {
      // Its multiple-choice question imports as one (issue 17).
      file: 'fatebook-export.csv', args: [], format: 'fatebook', claims: 4, note: null,
      statuses: ['confirmed', 'refuted', 'open', 'open'], events: { 'claim.created': 4, 'claim.resolved': 2, 'forecast.recorded': 7, 'source.registered': 2 },
    },
    {
      file: 'fatebook-export-15-columns.csv', args: ['--format', 'fatebook'], format: 'fatebook', claims: 1, note: null,
      statuses: ['annulled'], events: { 'claim.created': 1, 'claim.resolved': 1, 'forecast.recorded': 2, 'source.registered': 1 },
    },
    {
      file: 'metaculus-post-resolved-no.json', args: [], format: 'metaculus', claims: 1, note: /^note: question\.aggregations\.recency_weighted\.history: /,
      statuses: ['refuted'], events: { 'claim.created': 1, 'claim.resolved': 1, 'forecast.recorded': 4, 'source.registered': 1 },
    },
    {
      file: 'claimreview-page.html', args: [], format: 'claimreview', claims: 3, note: null,
      statuses: ['refuted', 'confirmed', 'open'], events: { 'claim.created': 3, 'claim.resolved': 2, 'evidence.recorded': 3, 'source.registered': 3, 'stance.recorded': 3 },
    },
    {
      file: 'factcheck-tools-api.json', args: [], format: 'claimreview', claims: 2, note: null,
      statuses: ['refuted', 'open'], events: { 'claim.created': 2, 'claim.resolved': 1, 'evidence.recorded': 3, 'source.registered': 2, 'stance.recorded': 2 },
    },
  ];

  it.each(FOREIGN)('$file imports as $format from its sample file', async ({ file, args, format, claims, note, statuses, events }) => {
    const home = tempHome();
    const r = await home.reckon('import', join(FIXTURES, file), ...args, '--json');
    expect(r.code, r.stderr).toBe(0);
    if (note) expect(r.stderr).toMatch(note);
    else expect(r.stderr).toBe('');
    const total = Object.values(events).reduce((a, b) => a + b, 0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format, claims: { created: claims, updated: 0, unchanged: 0 }, events: { appended: total }, problems: [], dryRun: false, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await contents(home)).toEqual({ statuses, events });
  });

  it('--dry-run validates and reports what would land, and writes nothing', async () => {
    const home = tempHome();
    const r = await home.reckon('import', DEMO, '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^dry run: would import 9 claims as 56 events from .+ \(bundle\) in \d+\.\d s; nothing was written\n$/);
    expect(await home.events()).toBe(0);
  });

  it('--map reads a spreadsheet with its own headers; without it each unknown column is named on line 1', async () => {
    const home = tempHome();
    const file = join(FIXTURES, 'reckon-mapped.csv');
    const unmapped = await home.reckon('import', file);
    expectFailure(unmapped, /^reckon: nothing was imported: 10 problems in /, /line 1, Claim: unknown column "Claim"/, /line 1, question: missing required column "question"/);
    expect(await home.events()).toBe(0);
    const maps = ['question=Claim', 'criteria=How it resolves', 'tags=Labels', 'source=Forecaster', 'probability=Confidence', 'stance=Position', 'date=Stance date', 'outcome=Result'];
    const mapped = await home.json('import', file, ...maps.flatMap((m) => ['--map', m]));
    expect(mapped).toMatchObject({ format: 'csv', claims: { created: 3 }, events: { appended: 17 } });
    expect(await contents(home)).toEqual({
      statuses: ['confirmed', 'open', 'refuted'],
      events: { 'claim.created': 3, 'claim.resolved': 2, 'forecast.recorded': 5, 'source.registered': 5, 'stance.recorded': 2 },
    });
  });

  it('a CSV with an unreadable value on line 6 imports nothing and names line 6 (--json error on stderr)', async () => {
    const home = tempHome();
    await seedDemo(home);
    const file = csvWithBadLine(home, 'bad-probability.csv', 6, 'Will thing 5 happen?,prediction,Yes if so.,2030-01-01,Fay Forecaster,maybe,2025-01-05,,');
    const r = await home.reckon('import', file, '--json');
    expect(r.code).toBe(1);
    const message = '"maybe" is not a probability (use 0.7 or 70%; a column of bare numbers is either all fractions or all percentages)';
    expect(JSON.parse(r.stderr)).toEqual({ error: `nothing was imported: 1 problem in ${file}`, fields: [{ pointer: 'line 6, probability', message }] });
    expect(JSON.parse(r.stdout)).toEqual({ dryRun: false, claims: { created: 0, updated: 0, unchanged: 0 }, events: { appended: 0 }, problems: [{ line: 6, column: 'probability', message }], notes: [], head: null });
    expect(await home.events()).toBe(56);
  });

  it('a CSV row the ledger refuses (probability under the minimum) on line 4 imports nothing and names line 4', async () => {
    const home = tempHome();
    await seedDemo(home);
    const file = csvWithBadLine(home, 'too-sure.csv', 4, 'Will thing 3 happen?,prediction,Yes if so.,2030-01-01,Fay Forecaster,0.001,2025-01-03,,');
    const r = await home.reckon('import', file);
    expectFailure(r, `reckon: nothing was imported: 1 problem in ${file}\n  line 4, probability: Probability must be between 0.01 and 0.99, the bounds of this instance's rules (this one is 0.001).\n`);
    expect(await home.events()).toBe(56);
  });

  it('importing the same file again exits 0 and says "nothing new"; --json reports claims created and unchanged, events appended', async () => {
    const home = tempHome();
    const first = await home.json('import', DEMO);
    expect(first).toMatchObject({ format: 'bundle', claims: { created: 9, updated: 0, unchanged: 0 }, events: { appended: 56 }, problems: [] });
    const again = await home.reckon('import', DEMO);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^nothing new: .*nothing was written\n$/);
    expect(await home.json('import', DEMO)).toMatchObject({ claims: { created: 0, updated: 0, unchanged: 9 }, events: { appended: 0 }, problems: [] });
    expect(await home.events()).toBe(56);
  });

  it('a Fatebook header followed by 37 MB of junk ends with a clear error in bounded memory, not an out-of-memory crash', async () => {
    const home = tempHome();
    const file = join(home.dir, 'junk.csv');
    const header = readFileSync(join(FIXTURES, 'fatebook-export.csv'), 'utf8').split('\n')[0];
    const alphabet = 'abcdefghij,klmnop qrstuvwxyz0123456789\n\u001b';
    let block = '';
    for (let i = 0; i < 1 << 20; i++) block += alphabet[(i * 7919 + (i >> 3)) % alphabet.length];
    writeFileSync(file, `${header}\n${block.repeat(37)}`);
    // Through bin/reckon.js, whose heap is capped as a user's is.
    const r = await run(home.env, ['import', file], [join(ROOT, 'bin/reckon.js')]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^reckon: nothing was imported: \d+ problems in /);
    expect(r.stderr).toMatch(/further problems were not listed/);
    expect(r.stderr).not.toMatch(/heap|out of memory/i);
    expect(r.stderr).not.toContain('\u001b');
    expect(await home.events()).toBe(0);
  });
});

