/** The demo case (North Korean munitions and troops for Russia) loads whole, reads back right, and loads once. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import { importBundleFile } from '../../src/import/load-bundle.js';
import { BulkError } from '../../src/ledger/ledger.js';
import { checkProjections, snapshotProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp } from '../helpers/db.js';

const DEMO = 'demo/north-korea-russia.json';
const bundle = JSON.parse(readFileSync(DEMO, 'utf8'));
const { db, ledger, app } = await freshApp();
const loaded = await importBundleFile(ledger, DEMO);
const viaApi = await freshApp();

const claim = async (id: string) => {
  const res = await call(app, 'GET', `/api/claims/${id}`);
  expect(res.status, id).toBe(200);
  return res.body;
};

describe('the demo case', () => {
  it('loads every source, claim and item of the bundle', async () => {
    const items = bundle.claims.reduce((n: number, c: any) => n + 1 + (c.stances?.length ?? 0) + (c.evidence?.length ?? 0) + (c.forecasts?.length ?? 0) + (c.resolution ? 1 : 0), 0);
    expect(loaded.count).toBe(bundle.sources.length + items);
    expect(await eventCount(db.client)).toBe(loaded.count);
    expect(loaded.head?.seq).toBe(loaded.count);
  });

  it('reads the claims back with their outcomes', async () => {
    const expected: Record<string, string> = {
      'nk-shells-purchase': 'confirmed',
      'nk-shells-covert-route': 'open',
      'nk-wagner-delivery': 'open',
      'nk-ru-talks-advancing': 'confirmed',
      'nk-never-exported': 'refuted',
      'metaculus-nk-troops-2024': 'refuted',
      'nk-troops-to-russia': 'confirmed',
      'nk-troops-kursk-2024': 'resolved',
      'nk-troops-acknowledged': 'resolved',
    };
    for (const [id, status] of Object.entries(expected)) {
      const c = await claim(id);
      expect(c.status, id).toBe(status);
      expect(c.resolution === null, id).toBe(status === 'open');
    }
    const list = await call(app, 'GET', '/api/claims?limit=200');
    expect(list.body.items.map((c: any) => c.id).sort()).toEqual(Object.keys(expected).sort());
  });

  it('has a numeric and a multiple-choice question with forecasts and a value (issue 17)', async () => {
    const kursk = await claim('nk-troops-kursk-2024');
    expect(kursk).toMatchObject({ questionType: 'numeric', range: { min: 100, max: 100000, openLower: true, openUpper: true, scale: 'log' }, resolution: { outcome: 'resolved', value: 11000 } });
    expect(kursk.forecasts.map((f: any) => [f.sourceId, f.cdf.length])).toEqual([['analyst-a', 201], ['analyst-b', 201], ['analyst-a', 201], ['analyst-b', 201]]);
    const when = await claim('nk-troops-acknowledged');
    expect(when).toMatchObject({ questionType: 'multiple-choice', ordered: true, resolution: { outcome: 'resolved', value: 'April–June 2025' } });
    expect(when.options).toHaveLength(4);
    expect(when.forecasts.at(-1).probabilities).toEqual([0.02, 0.08, 0.45, 0.45]);
  });

  it('keeps the Metaculus forecast as a backfilled 10%', async () => {
    const c = await claim('metaculus-nk-troops-2024');
    expect(c.kind).toBe('prediction');
    // Metaculus's 10 %, and two illustrative forecasters (named as such) so that the demo has a crowd.
    expect(c.forecasts.map((f: any) => f.sourceId)).toEqual(['metaculus', 'analyst-a', 'analyst-b']);
    expect(c.forecasts[0]).toMatchObject({ sourceId: 'metaculus', probability: 0.1, backfilled: true, retracted: false });
    expect(c.openedAt).toBe('2022-11-04T00:00:00Z');
    expect(c.resolution.outcome).toBe('refuted');
  });

  it('keeps stance and evidence dates at their precision and links the deciding evidence', async () => {
    const c = await claim('nk-shells-purchase');
    expect(c.stances.map((s: any) => [s.sourceId, s.stance, s.date])).toEqual([
      ['us-intel', 'asserts', '2022-09-05'],
      ['dprk', 'denies', '2022-09-22'],
    ]);
    expect(c.evidence.map((e: any) => e.date)).toEqual(['2023-10-13', '2023-10']);
    expect(c.resolution).toMatchObject({ outcome: 'confirmed', knownOn: '2023-10-13', evidenceIds: c.evidence.map((e: any) => e.id) });
  });

  it('has its sources', async () => {
    for (const s of bundle.sources) {
      const res = await call(app, 'GET', `/api/sources/${s.id}`);
      expect(res.status, s.id).toBe(200);
      expect(res.body).toMatchObject({ id: s.id, name: s.name, type: s.type });
    }
    for (const id of ['us-nsc', 'dprk', 'metaculus', 'us-intel', 'un-poe']) expect((await call(app, 'GET', `/api/sources/${id}`)).status).toBe(200);
  });

  it('verifies, and its projections match a rebuild', async () => {
    expect((await call(app, 'GET', '/api/verify')).body).toMatchObject({ ok: true, events: loaded.count });
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('fails as a whole when imported a second time: the claim ids exist, nothing is added', async () => {
    const before = { events: await eventCount(db.client), tables: await snapshotProjections(db.client) };
    const err = await importBundleFile(ledger, DEMO).catch((e) => e);
    expect(err).toBeInstanceOf(BulkError);
    expect(err.message).toMatch(/already exists/);
    expect(await eventCount(db.client)).toBe(before.events);
    expect(await snapshotProjections(db.client)).toEqual(before.tables);
    expect((await call(app, 'GET', '/api/verify')).body.ok).toBe(true);
  });

  it('loads through POST /api/demo into an empty database only', async () => {
    const first = await call(viaApi.app, 'POST', '/api/demo', {});
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ events: loaded.count });
    expect((await call(viaApi.app, 'GET', '/api/claims/nk-troops-to-russia')).body.status).toBe('confirmed');
    const again = await call(viaApi.app, 'POST', '/api/demo', {});
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await eventCount(viaApi.db.client)).toBe(loaded.count);
  });
});
