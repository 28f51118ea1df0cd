/**
 * Two Reckon instances (two apps, each with its own client, ledger and caches) on one remote
 * database, as behind a load balancer: what one reads again costs one round trip while nothing
 * has changed, and shows what the other wrote as soon as it has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { startHranaServer, type HranaServer } from '../helpers/hrana-server.js';
import { call, uid } from '../helpers/db.js';

const dir = mkdtempSync(join(tmpdir(), 'reckon-instances-'));
let server: HranaServer;
const dbs: Database[] = [];

async function instance() {
  const db = await openDatabase({ url: server.url });
  dbs.push(db);
  const ledger = new Ledger(db);
  return { db, ledger, app: createApp({ db, ledger }) };
}

beforeAll(async () => {
  server = await startHranaServer({ path: join(dir, 'server.db') });
});

afterAll(async () => {
  for (const db of dbs) db.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A GET, with the round trips it cost. */
async function get(app: ReturnType<typeof createApp>, path: string) {
  const before = server.roundTrips;
  const res = await call(app, 'GET', path);
  expect(res.status, path).toBe(200);
  return { body: res.body, roundTrips: server.roundTrips - before };
}

async function post(app: ReturnType<typeof createApp>, path: string, body: unknown) {
  const res = await call(app, 'POST', path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

describe('reads on a remote database, with another instance writing', () => {
  it('cost one round trip while nothing changed, and show the other instance’s writes at once', async () => {
    const a = await instance();
    const b = await instance();
    const src = (await post(a.app, '/api/sources', { id: uid('src'), name: 'Analyst', type: 'forecaster' })).id;
    const tag = uid('tag');
    const claim = (await post(a.app, '/api/claims', { id: uid('cl'), kind: 'prediction', title: 'Remote', statement: 's', resolutionCriteria: 'r', deadline: '2031-01-01', tags: [tag] })).id;
    await post(a.app, `/api/claims/${claim}/forecasts`, { sourceId: src, probability: 0.8, madeAt: '2026-01-01T00:00:00Z' });
    const paths = { claim: `/api/claims/${claim}`, list: `/api/claims?tag=${tag}`, record: `/api/sources/${src}/track-record`, calibration: `/api/calibration?tag=${tag}` };

    // First reads fill the caches; the same reads again cost one round trip each (the version check).
    for (const path of Object.values(paths)) await get(a.app, path);
    for (const path of [paths.claim, paths.list, paths.record, paths.calibration]) expect((await get(a.app, path)).roundTrips, path).toBe(1);

    // The other instance forecasts and resolves: this instance's caches must not answer from before.
    await post(b.app, `/api/claims/${claim}/forecasts`, { sourceId: src, probability: 0.6, madeAt: '2026-02-01T00:00:00Z' });
    await post(b.app, `/api/claims/${claim}/resolution`, { outcome: 'confirmed', knownOn: '2026-06-01' });

    const page = await get(a.app, paths.claim);
    expect(page.body.status).toBe('confirmed');
    expect(page.body.forecasts.map((f: { probability: number }) => f.probability)).toEqual([0.8, 0.6]);
    expect((await get(a.app, paths.list)).body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[claim, 'confirmed']]);
    const record = (await get(a.app, paths.record)).body;
    // The counted forecast is the last before knownOn: p = 0.6, o = 1 → Brier 0.16.
    expect(record.forecasts.count).toBe(1);
    expect(record.forecasts.brier).toBeCloseTo(0.16, 12);
    const calibration = (await get(a.app, paths.calibration)).body;
    expect(calibration.count).toBe(1);
    expect(calibration.brier).toBeCloseTo(0.16, 12);

    // And this instance's writer, warm from before, appends after the other's events.
    const next = await post(a.app, `/api/claims/${claim}/evidence`, { date: '2026-06-02', summary: 'After', bearing: 'context' });
    expect(next.seq).toBeGreaterThan(0);
    expect(await verifyChain(a.db.client)).toMatchObject({ ok: true });
  });
});
