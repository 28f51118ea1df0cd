/**
 * The checks that Reckon works unchanged on a libSQL server reached over HTTP: run against the
 * Hrana test server (fixture.test.ts) and, opt-in, against a real sqld or Turso (real-server.test.ts).
 * Every row a check writes has its own uid() id, so the checks also run on a database in use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../src/db/client.js';
import { eventCount } from '../../src/db/queries.js';
import { DEMO_FILE } from '../../src/demo-file.js';
import { createApp } from '../../src/http/app.js';
import { importBundleFile } from '../../src/import/load-bundle.js';
import type { Command } from '../../src/ledger/commands.js';
import { BulkError, Ledger } from '../../src/ledger/ledger.js';
import { checkProjections, snapshotProjections } from '../../src/ledger/rebuild.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { call, uid } from '../helpers/db.js';

export interface Remote {
  url: string;
  authToken?: string;
}

/** A random word of letters only, one token for full-text search. */
function word(): string {
  let w = 'w';
  for (let i = 0; i < 10; i++) w += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return w;
}

/** Open Reckon on the remote database (migrating it) with the real ledger and app. */
export async function openRemote(remote: Remote) {
  const db = await openDatabase({ url: remote.url, authToken: remote.authToken });
  const ledger = new Ledger(db);
  return { db, ledger, app: createApp({ db, ledger }) };
}

