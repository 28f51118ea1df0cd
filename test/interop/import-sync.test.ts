/**
 * Issue 13 item 5: importing the same file twice adds no event and says so, in every format;
 * ids of imported claims come from their origin and content; a later export of the same
 * Fatebook account or Metaculus question adds only what is new, and what contradicts the
 * record is refused naming its line (or JSON Pointer), with nothing written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import { ImportFailure, runImport } from '../../src/import/run-import.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb } from '../helpers/db.js';
import { DEMO, FIXTURES } from '../cli/helpers.js';

const db = await freshDb();
const ledger = new Ledger(db);
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const write = (name: string, text: string) => {
  const path = join(db.dir, name);
  writeFileSync(path, text);
  return path;
};
const claimIds = async () => (await db.client.execute('SELECT id FROM claims ORDER BY id')).rows.map((r) => String(r.id));

const CSV_NO_ID = [
  'question,kind,criteria,deadline,source,probability,made at,outcome,resolved on',
  'Will the tram reach Leith by 2031?,prediction,Yes if it runs.,2031-01-01,Fay Forecaster,0.6,2025-01-02,,',
  'Will the tram reach Leith by 2031?,prediction,Yes if it runs.,2031-01-01,Gus Guesser,0.3,2025-01-03,,',
  'Will the canal reopen by 2032?,prediction,Yes if boats pass.,2032-01-01,Fay Forecaster,0.2,2025-01-04,,',
].join('\n');

describe('importing the same file twice', () => {
  const FILES: Array<[string, () => string, number]> = [
    ['bundle (the demo case)', () => DEMO, 9],
    ['Fatebook', () => join(FIXTURES, 'fatebook-export.csv'), 4],
    ['Metaculus', () => join(FIXTURES, 'metaculus-post-resolved-no.json'), 1],
    ['ClaimReview (HTML)', () => join(FIXTURES, 'claimreview-page.html'), 3],
    ['ClaimReview (Fact Check Tools API)', () => join(FIXTURES, 'factcheck-tools-api.json'), 2],
    ['CSV without an id column', () => write('no-id.csv', CSV_NO_ID), 2],
  ];

  it.each(FILES)('%s: the second import adds no event, no claim, and reports every claim unchanged', async (_name, file, n) => {
    const first = await runImport(ledger, file());
    expect(first.claims).toEqual({ created: n, updated: 0, unchanged: 0 });
    expect(first.events.appended).toBeGreaterThan(0);
    const events = await eventCount(db.client);
    const ids = await claimIds();
    const second = await runImport(ledger, file());
    expect(second).toMatchObject({ claims: { created: 0, updated: 0, unchanged: n }, events: { appended: 0 }, problems: [], head: null });
    expect(await eventCount(db.client)).toBe(events);
    expect(await claimIds()).toEqual(ids);
  });

  it('a Reckon JSONL export imported again adds nothing', async () => {
    const target = await freshDb();
    const lines = (await db.client.execute('SELECT * FROM events ORDER BY seq')).rows.map((r) =>
      JSON.stringify({ seq: r.seq, type: r.type, claimId: r.claim_id, recordedAt: r.recorded_at, recordedBy: r.recorded_by, payload: JSON.parse(String(r.payload)), prevHash: r.prev_hash, hash: r.hash }),
    );
    const file = write('ledger.jsonl', `${lines.join('\n')}\n`);
    const into = new Ledger(target);
    expect((await runImport(into, file)).events.appended).toBe(lines.length);
    expect(await runImport(into, file)).toMatchObject({ events: { appended: 0 }, claims: { created: 0 } });
    expect(await eventCount(target.client)).toBe(lines.length);
  });

  it('CSV and ClaimReview claim ids come from the content, not from chance', async () => {
    const ids = await claimIds();
    expect(ids).toContain('will-the-canal-reopen-by-2032-' + ids.find((id) => id.startsWith('will-the-canal-reopen-by-2032-'))!.slice(-8));
    const again = await freshDb();
    await runImport(new Ledger(again), write('no-id-2.csv', CSV_NO_ID));
    const other = (await again.client.execute('SELECT id FROM claims ORDER BY id')).rows.map((r) => String(r.id));
    expect(other.every((id) => ids.includes(id))).toBe(true);
  });
});

describe('a later export of the same account or question', () => {
  it('Fatebook: only the new forecast and the new resolution are appended', async () => {
    const target = await freshDb();
    const into = new Ledger(target);
    await runImport(into, join(FIXTURES, 'fatebook-export.csv'));
    const before = await eventCount(target.client);
    const lines = fixture('fatebook-export.csv').trimEnd().split('\n');
    const marathon = (forecaster: string, p: string, at: string) =>
      `"Will I finish the marathon in under 4 hours?",,"${forecaster}",${p},${at},"Alice Smith",2025-03-01 12:00:0,2033-03-22 04:00:0,"YES",2025-06-01 10:00:0,,,,"",false,"","running"`;
    const later = [...lines.slice(0, 6).map((l) => l), marathon('Alice Smith', '0.35', '2025-03-01 12:00:0'), marathon('Bob Jones', '0.5', '2025-04-01 09:00:0'), ...lines.slice(7)];
    const summary = await runImport(into, write('fatebook-later.csv', `${later.join('\n')}\n`));
    expect(summary).toMatchObject({ claims: { created: 0, updated: 1, unchanged: 3 }, events: { appended: 2 }, problems: [] });
    expect(await eventCount(target.client)).toBe(before + 2);
    const marathonClaim = (await target.client.execute("SELECT status, known_on FROM claims WHERE id LIKE 'fatebook-will-i-finish%'")).rows[0];
    expect(marathonClaim).toMatchObject({ status: 'confirmed' });
    expect(Number((await target.client.execute("SELECT count(*) AS n FROM forecasts WHERE claim_id LIKE 'fatebook-will-i-finish%'")).rows[0]?.n)).toBe(2);
  });

  it('Fatebook: a different resolution is refused naming its line, and nothing is written', async () => {
    const target = await freshDb();
    const into = new Ledger(target);
    await runImport(into, join(FIXTURES, 'fatebook-export.csv'));
    const before = await eventCount(target.client);
    const text = fixture('fatebook-export.csv').replace(/"NO",2024-12-21 09:30:0/g, '"YES",2024-12-21 09:30:0');
    // A new forecast elsewhere in the same file must not land either: all or nothing.
    const withNew = `${text.trimEnd()}\n"Will I finish the marathon in under 4 hours?",,"Bob Jones",0.5,2025-04-01 09:00:0,"Alice Smith",2025-03-01 12:00:0,2033-03-22 04:00:0,,,,,,"",false,"","running"\n`;
    const err = await runImport(into, write('fatebook-contradicts.csv', withNew)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).problems).toEqual([
      { line: 4, column: 'resolution', message: expect.stringMatching(/contradicts the record: claim fatebook-will-the-eurostar-strike-go-ahead-\d+ is resolved refuted .* in the record, confirmed .* in the file/) },
    ]);
    expect(await eventCount(target.client)).toBe(before);
  });

  it('Metaculus: a later export of the question adds its new history point and the resolution; a different resolution is refused', async () => {
    const target = await freshDb();
    const into = new Ledger(target);
    const full = JSON.parse(fixture('metaculus-post-resolved-no.json'));
    const earlier = structuredClone(full);
    earlier.question.resolution = null;
    earlier.question.status = 'open';
    // The earlier export ends before the last point (`latest` is that point too).
    earlier.question.aggregations.recency_weighted.history.pop();
    earlier.question.aggregations.recency_weighted.latest = earlier.question.aggregations.recency_weighted.history.at(-1);
    const first = await runImport(into, write('metaculus-earlier.json', JSON.stringify(earlier)));
    expect(first.claims.created).toBe(1);
    const before = await eventCount(target.client);
    const later = await runImport(into, write('metaculus-later.json', JSON.stringify(full)));
    expect(later).toMatchObject({ claims: { created: 0, updated: 1, unchanged: 0 }, events: { appended: 2 } });
    expect(await eventCount(target.client)).toBe(before + 2);
    const types = (await target.client.execute('SELECT type FROM events ORDER BY seq DESC LIMIT 2')).rows.map((r) => r.type);
    expect(types).toEqual(['claim.resolved', 'forecast.recorded']);
    const yes = structuredClone(full);
    yes.question.resolution = 'yes';
    const err = await runImport(into, write('metaculus-yes.json', JSON.stringify(yes))).catch((e: unknown) => e);
    expect((err as ImportFailure).problems).toEqual([{ pointer: '/resolution', message: expect.stringMatching(/contradicts the record: claim metaculus-31870 is resolved refuted/) }]);
    const changed = structuredClone(full);
    Object.assign(changed.question.aggregations.recency_weighted.history[1], { centers: [0.77], forecast_values: [0.23, 0.77] });
    const err2 = await runImport(into, write('metaculus-changed.json', JSON.stringify(changed))).catch((e: unknown) => e);
    expect((err2 as ImportFailure).problems).toEqual([
      { pointer: '/question/aggregations/recency_weighted/history/1', message: expect.stringMatching(/contradicts the record: metaculus's forecast made at .* is 0\.\d+ in the record, 0\.77 in the file/) },
    ]);
    expect(await eventCount(target.client)).toBe(before + 2);
  });
});
