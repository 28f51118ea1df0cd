/**
 * Reckon on a libSQL server over HTTP: @libsql/client's real remote code path (Hrana over HTTP)
 * against the test server of test/helpers/hrana-server.ts, which keeps the data in a temp file
 * through the `libsql` package. No sqld is needed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { eventCount } from '../../src/db/queries.js';
import { startHranaServer, type HranaServer } from '../helpers/hrana-server.js';
import { openRemote, remoteChecks, type Remote } from './checks.js';

const TOKEN = 'test-token-for-the-hrana-fixture';
const dir = mkdtempSync(join(tmpdir(), 'reckon-remote-'));
const path = join(dir, 'server.db');
let server: HranaServer;
let remote: Remote & Awaited<ReturnType<typeof openRemote>>;

beforeAll(async () => {
  server = await startHranaServer({ path, authToken: TOKEN });
  remote = { url: server.url, authToken: TOKEN, ...(await openRemote({ url: server.url, authToken: TOKEN })) };
});

afterAll(async () => {
  remote?.db.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Reckon against the Hrana test server', () => {
  it('opens an http: URL as a remote database, over HTTP', () => {
    expect(remote.db.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(remote.db.local).toBe(false);
    expect(remote.db.client.protocol).toBe('http');
    expect(server.requests).toBeGreaterThan(0);
  });

  it('opens a libsql:// URL (with ?tls=0) over the same HTTP path, as Turso URLs are', async () => {
    const before = server.requests;
    const db = await openDatabase({ url: `${server.url.replace('http://', 'libsql://')}?tls=0`, authToken: TOKEN });
    try {
      expect(db.local).toBe(false);
      expect(await eventCount(db.client)).toBe(await eventCount(remote.db.client));
      expect(server.requests).toBeGreaterThan(before);
    } finally {
      db.close();
    }
  });

  remoteChecks(() => remote, { authRequired: true });
});

describe('the Hrana test server', () => {
  it('answers 401 without a token and 404 to endpoints it does not speak', async () => {
    expect((await fetch(`${server.url}/v2/pipeline`, { method: 'POST', body: '{"requests":[]}' })).status).toBe(401);
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${server.url}/v3-protobuf`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${server.url}/v2`, { headers: auth })).status).toBe(200);
  });

  it('isolates transactions on different streams; a second writer waits for the first', async () => {
    const client = createClient({ url: server.url, authToken: TOKEN });
    try {
      await client.execute('CREATE TABLE IF NOT EXISTS iso (x INTEGER)');
      const a = await client.transaction('write');
      await a.execute('INSERT INTO iso VALUES (1)');
      expect((await client.execute('SELECT count(*) AS n FROM iso')).rows[0]?.n).toBe(0);
      let bStarted = false;
      const b = client.transaction('write').then(async (tx) => {
        await tx.execute('INSERT INTO iso VALUES (2)');
        bStarted = true;
        await tx.commit();
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(bStarted).toBe(false);
      await a.commit();
      await b;
      expect((await client.execute('SELECT count(*) AS n FROM iso')).rows[0]?.n).toBe(2);
    } finally {
      client.close();
    }
  });

  it('keeps values typed: integers, floats, text, blobs, nulls and bigints', async () => {
    const client = createClient({ url: server.url, authToken: TOKEN, intMode: 'bigint' });
    try {
      const rs = await client.execute({ sql: 'SELECT ? AS i, ? AS f, ? AS t, ? AS b, ? AS n, typeof(?) AS ti', args: [9007199254740993n, 0.5, 'é', new Uint8Array([0, 255]), null, 3n] });
      expect(rs.rows[0]).toMatchObject({ i: 9007199254740993n, f: 0.5, t: 'é', n: null, ti: 'integer' });
      expect(new Uint8Array(rs.rows[0]?.b as ArrayBuffer)).toEqual(new Uint8Array([0, 255]));
    } finally {
      client.close();
    }
  });

  it('reports SQLite errors with their code', async () => {
    const client = createClient({ url: server.url, authToken: TOKEN });
    try {
      const err = await client.execute({ sql: 'INSERT INTO events (seq) VALUES (NULL)' }).catch((e) => e);
      expect(err.code).toBe('SQLITE_CONSTRAINT');
    } finally {
      client.close();
    }
  });

  it('closes a stream left idle, rolling its transaction back', async () => {
    const quick = await startHranaServer({ path, authToken: TOKEN, idleMs: 50 });
    const client = createClient({ url: quick.url, authToken: TOKEN });
    try {
      const tx = await client.transaction('write');
      await tx.execute('INSERT INTO iso VALUES (3)');
      await new Promise((r) => setTimeout(r, 150));
      const err = await tx.execute('SELECT 1').catch((e) => e);
      expect(err.code).toBe('STREAM_EXPIRED');
      // The lock is gone: another writer gets through at once, and the insert never landed.
      await client.execute('INSERT INTO iso VALUES (4)');
      expect((await client.execute('SELECT count(*) AS n FROM iso WHERE x IN (3, 4)')).rows[0]?.n).toBe(1);
    } finally {
      client.close();
      await quick.close();
    }
  });
});
