/**
 * Issue 13, item 12: what the server layer answers before the app (an oversized request line,
 * a malformed Host, a request that is not HTTP) is problem+json on a real port; and the write
 * rate limit's buckets are swept by time, not scanned on every write past 10,000 keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/env.js';
import { handleError } from '../../src/http/errors.js';
import { writeRateLimit } from '../../src/http/rate-limit.js';
import { startServer, type Running } from '../../src/server.js';

/** Send raw bytes to the server and read everything it answers until it closes. */
function raw(port: number, bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body });
    });
    socket.end(bytes);
  });
}

describe('the server layer answers problem+json (item 12)', () => {
  let running: Running;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reckon-server-layer-'));
    running = await startServer(readEnv({ ...process.env, RECKON_DATABASE_URL: `file:${join(dir, 'r.db')}`, HOST: '127.0.0.1' }), { port: 0, quiet: true });
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 16 KB URL is 431 problem+json', async () => {
    const r = await raw(running.port, `GET /api/claims?q=${'x'.repeat(16 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(r.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(r.body)).toMatchObject({ status: 431, type: 'urn:reckon:problem:headers-too-large' });
  });

  it('a malformed Host header is 400 problem+json', async () => {
    for (const host of ['exa mple.com', '[::1', 'a/b@c']) {
      const r = await raw(running.port, `GET /api/claims HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect([host, r.status]).toEqual([host, 400]);
      expect(r.headers).toContain('content-type: application/problem+json');
      expect(JSON.parse(r.body)).toMatchObject({ status: 400, type: 'urn:reckon:problem:malformed' });
    }
  });

  it('a request that is not HTTP is 400 problem+json', async () => {
    const r = await raw(running.port, 'HELLO THERE\r\n\r\n');
    expect(r.status).toBe(400);
    expect(r.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(r.body)).toMatchObject({ status: 400 });
  });

  it('an ordinary request on the same server is still answered by the app', async () => {
    const res = await fetch(`${running.url}/api/claims`);
    expect(res.status).toBe(200);
  });
});

describe('rate-limit buckets (item 12)', () => {
  /** A bare app with only the limiter, its clock in the test's hands, clients told apart by X-Forwarded-For. */
  function limited(perMinute: number) {
    let now = 1_000_000;
    const limit = writeRateLimit({ perMinute, trustProxy: true, clock: () => now });
    const app = new Hono();
    app.onError(handleError);
    app.use(limit);
    app.post('/', (c) => c.body(null, 204));
    const post = (client: string) => app.request('/', { method: 'POST', headers: { 'x-forwarded-for': client } });
    return { limit, post, advance: (ms: number) => (now += ms) };
  }

  it('buckets idle for a full refill are dropped by time, also below 10,000 keys', async () => {
    const l = limited(60); // 15 per burst, a full refill in 15 s
    for (let i = 0; i < 50; i++) expect((await l.post(`10.0.0.${i}`)).status).toBe(204);
    expect(l.limit.stats().buckets).toBe(50);
    l.advance(15_000);
    expect((await l.post('10.1.0.1')).status).toBe(204);
    expect(l.limit.stats().buckets).toBe(1);
  });

  it('past 10,000 keys a write does not scan the map: one sweep per refill period', async () => {
    const l = limited(60);
    for (let i = 0; i < 12_000; i++) await l.post(`10.${i >> 8}.${i & 255}.1`);
    expect(l.limit.stats()).toEqual({ buckets: 12_000, sweeps: 0 });
    l.advance(15_000);
    for (let i = 0; i < 100; i++) await l.post(`172.16.0.${i}`);
    expect(l.limit.stats()).toEqual({ buckets: 100, sweeps: 1 });
  });

  it('a dropped bucket was full anyway: the limit still holds for a client that keeps writing', async () => {
    const l = limited(60);
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await l.post('192.0.2.1')).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    l.advance(14_000);
    expect((await l.post('192.0.2.1')).status).toBe(204); // 14 tokens back, bucket kept
    expect((await l.post('192.0.2.9')).status).toBe(204);
  });
});
