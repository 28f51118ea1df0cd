/**
 * Embedded replicas (RECKON_DATABASE_URL=file:… with RECKON_DATABASE_SYNC_URL): what can be
 * tested on this machine. No libSQL server installs here, and the Hrana test server does not
 * speak the replication protocol (a replica's sync is gRPC), so a replica cannot be opened
 * against it. Tested: the configuration, the storage kind and client options it gives, the
 * writer's read-your-writes wait (against a stand-in replica made of two real database files
 * and a sync that copies the primary's new events), and the writer's choices on a replica
 * (a lost race syncs before reading again).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, storageOf } from '../../src/db/client.js';
import { databaseOptions, readEnv } from '../../src/env.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { awaitOwnWrite } from '../../src/ledger/replica.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { startHranaServer } from '../helpers/hrana-server.js';
import { uid } from '../helpers/db.js';

const dir = mkdtempSync(join(tmpdir(), 'reckon-replica-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replica configuration', () => {
  it('RECKON_DATABASE_SYNC_URL with a file: database names a replica, with its sync interval', () => {
    const env = readEnv({ RECKON_DATABASE_URL: 'file:./data/replica.db', RECKON_DATABASE_SYNC_URL: 'libsql://reckon-team.turso.io', RECKON_DATABASE_AUTH_TOKEN: 'tok', RECKON_DATABASE_SYNC_INTERVAL: '5' });
    expect(databaseOptions(env)).toEqual({ url: 'file:./data/replica.db', authToken: 'tok', durability: 'full', syncUrl: 'libsql://reckon-team.turso.io', syncInterval: 5 });
    expect(databaseOptions(readEnv({ RECKON_DATABASE_URL: 'file:r.db', RECKON_DATABASE_SYNC_URL: 'https://db.example.org' })).syncInterval).toBe(60);
    expect(databaseOptions(readEnv({}))).not.toHaveProperty('syncUrl');
  });

  it('is refused, naming the variable, without a file: database or with a URL that is not a server’s', () => {
    expect(() => readEnv({ RECKON_DATABASE_URL: 'libsql://a.turso.io', RECKON_DATABASE_SYNC_URL: 'libsql://b.turso.io' })).toThrow(/RECKON_DATABASE_SYNC_URL: a replica is a local file/);
    expect(() => readEnv({ RECKON_DATABASE_URL: 'file:r.db', RECKON_DATABASE_SYNC_URL: 'ftp://b.example.org' })).toThrow(/RECKON_DATABASE_SYNC_URL: a libsql:\/\//);
    expect(() => readEnv({ RECKON_DATABASE_URL: 'file:r.db', RECKON_DATABASE_SYNC_URL: 'libsql://b.turso.io', RECKON_DATABASE_SYNC_INTERVAL: '0' })).toThrow(/RECKON_DATABASE_SYNC_INTERVAL/);
  });

  it('gives the kind of storage and the client options: a replica syncs from the primary, with read-your-writes', () => {
    expect(storageOf({ url: 'file:x.db' }).kind).toBe('file');
    expect(storageOf({ url: 'http://127.0.0.1:8080', authToken: 't' })).toMatchObject({ kind: 'remote', config: { url: 'http://127.0.0.1:8080', authToken: 't' } });
    const replica = storageOf({ url: 'file:x.db', authToken: 't', syncUrl: 'libsql://p.turso.io', syncInterval: 7 });
    expect(replica).toMatchObject({ kind: 'replica', config: { url: 'file:x.db', authToken: 't', syncUrl: 'libsql://p.turso.io', syncInterval: 7, readYourWrites: true } });
    expect(() => storageOf({ url: 'http://127.0.0.1:8080', syncUrl: 'libsql://p.turso.io' })).toThrow(/not a file: URL/);
  });
});

/** Two real database files: the primary, and a replica whose sync copies the primary's newer events. */
function standIn() {
  const primary = createClient({ url: `file:${join(dir, `${uid('p')}.db`)}` });
  const local = createClient({ url: `file:${join(dir, `${uid('r')}.db`)}` });
  let syncs = 0;
  let syncWorks = true;
  const sync = async () => {
    syncs += 1;
    if (!syncWorks) throw new Error('the primary cannot be reached');
    const have = Number((await local.execute('SELECT coalesce(max(seq), 0) FROM events')).rows[0]?.[0]);
    const rows = (await primary.execute({ sql: 'SELECT seq, hash FROM events WHERE seq > ?', args: [have] })).rows;
    for (const r of rows) await local.execute({ sql: 'INSERT INTO events (seq, hash) VALUES (?, ?)', args: [r[0] ?? null, r[1] ?? null] });
    return { frame_no: 0, frames_synced: rows.length };
  };
  const replica = Object.assign(Object.create(local) as Client, { execute: local.execute.bind(local), sync });
  return { primary, local, replica, syncs: () => syncs, breakSync: () => void (syncWorks = false) };
}

