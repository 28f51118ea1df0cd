import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/env.js';
import { startServer } from '../../src/server.js';
import { createToken } from '../../src/db/tokens.js';
import { createApp } from '../../src/http/app.js';
import { accessWorld } from '../helpers/access.js';
import { call, uid } from '../helpers/db.js';


const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const forecast = (sourceId: string) => ({ sourceId, probability: 0.4 });

describe('access', () => {
  it('on loopback with no token, writes stay open and are recorded as local', async () => {
    const s = await accessWorld();
    const r = await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.alice));
    expect(r.status).toBe(201);
    expect((await call(s.app, 'GET', `/api/events/${r.body.seq}`)).body.recordedBy).toBe('local');
  });

  it('once a token exists, a write without one is 401 problem+json with a Bearer challenge, and writes nothing', async () => {
    const s = await accessWorld();
    const { token } = await createToken(s.db.client, { name: uid('tok'), sourceId: s.alice, scope: 'write' });
    const before = (await call(s.app, 'GET', '/api/verify')).body;
    const r = await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.alice));
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const after = (await call(s.app, 'GET', '/api/verify')).body;
    expect({ events: after.events, head: after.head }).toEqual({ events: before.events, head: before.head });
    const ok = await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.alice), bearer(token));
    expect(ok.status).toBe(201);
    expect((await call(s.app, 'GET', `/api/events/${ok.body.seq}`)).body.recordedBy).toMatch(/^tok-/);
  });

  it('off loopback, writes need a token even before any exists', async () => {
    const s = await accessWorld({ auth: { read: 'public', loopback: false } });
    expect((await call(s.app, 'POST', '/api/sources', { name: 'X', type: 'media' })).status).toBe(401);
    expect((await call(s.app, 'GET', '/api/claims')).status).toBe(200);
  });

  it('a wrong, malformed or revoked token is 401 even for reads', async () => {
    const s = await accessWorld();
    const { token } = await createToken(s.db.client, { name: uid('tok'), sourceId: s.alice, scope: 'write' });
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await call(s.app, 'GET', '/api/claims', undefined, bearer(forged))).status).toBe(401);
    expect((await call(s.app, 'GET', '/api/claims', undefined, bearer('nonsense'))).status).toBe(401);
    expect((await call(s.app, 'GET', '/api/claims', undefined, { authorization: 'Basic abc' })).status).toBe(401);
    await s.db.client.execute({ sql: 'UPDATE tokens SET revoked_at = ?', args: [new Date().toISOString()] });
    expect((await call(s.app, 'GET', '/api/claims', undefined, bearer(token))).status).toBe(401);
  });

  it('RECKON_READ=token closes reads to requests without a token', async () => {
    const s = await accessWorld({ auth: { read: 'token', loopback: true } });
    expect((await call(s.app, 'GET', '/api/claims')).status).toBe(401);
    const { token } = await createToken(s.db.client, { name: uid('tok'), sourceId: s.alice, scope: 'write' });
    expect((await call(s.app, 'GET', '/api/claims', undefined, bearer(token))).status).toBe(200);
  });

  it('a write token forecasts only as its own source; an admin token may record any source', async () => {
    const s = await accessWorld();
    const write = await createToken(s.db.client, { name: uid('w'), sourceId: s.alice, scope: 'write' });
    const admin = await createToken(s.db.client, { name: uid('a'), sourceId: s.alice, scope: 'admin' });
    const refused = await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.bob), bearer(write.token));
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].pointer).toBe('/sourceId');
    expect((await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.alice), bearer(write.token))).status).toBe(201);
    expect((await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.bob), bearer(admin.token))).status).toBe(201);
    // Stances and evidence are recorded about any source.
    const stance = await call(s.app, 'POST', `/api/claims/${s.claimId}/stances`, { sourceId: s.bob, stance: 'asserts', date: '2024' }, bearer(write.token));
    expect(stance.status).toBe(201);
  });

  it('a write token retracts only its own source’s forecasts; admin may retract any', async () => {
    const s = await accessWorld();
    const admin = await createToken(s.db.client, { name: uid('a'), sourceId: s.alice, scope: 'admin' });
    const write = await createToken(s.db.client, { name: uid('w'), sourceId: s.alice, scope: 'write' });
    const bobs = await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.bob), bearer(admin.token));
    const alices = await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, forecast(s.alice), bearer(write.token));
    expect((await call(s.app, 'POST', `/api/events/${bobs.body.seq}/retraction`, { reason: 'not mine' }, bearer(write.token))).status).toBe(403);
    expect((await call(s.app, 'POST', `/api/events/${alices.body.seq}/retraction`, { reason: 'typo' }, bearer(write.token))).status).toBe(201);
    expect((await call(s.app, 'POST', `/api/events/${bobs.body.seq}/retraction`, { reason: 'duplicate' }, bearer(admin.token))).status).toBe(201);
  });

  it('tokenless writes on loopback are refused for a foreign Host (DNS rebinding) or a foreign Origin', async () => {
    const s = await accessWorld();
    const body = JSON.stringify({ name: 'X', type: 'media' });
    const post = (headers: Record<string, string>) => s.app.request('http://localhost/api/sources', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post({ host: 'evil.example' })).status).toBe(403);
    expect((await post({ host: 'localhost:3000', origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' })).status).toBe(201);
  });

  it('stores only a hash of the secret', async () => {
    const s = await accessWorld();
    const { token } = await createToken(s.db.client, { name: uid('tok'), sourceId: s.alice, scope: 'write' });
    const secret = token.split('_')[2] as string;
    await s.db.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(s.db.path).toString('latin1') + readFileSync(`${s.db.path}-wal`, { flag: 'a+' }).toString('latin1');
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(token)).toBe(false);
  });
});

