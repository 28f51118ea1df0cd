/**
 * The HTTP transport the libSQL client uses for a remote database (src/db/http-fetch.ts, on
 * node:http(s) instead of the global fetch): connections kept alive, a connection the server
 * closed not used again, an answer cut off midway a failure rather than a short answer, HTTPS
 * with the certificate verified (a `libsql://` URL, as Turso gives), and why a request failed.
 * The rest of test/remote runs every remote read and write through it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import dns from 'node:dns';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { httpFetch } from '../../src/db/http-fetch.js';
import { startHranaServer, type HranaServer } from '../helpers/hrana-server.js';
import { useRemoteDb } from '../helpers/remote-db.js';

const dir = mkdtempSync(join(tmpdir(), 'reckon-http-fetch-'));
const tls = { key: readFileSync('test/fixtures/tls/localhost-key.pem', 'utf8'), cert: readFileSync('test/fixtures/tls/localhost-cert.pem', 'utf8') };
const remote = useRemoteDb();
let server: HranaServer;
let db: Database;
beforeAll(() => void ({ server, db } = remote));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `fn` against a plain HTTP server answering with `listener`. */
async function serving(listener: RequestListener, fn: (url: string) => Promise<void>): Promise<void> {
  const plain = createServer(listener);
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/v2/pipeline`);
  } finally {
    plain.closeAllConnections();
    await new Promise((r) => plain.close(r));
  }
}

describe('the HTTP transport of a remote database', () => {
  it('keeps its connection alive: 40 requests one after another open no new connection', async () => {
    await db.client.execute('SELECT 1');
    const before = server.connections;
    for (let i = 0; i < 40; i++) expect((await db.client.execute({ sql: 'SELECT ? AS n', args: [i] })).rows[0]?.n).toBe(i);
    expect(server.connections).toBe(before);
  });

  it('does not send a request on a connection the server has closed while it was idle', async () => {
    for (let i = 0; i < 5; i++) {
      await db.client.execute('SELECT 1');
      const before = server.connections;
      server.closeIdleConnections();
      // Let the client read the server's FIN (on one machine: a turn or two of the loop).
      await new Promise((r) => setTimeout(r, 20));
      expect((await db.client.execute('SELECT 2 AS two')).rows[0]?.two).toBe(2);
      expect(server.connections).toBe(before + 1);
    }
  });

  it('fails a request whose answer is cut off midway, naming why, rather than reading a short answer', async () => {
    const cut = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"baton":null,');
      setImmediate(() => res.socket?.destroy());
    });
    await new Promise<void>((r) => cut.listen(0, '127.0.0.1', r));
    try {
      const { port } = cut.address() as AddressInfo;
      const answer = httpFetch(new Request(`http://127.0.0.1:${port}/v2/pipeline`, { method: 'POST', body: '{"requests":[]}' }));
      await expect(answer).rejects.toThrow(TypeError);
      await expect(answer).rejects.toThrow(/^fetch failed: ./);
    } finally {
      await new Promise((r) => cut.close(r));
    }
  });

  it('names the refused connection when no server listens', async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const { port } = gone.address() as AddressInfo;
    await new Promise((r) => gone.close(r));
    await expect(httpFetch(new Request(`http://127.0.0.1:${port}/`))).rejects.toThrow(/fetch failed: connect ECONNREFUSED/);
  });

  it('reads an answer as the libSQL client does: JSON, text, bytes and a stream (a Hrana v3 cursor)', async () => {
    const answer = JSON.stringify({ baton: 'b1', results: [{ type: 'ok', text: 'é'.repeat(40_000) }] });
    await serving((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // In pieces, as a large answer arrives.
      const bytes = Buffer.from(answer);
      res.write(bytes.subarray(0, 1000));
      setImmediate(() => res.end(bytes.subarray(1000)));
    }, async (url) => {
      const fetchIt = () => httpFetch(new Request(url, { method: 'POST', body: '{}' }));
      const r = await fetchIt();
      expect([r.ok, r.status, r.headers.get('content-type')]).toEqual([true, 200, 'application/json']);
      expect(await r.json()).toEqual(JSON.parse(answer));
      expect(await (await fetchIt()).text()).toBe(answer);
      expect(Buffer.from(await (await fetchIt()).arrayBuffer()).toString('utf8')).toBe(answer);
      const streamed: Buffer[] = [];
      for await (const chunk of (await fetchIt()).body as unknown as AsyncIterable<Uint8Array>) streamed.push(Buffer.from(chunk));
      expect(Buffer.concat(streamed).toString('utf8')).toBe(answer);
    });
  });

  it('hands back an error answer with its status and body, as the client reads it', async () => {
    await serving((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    }, async (url) => {
      const r = await httpFetch(new Request(url, { method: 'POST', body: '{}' }));
      expect([r.ok, r.status, await r.text()]).toEqual([false, 500, 'boom']);
    });
  });

  it('does not follow a redirect: it says where the server sends instead', async () => {
    await serving((_req, res) => {
      res.writeHead(308, { location: 'https://db.example/v2/pipeline' });
      res.end();
    }, async (url) => {
      await expect(httpFetch(new Request(url, { method: 'POST', body: '{}' }))).rejects.toThrow('fetch failed: the server redirects (308) to https://db.example/v2/pipeline; use that URL');
    });
  });

  it('refuses an answer encoded without being asked', async () => {
    await serving((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end('not really gzip');
    }, async (url) => {
      await expect(httpFetch(new Request(url, { method: 'POST', body: '{}' }))).rejects.toThrow('fetch failed: the answer is encoded (gzip)');
    });
  });

  describe('with the name lookup answered by this test', () => {
    const lookup = dns.lookup;
    afterAll(() => void ((dns as { lookup: unknown }).lookup = lookup));
    /** `name` resolves to `addresses` (after `delayMs`); other names as usual. */
    const resolveAs = (name: string, addresses: Array<{ address: string; family: number }>, delayMs = 0) =>
      ((dns as { lookup: unknown }).lookup = (host: string, opts: unknown, cb: (err: null, a: typeof addresses) => void) =>
        host === name ? setTimeout(() => cb(null, addresses), delayMs) : (lookup as (...a: unknown[]) => void)(host, opts, cb));

    it('names every address refused when a host has several (IPv6 and IPv4)', async () => {
      const gone = createServer();
      await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
      const { port } = gone.address() as AddressInfo;
      await new Promise((r) => gone.close(r));
      resolveAs('two.test', [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }]);
      await expect(httpFetch(new Request(`http://two.test:${port}/`))).rejects.toThrow(`fetch failed: connect ECONNREFUSED ::1:${port}; connect ECONNREFUSED 127.0.0.1:${port}`);
    });

    it('waits longer for a connection than a kept-alive connection is kept idle (4 s)', async () => {
      await serving((_req, res) => res.end('fine'), async (url) => {
        const port = new URL(url).port;
        resolveAs('slow.test', [{ address: '127.0.0.1', family: 4 }], 4_500);
        expect(await (await httpFetch(new Request(`http://slow.test:${port}/`))).text()).toBe('fine');
      });
    });
  });

  it('speaks HTTPS to a libsql:// URL and verifies the certificate', async () => {
    const secure = await startHranaServer({ path: join(dir, 'tls.db'), tls });
    try {
      const url = secure.url.replace('https://', 'libsql://');
      // Node reads trusted certificates at start: the CLI runs as a process of its own (not
      // waited for synchronously: the server answering it runs in this process).
      const reckon = (args: string[], trust: boolean) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const env = { ...process.env, RECKON_DATABASE_URL: url, NODE_EXTRA_CA_CERTS: trust ? 'test/fixtures/tls/localhost-cert.pem' : '' };
          execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env }, (err, stdout, stderr) =>
            resolve({ status: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
          );
        });
      const added = await reckon(['source', 'add', '--id', 'tls-src', '--name', 'Over TLS', '--type', 'forecaster'], true);
      expect(added.stderr).toBe('');
      expect(added.status).toBe(0);
      const listed = await reckon(['source', 'list'], true);
      expect(listed.status).toBe(0);
      expect(listed.stdout).toContain('Over TLS');
      expect(secure.connections).toBeGreaterThan(0);
      // Not trusted: refused, and the message says why.
      const untrusted = await reckon(['source', 'list'], false);
      expect(untrusted.status).not.toBe(0);
      expect(untrusted.stderr).toMatch(/cannot use the libSQL server at libsql:\/\/localhost:\d+: fetch failed: self[- ]signed certificate/);
    } finally {
      await secure.close();
    }
  });
});