describe('read-your-writes on a replica', () => {
  it('answers at once when the file already holds the writer’s event, and syncs first when it lags', async () => {
    const s = standIn();
    for (const c of [s.primary, s.local]) await c.execute('CREATE TABLE events (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL)');
    await s.primary.execute("INSERT INTO events VALUES (1, 'h1')");
    await s.local.execute("INSERT INTO events VALUES (1, 'h1')");
    expect(await awaitOwnWrite(s.replica, { seq: 1, hash: 'h1' })).toBe(true);
    expect(s.syncs()).toBe(0);
    // Committed on the primary; the file has not caught up yet.
    await s.primary.execute("INSERT INTO events VALUES (2, 'h2')");
    expect(await awaitOwnWrite(s.replica, { seq: 2, hash: 'h2' })).toBe(true);
    expect(s.syncs()).toBe(1);
    expect((await s.local.execute('SELECT hash FROM events WHERE seq = 2')).rows[0]?.[0]).toBe('h2');
    // A sync that fails does not hold the answer back for good (the write is durable on the primary).
    await s.primary.execute("INSERT INTO events VALUES (3, 'h3')");
    s.breakSync();
    expect(await awaitOwnWrite(s.replica, { seq: 3, hash: 'h3' })).toBe(false);
    s.primary.close();
    s.local.close();
  });
});

describe('the writer on a replica', () => {
  it('syncs the file before reading again after a lost race, and not otherwise', async () => {
    const server = await startHranaServer({ path: join(dir, 'server.db') });
    const db = await openDatabase({ url: server.url });
    const other = await openDatabase({ url: server.url });
    try {
      // The remote client stands for the replica's (its reads are always current, so a sync finds nothing new).
      let syncs = 0;
      const client = Object.assign(Object.create(db.client) as Client, { sync: async () => ((syncs += 1), { frame_no: 0, frames_synced: 0 }) });
      for (const m of ['execute', 'batch', 'transaction'] as const) Object.assign(client, { [m]: (db.client[m] as (...a: unknown[]) => unknown).bind(db.client) });
      const mine = new Ledger({ ...db, client, kind: 'replica' });
      const src = uid('src');
      const claimId = uid('cl');
      await mine.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
      await mine.append({ type: 'claim.create', input: { id: claimId, kind: 'prediction', title: 't', statement: 's', resolutionCriteria: 'r', deadline: '2030-01-01', tags: [] } });
      await mine.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.3 } });
      expect(syncs).toBe(0);
      await new Ledger(other).append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.4 } });
      await mine.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.5 } });
      expect(mine.remoteStats.lostRaces).toBe(1);
      expect(syncs).toBe(1);
      expect(await verifyChain(db.client)).toMatchObject({ ok: true, events: 5 });
    } finally {
      other.close();
      db.close();
      await server.close();
    }
  });
});