describe('hardening', () => {
  it('sends a Content-Security-Policy that forbids inline script and other origins, on pages and API', async () => {
    const s = await accessWorld();
    for (const path of ['/', '/api/claims', '/docs']) {
      const res = await s.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('sends the same security headers from the real server (set on Node’s response) as from the app, on every kind of answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reckon-headers-'));
    const running = await startServer(readEnv({ ...process.env, RECKON_DATABASE_URL: `file:${join(dir, 'reckon.db')}`, HOST: '127.0.0.1' }), { port: 0, quiet: true });
    try {
      await running.ledger.append({ type: 'source.register', input: { id: 'alice', name: 'Alice', type: 'forecaster' } });
      const claim = await running.ledger.append({ type: 'claim.create', input: { kind: 'prediction', title: 'T', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [] } });
      const app = createApp({ db: running.db, ledger: running.ledger });
      const json = { 'content-type': 'application/json' };
      const requests: Array<[string, RequestInit]> = [
        ['/', {}],
        ['/api/claims', {}],
        ['/docs', {}],
        ['/no/such/page', {}],
        [`/api/claims/${claim.claimId}/forecasts`, { method: 'POST', headers: json, body: JSON.stringify({ sourceId: 'alice', probability: 0.3 }) }],
        [`/api/claims/${claim.claimId}/forecasts`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
        [`/api/claims/${claim.claimId}/forecasts`, { method: 'POST', headers: json, body: '{' }],
      ];
      for (const [path, init] of requests) {
        const viaApp = await app.request(path, init);
        const viaServer = await fetch(`${running.url}${path}`, init);
        expect(viaServer.status).toBe(viaApp.status);
        const security: string[] = [];
        viaApp.headers.forEach((_, name) => {
          if (!['content-type', 'content-length', 'location', 'www-authenticate'].includes(name)) security.push(name);
        });
        expect(security).toContain('content-security-policy');
        expect(security).toContain('x-frame-options');
        for (const name of security) expect([path, name, viaServer.headers.get(name)]).toEqual([path, name, viaApp.headers.get(name)]);
        // The handler's own headers still win where it sets them.
        expect(viaServer.headers.get('content-type')).toBe(viaApp.headers.get('content-type'));
      }
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has CORS off unless configured', async () => {
    const off = await accessWorld();
    const pre = await off.app.request('/api/claims', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const on = await accessWorld({ corsOrigin: ['https://newsroom.example'] });
    const ok = await on.app.request('/api/claims', { headers: { origin: 'https://newsroom.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
  });

  it('limits writes per client with 429 problem+json and Retry-After, leaving reads alone', async () => {
    const s = await accessWorld({ rateLimit: { perMinute: 8, trustProxy: false } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(s.app, 'POST', '/api/sources', { name: uid('n'), type: 'media' })).status);
    expect(statuses.slice(0, 2)).toEqual([201, 201]);
    const limited = await call(s.app, 'POST', '/api/sources', { name: uid('n'), type: 'media' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(s.app, 'GET', '/api/sources')).status).toBe(200);
  });

  it('answers a slow request with 503 problem+json at the time limit', async () => {
    const s = await accessWorld({ timeoutMs: 1 });
    // Walking 6,000 events takes two pages, far longer than 1 ms.
    await s.ledger.appendAll(Array.from({ length: 6000 }, () => ({ type: 'forecast.record' as const, claimId: s.claimId, input: { sourceId: s.alice, probability: 0.5 } })));
    const r = await call(s.app, 'GET', '/api/verify');
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });
});
