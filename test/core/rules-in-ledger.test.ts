/**
 * Issue 13, item 4: the instance's rules (probability bounds) are recorded in the ledger, so a
 * replayed export is judged by the rules in force when each event was recorded; a platform's
 * own history is kept exactly as recorded and marked imported; the log score clamps to
 * [0.001, 0.999] as Metaculus does. Events before the first rules event: the implicit rules.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash, GENESIS_HASH } from '../../src/domain/canonical.js';
import type { LedgerEvent } from '../../src/domain/types.js';
import { projectEvent } from '../../src/db/projection.js';
import { writeStatements } from '../../src/db/write-ops.js';
import { allEvents } from '../../src/export/read.js';
import { ImportFailure, runImport } from '../../src/import/run-import.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { checkProjections, rebuildProjections } from '../../src/ledger/rebuild.js';
import { readHead } from '../../src/ledger/view.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { createApp } from '../../src/http/app.js';
import { call, freshApp, freshDb } from '../helpers/db.js';

const WIDE = { minProbability: 0.001, maxProbability: 0.999 };
const claimInput = (id: string) => ({ id, kind: 'prediction' as const, title: 'Will it happen?', statement: 'It happens by 2030.', resolutionCriteria: 'Yes if it happens.', tags: [], deadline: '2030-01-01' });

/** Every event of a database as `reckon export` writes them, to a file in its directory. */
async function exportTo(db: Awaited<ReturnType<typeof freshDb>>, name: string): Promise<string> {
  const lines: string[] = [];
  for await (const e of allEvents(db.client)) lines.push(JSON.stringify(e));
  const path = join(db.dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function types(db: Awaited<ReturnType<typeof freshDb>>) {
  const rs = await db.client.execute('SELECT type, payload FROM events ORDER BY seq');
  return rs.rows.map((r) => (r.type === 'rules.set' ? `rules.set ${String(r.payload)}` : String(r.type)));
}

/** Events as an older release wrote them (no rules event), chained from the genesis hash. */
async function writeOldEvents(db: Awaited<ReturnType<typeof freshDb>>, bodies: Array<{ type: string; claimId: string | null; payload: unknown }>) {
  let prev = GENESIS_HASH;
  const events = bodies.map((b, i) => {
    const body = { ...b, seq: i + 1, recordedAt: `2025-01-0${i + 1}T00:00:00.000Z`, recordedBy: 'local' } as LedgerEvent;
    const event = { ...body, prevHash: prev, hash: chainHash(prev, canonicalEvent(body)) } as LedgerEvent;
    prev = event.hash;
    return event;
  });
  const tx = await db.client.transaction('write');
  await tx.batch(writeStatements(events, events.map(projectEvent), true));
  await tx.commit();
  tx.close();
  return events;
}

describe('the instance rules are recorded in the ledger', () => {
  it('an instance whose bounds differ from the implicit ones records them before its first write, once; a default instance records none', async () => {
    const wide = await freshDb();
    const ledger = new Ledger(wide, WIDE);
    await ledger.append({ type: 'source.register', input: { id: 'ann', name: 'Ann', type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: claimInput('c1') });
    expect(await types(wide)).toEqual(['rules.set {"maxProbability":0.999,"minProbability":0.001}', 'source.registered', 'claim.created']);

    const plain = await freshDb();
    await new Ledger(plain).append({ type: 'source.register', input: { id: 'ann', name: 'Ann', type: 'forecaster' } });
    expect(await types(plain)).toEqual(['source.registered']);
  });

  it('a JSONL export of an instance with bounds 0.001–0.999 holding a 0.005 forecast imports into a default instance', async () => {
    const from = await freshDb();
    const wide = new Ledger(from, WIDE);
    await wide.append({ type: 'source.register', input: { id: 'ann', name: 'Ann', type: 'forecaster' } });
    await wide.append({ type: 'claim.create', input: claimInput('c1') });
    await wide.append({ type: 'forecast.record', claimId: 'c1', input: { sourceId: 'ann', probability: 0.005 } });
    const path = await exportTo(from, 'wide.jsonl');

    const { db, ledger, app } = await freshApp();
    const summary = await runImport(ledger, path, { format: 'reckon-jsonl' });
    expect(summary.events.appended).toBe(4);
    expect(summary.head).toBe((await readHead(from.client)).hash);
    expect((await call(app, 'GET', '/api/claims/c1')).body.forecasts.map((f: { probability: number }) => f.probability)).toEqual([0.005]);

    // The default instance's own bounds govern its new forecasts, recorded before its first write.
    const refused = await call(app, 'POST', '/api/claims/c1/forecasts', { sourceId: 'ann', probability: 0.005 });
    expect(refused.status).toBe(422);
    expect((await call(app, 'POST', '/api/claims/c1/forecasts', { sourceId: 'ann', probability: 0.02 })).status).toBe(201);
    expect((await types(db)).slice(4)).toEqual(['rules.set {"maxProbability":0.99,"minProbability":0.01}', 'forecast.recorded']);
    expect(await verifyChain(db.client)).toMatchObject({ ok: true, events: 6 });
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('replay judges each event by the rules in force: a 0.005 forecast with no rules event before it is refused (implicit 0.01–0.99)', async () => {
    const old = await freshDb();
    await writeOldEvents(old, [
      { type: 'source.registered', claimId: null, payload: { id: 'ann', name: 'Ann', type: 'forecaster' } },
      { type: 'claim.created', claimId: 'c1', payload: claimInput('c1') },
      { type: 'forecast.recorded', claimId: 'c1', payload: { id: 'fc-3', claimId: 'c1', sourceId: 'ann', probability: 0.005, madeAt: '2025-01-03T00:00:00.000Z', backfilled: false } },
    ]);
    const path = await exportTo(old, 'implicit.jsonl');
    const { db, ledger } = await freshApp(WIDE);
    const err = await runImport(ledger, path, { format: 'reckon-jsonl' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).problems[0]).toMatchObject({ line: 3 });
    expect((err as Error).message).toMatch(/between 0\.01 and 0\.99/);
    expect((await readHead(db.client)).seq).toBe(0);
  });

  it('upgrade: an old database with no rules event keeps working; the first write of a wider instance records its rules, and its export replays', async () => {
    const db = await freshDb();
    const old = await writeOldEvents(db, [
      { type: 'source.registered', claimId: null, payload: { id: 'ann', name: 'Ann', type: 'forecaster' } },
      { type: 'claim.created', claimId: 'c1', payload: claimInput('c1') },
      { type: 'forecast.recorded', claimId: 'c1', payload: { id: 'fc-3', claimId: 'c1', sourceId: 'ann', probability: 0.5, madeAt: '2025-01-03T00:00:00.000Z', backfilled: false } },
    ]);
    const ledger = new Ledger(db, WIDE);
    const app = createApp({ db, ledger });
    expect((await call(app, 'POST', '/api/claims/c1/forecasts', { sourceId: 'ann', probability: 0.005 })).status).toBe(201);
    const all = await types(db);
    expect(all.slice(3)).toEqual(['rules.set {"maxProbability":0.999,"minProbability":0.001}', 'forecast.recorded']);
    expect((await readHead(db.client)).seq).toBe(old.length + 2);
    expect(await rebuildProjections(db.client)).toBe(5);
    expect(await checkProjections(db.client)).toEqual([]);

    const copy = await freshApp();
    const summary = await runImport(copy.ledger, await exportTo(db, 'upgraded.jsonl'), { format: 'reckon-jsonl' });
    expect(summary.head).toBe((await readHead(db.client)).hash);
  });
});

const FATEBOOK_HEADER =
  'Question title,Multiple choice option,Forecast created by,Forecast (scale = 0-1),Forecast created at,Question created by,Question created at,Question resolve by,Resolution,Resolved at,Your Brier score for this question,Your relative Brier score for this question,Question notes,Question shared with,Question shared publicly,Question comments,Question tags';

describe("a platform's own history is kept exactly as recorded, marked imported", () => {
  it('Fatebook 0 % and 100 % import into a default instance as 0 and 1; the log score takes them clamped to [0.001, 0.999]', async () => {
    const { db, ledger, app } = await freshApp();
    const path = join(db.dir, 'fatebook.csv');
    writeFileSync(
      path,
      `${FATEBOOK_HEADER}\n` +
        '"Will the strike go ahead?",,"Ann Lee",1,2024-12-09 01:12:2,"Ann Lee",2024-12-09 01:12:0,2024-12-20 00:00:0,"NO",2024-12-21 09:30:0,,,,,false,,\n' +
        '"Will the bridge open?",,"Ann Lee",0,2024-12-09 01:13:2,"Ann Lee",2024-12-09 01:13:0,2024-12-20 00:00:0,"NO",2024-12-21 09:30:0,,,,,false,,\n',
    );
    await runImport(ledger, path, { format: 'fatebook' });
    const rs = await db.client.execute("SELECT payload FROM events WHERE type = 'forecast.recorded' ORDER BY seq");
    const payloads = rs.rows.map((r) => JSON.parse(String(r.payload)));
    expect(payloads.map((p) => [p.probability, p.imported])).toEqual([
      [1, { platform: 'fatebook' }],
      [0, { platform: 'fatebook' }],
    ]);
    const record = await call(app, 'GET', '/api/sources/ann-lee/track-record');
    expect(record.status).toBe(200);
    // 1 on a NO: ln(1 − 0.999) = ln 0.001; 0 on a NO: ln(1 − 0.001) = ln 0.999. Brier uses the stored values: (1 + 0) / 2.
    expect(record.body.forecasts.count).toBe(2);
    expect(record.body.forecasts.logScore).toBeCloseTo((Math.log(0.001) + Math.log(0.999)) / 2, 12);
    expect(record.body.forecasts.brier).toBe(0.5);
    const cal = await call(app, 'GET', '/api/calibration?source=ann-lee');
    expect(cal.body.logScore).toBeCloseTo((Math.log(0.001) + Math.log(0.999)) / 2, 12);
  });

  it('Metaculus community points at 0.001 and 0.999 import into a default instance, marked imported', async () => {
    const { db, ledger } = await freshApp();
    const path = join(db.dir, 'metaculus.json');
    const history = [
      { start_time: 1704153600, centers: [0.001] },
      { start_time: 1704240000, centers: [0.999] },
    ];
    writeFileSync(
      path,
      JSON.stringify({
        id: 7,
        title: 'Will it happen before June?',
        question: {
          id: 8,
          title: 'Will it happen before June?',
          type: 'binary',
          resolution_criteria: 'Yes if it happens.',
          open_time: '2024-01-01T00:00:00Z',
          scheduled_close_time: '2024-06-01T00:00:00Z',
          scheduled_resolve_time: '2024-06-01T00:00:00Z',
          aggregations: { recency_weighted: { history } },
        },
      }),
    );
    await runImport(ledger, path, { format: 'metaculus' });
    const rs = await db.client.execute("SELECT payload FROM events WHERE type = 'forecast.recorded' ORDER BY seq");
    expect(rs.rows.map((r) => JSON.parse(String(r.payload))).map((p) => [p.probability, p.imported])).toEqual([
      [0.001, { platform: 'metaculus' }],
      [0.999, { platform: 'metaculus' }],
    ]);
  });

  it('the API cannot mark a forecast imported, nor go past the instance bounds', async () => {
    const { app, ledger } = await freshApp();
    await ledger.append({ type: 'source.register', input: { id: 'ann', name: 'Ann', type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: claimInput('c1') });
    const marked = await call(app, 'POST', '/api/claims/c1/forecasts', { sourceId: 'ann', probability: 0.5, imported: { platform: 'fatebook' } });
    expect(marked.status).toBe(400);
    expect(marked.body.errors).toContainEqual({ pointer: '/imported', message: 'imported is not a field of this request: remove it (names are case-sensitive).' });
    expect((await call(app, 'POST', '/api/claims/c1/forecasts', { sourceId: 'ann', probability: 0.005 })).status).toBe(422);
  });
});