async function post(app: ReturnType<typeof createApp>, path: string, body: unknown): Promise<any> {
  const res = await call(app, 'POST', path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

async function state(db: Database) {
  return { events: await eventCount(db.client), tables: await snapshotProjections(db.client), chain: await verifyChain(db.client) };
}

/** Register the core checks; `get` gives the opened remote once the suite's beforeAll has run. */
export function remoteChecks(get: () => Remote & Awaited<ReturnType<typeof openRemote>>, opts: { authRequired: boolean }): void {
  describe('migrations over HTTP', () => {
    it('are all applied, FTS table and triggers included', async () => {
      const { db } = get();
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
      const applied = await db.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
      expect(Number(applied.rows[0]?.n)).toBe(journal.entries.length);
      const objects = await db.client.execute("SELECT name FROM sqlite_master WHERE name IN ('events', 'claims', 'claims_fts', 'claims_fts_ai', 'tokens')");
      expect(objects.rows.map((r) => r.name).sort()).toEqual(['claims', 'claims_fts', 'claims_fts_ai', 'events', 'tokens']);
    });

    it('are a no-op when the database is opened again', async () => {
      const { db, url, authToken } = get();
      const again = await openDatabase({ url, authToken });
      try {
        expect(again.local).toBe(false);
        const n = await again.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
        expect(Number(n.rows[0]?.n)).toBe(Number((await db.client.execute('SELECT count(*) AS n FROM __drizzle_migrations')).rows[0]?.n));
      } finally {
        again.close();
      }
    });
  });

  describe('the API over HTTP', () => {
    it('records a claim with its forecast, stance, evidence and resolution, and reads it back', async () => {
      const { app } = get();
      const src = (await post(app, '/api/sources', { id: uid('src'), name: 'Remote analyst', type: 'forecaster' })).id;
      const term = word();
      const tag = uid('tag');
      const id = (await post(app, '/api/claims', { id: uid('cl'), kind: 'prediction', title: `Remote ${term}`, statement: 'It happens.', resolutionCriteria: 'Two outlets report it.', deadline: '2026-01-01', tags: [tag] })).id;
      await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.8, madeAt: '2025-01-01T00:00:00Z' });
      await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2025-01-02' });
      const ev = await post(app, `/api/claims/${id}/evidence`, { date: '2025-05-30', summary: 'A report', bearing: 'supports' });
      await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2025-06-01', evidenceIds: [ev.id] });

      const claim = await call(app, 'GET', `/api/claims/${id}`);
      expect(claim.status).toBe(200);
      expect(claim.body).toMatchObject({ id, status: 'confirmed', resolution: { outcome: 'confirmed', knownOn: '2025-06-01' } });
      expect(claim.body.forecasts).toHaveLength(1);
      expect(claim.body.stances).toHaveLength(1);
      expect(claim.body.evidence).toHaveLength(1);

      // Full-text search (FTS5, kept by triggers) finds the claim by a word of its title, as a prefix too.
      for (const q of [term, term.slice(0, 6)]) {
        const found = await call(app, 'GET', `/api/claims?q=${q}`);
        expect(found.status).toBe(200);
        expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
      }

      // Scoring: o = 1, p = 0.8 → Brier 0.04.
      const cal = await call(app, 'GET', `/api/calibration?tag=${tag}`);
      expect(cal.status).toBe(200);
      expect(cal.body.count).toBe(1);
      expect(cal.body.brier).toBeCloseTo(0.04, 12);
      const record = await call(app, 'GET', `/api/sources/${src}/track-record`);
      expect(record.status).toBe(200);
      expect(record.body.stances).toEqual({ right: 1, wrong: 0, pending: 0, notScored: 0 });
      expect(record.body.forecasts.brier).toBeCloseTo(0.04, 12);
    });

    it('commits a burst of concurrent appends (group commit over a remote transaction), and the chain verifies', async () => {
      const { app, db } = get();
      const src = (await post(app, '/api/sources', { id: uid('src'), name: 'Burst', type: 'forecaster' })).id;
      const id = (await post(app, '/api/claims', { id: uid('cl'), kind: 'prediction', title: 'Burst', statement: 's', resolutionCriteria: 'r', deadline: '2031-01-01' })).id;
      const before = await eventCount(db.client);
      const ps = Array.from({ length: 24 }, (_, i) => 0.02 + i * 0.04);
      const results = await Promise.all(ps.map((probability) => call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability })));
      expect(results.map((r) => r.status)).toEqual(ps.map(() => 201));
      const seqs = results.map((r) => r.body.seq as number);
      expect(new Set(seqs).size).toBe(ps.length);
      expect(Math.min(...seqs)).toBeGreaterThan(before);
      expect(await eventCount(db.client)).toBeGreaterThanOrEqual(before + ps.length);
      const claim = await call(app, 'GET', `/api/claims/${id}`);
      expect(claim.body.forecasts.map((f: { seq: number }) => f.seq).sort((a: number, b: number) => a - b)).toEqual([...seqs].sort((a, b) => a - b));
      const verify = await call(app, 'GET', '/api/verify');
      expect(verify.status).toBe(200);
      expect(verify.body.ok).toBe(true);
    });
  });

  describe('the ledger over HTTP', () => {
    it('loads the demo bundle in one transaction (or, already there, refuses it whole)', async () => {
      const { ledger, db, app } = get();
      const present = (await call(app, 'GET', '/api/claims/nk-troops-to-russia')).status === 200;
      const before = await eventCount(db.client);
      if (!present) {
        const loaded = await importBundleFile(ledger, DEMO_FILE);
        const bundle = JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
        expect(loaded.count).toBeGreaterThanOrEqual(bundle.sources.length + bundle.claims.length);
        expect(await eventCount(db.client)).toBe(before + loaded.count);
        expect(loaded.head?.seq).toBe(before + loaded.count);
      }
      expect((await call(app, 'GET', '/api/claims/nk-troops-to-russia')).body.status).toBe('confirmed');
      const after = { events: await eventCount(db.client), tables: await snapshotProjections(db.client) };
      const again = await importBundleFile(ledger, DEMO_FILE).catch((e) => e);
      expect(again).toBeInstanceOf(BulkError);
      expect(again.message).toMatch(/already exists/);
      expect({ events: await eventCount(db.client), tables: await snapshotProjections(db.client) }).toEqual(after);
      expect((await call(app, 'GET', '/api/verify')).body.ok).toBe(true);
    });

    it('rolls a failing bulk append back whole, past a flushed chunk', async () => {
      const { ledger, db } = get();
      const before = await state(db);
      const claimId = uid('cl');
      const src = uid('src');
      const cmds: Command[] = [
        { type: 'source.register', input: { id: src, name: 'Bulk source', type: 'media' } },
        { type: 'claim.create', input: { id: claimId, kind: 'allegation', title: 'Bulk', statement: 's', resolutionCriteria: 'r', tags: ['bulk'] } },
        { type: 'stance.record', claimId, input: { sourceId: src, stance: 'asserts', date: '2024-05' } },
        { type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2024-06-01' } },
        { type: 'claim.resolve', claimId, input: { outcome: 'refuted', knownOn: '2024-06-02' } },
      ];
      const err = await ledger.appendAll(cmds, { chunk: 2 }).catch((e) => e);
      expect(err).toBeInstanceOf(BulkError);
      expect(err.index).toBe(4);
      expect(await state(db)).toEqual(before);
    });

    it('has projections that match a rebuild from the events (a rolled-back remote transaction)', async () => {
      expect(await checkProjections(get().db.client)).toEqual([]);
    });
  });

  describe('authentication', () => {
    it.skipIf(!opts.authRequired)('fails clearly with a wrong auth token', async () => {
      const { url } = get();
      const err = await openDatabase({ url, authToken: 'not-the-token' }).catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      // drizzle's migrator wraps the client's error ("Failed query: CREATE TABLE …") with it as the cause.
      const messages = [err.message, err.cause?.message].join('\n');
      expect(messages).toMatch(/401|unauthori[sz]ed/i);
    });
  });
}
