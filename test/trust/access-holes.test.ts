/**
 * Issue 13, items 8–10 and 13: DNS rebinding and opaque origins, reserved and reused token
 * names, tokenless writes behind a proxy, and who may retract a stance or resolve a claim.
 */
import { describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../src/db/tokens.js';
import type { AppOptions } from '../../src/http/app.js';
import { isLoopbackHost } from '../../src/http/auth.js';
import { accessWorld } from '../helpers/access.js';
import { call, uid } from '../helpers/db.js';


/** A tokenless POST /api/sources with these headers (the Host header decides what the app sees). */
function postSource(app: { request: (p: string, i: RequestInit) => Response | Promise<Response> }, headers: Record<string, string>) {
  return app.request('http://localhost/api/sources', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: uid('n'), type: 'media' }) });
}

describe('DNS rebinding and origins (item 8)', () => {
  it('only literal loopback names count as loopback hosts', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '[::1]', '::1']) expect([h, isLoopbackHost(h)]).toEqual([h, true]);
    for (const h of ['127.attacker.example', '127.0.0.1.nip.io', '127.1', '127.0.0.256', '0x7f.0.0.1', '0177.0.0.1', '127.00.0.1', 'localhost.', 'localhost.attacker.example', '[::2]', '', '128.0.0.1']) {
      expect([h, isLoopbackHost(h)]).toEqual([h, false]);
    }
  });

  it('a tokenless write is refused for a Host or Origin that only starts with 127., and for Origin: null', async () => {
    const s = await accessWorld();
    for (const headers of <Array<Record<string, string>>>[
      { host: '127.attacker.example' },
      { host: '127.attacker.example:3000' },
      { host: '127.0.0.1.nip.io:3000' },
      { host: '127.0.0.1:3000', origin: 'http://127.attacker.example:3000' },
      { host: '127.0.0.1:3000', origin: 'null' },
      { host: 'localhost:3000', origin: 'http://localhost.attacker.example' },
    ]) {
      const r = await postSource(s.app, headers);
      expect([headers, r.status]).toEqual([headers, 403]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    for (const headers of <Array<Record<string, string>>>[{ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, { host: '[::1]:3000', origin: 'http://[::1]:3000' }, { host: 'localhost' }, { host: '127.4.5.6:80', origin: 'http://localhost:3000' }]) {
      expect([headers, (await postSource(s.app, headers)).status]).toEqual([headers, 201]);
    }
  });
});

describe('token names (item 9)', () => {
  it('refuses the reserved actor names local, demo and cli:…, and the name of a revoked token', async () => {
    const s = await accessWorld();
    for (const name of ['local', 'demo', 'Local', 'cli:alice', 'cli:']) {
      await expect(createToken(s.db.client, { name, sourceId: s.alice, scope: 'write' }), name).rejects.toThrow(/reserved|letters/);
    }
    const name = uid('old');
    await createToken(s.db.client, { name, sourceId: s.alice, scope: 'admin' });
    expect(await revokeToken(s.db.client, name)).toBe(true);
    await expect(createToken(s.db.client, { name, sourceId: s.bob, scope: 'write' })).rejects.toThrow(/revoked token was named/);
    expect((await s.db.client.execute('SELECT count(*) AS n FROM tokens')).rows[0]?.n).toBe(1);
  });
});

describe('behind a proxy (item 10)', () => {
  const proxied: AppOptions = { auth: { read: 'public', loopback: true, trustProxy: true } };

  it('with RECKON_TRUST_PROXY, a tokenless write forwarded for a non-loopback client is 401', async () => {
    const s = await accessWorld(proxied);
    for (const headers of <Array<Record<string, string>>>[
      { 'x-forwarded-for': '203.0.113.7' },
      { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' },
      { 'x-forwarded-for': '203.0.113.7, 127.0.0.1' },
      { forwarded: 'for=203.0.113.7;proto=https' },
      { forwarded: 'for="[2001:db8::1]:4711"' },
      { 'x-real-ip': '198.51.100.2' },
      {},
    ]) {
      const r = await postSource(s.app, { host: 'localhost:3000', ...headers });
      expect([headers, r.status]).toEqual([headers, 401]);
    }
    expect((await postSource(s.app, { host: 'localhost:3000', 'x-forwarded-for': '127.0.0.1' })).status).toBe(201);
    expect((await postSource(s.app, { host: 'localhost:3000', forwarded: 'for="[::1]:5555"' })).status).toBe(201);
  });

  it('without RECKON_TRUST_PROXY the forwarded headers are ignored, as before', async () => {
    const s = await accessWorld();
    expect((await postSource(s.app, { host: 'localhost:3000', 'x-forwarded-for': '203.0.113.7' })).status).toBe(201);
  });
});

describe('who retracts and who resolves (item 13)', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('a stance recorded by one token about another’s source (and evidence): the recorder and admin retract it, the subject cannot', async () => {
    const s = await accessWorld();
    const recorder = await createToken(s.db.client, { name: uid('rec'), sourceId: s.alice, scope: 'write' });
    const subject = await createToken(s.db.client, { name: uid('subj'), sourceId: s.bob, scope: 'write' });
    const admin = await createToken(s.db.client, { name: uid('adm'), sourceId: s.alice, scope: 'admin' });
    const stance = () => call(s.app, 'POST', `/api/claims/${s.claimId}/stances`, { sourceId: s.bob, stance: 'asserts', date: '2024' }, bearer(recorder.token));
    const retract = (seq: number, token: string) => call(s.app, 'POST', `/api/events/${seq}/retraction`, { reason: 'r' }, bearer(token));

    const first = await stance();
    expect(first.status).toBe(201);
    const refused = await retract(first.body.seq, subject.token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await retract(first.body.seq, recorder.token)).status).toBe(201);
    const second = await stance();
    expect((await retract(second.body.seq, admin.token)).status).toBe(201);

    // Evidence has no subject source: it is its recorder's alone.
    const evidence = await call(s.app, 'POST', `/api/claims/${s.claimId}/evidence`, { date: '2024-01-01', summary: 'Report', bearing: 'supports', url: 'https://example.org/r' }, bearer(recorder.token));
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    expect((await retract(evidence.body.seq, subject.token)).status).toBe(403);
    expect((await retract(evidence.body.seq, recorder.token)).status).toBe(201);
  });

  it('resolving, reopening and editing a claim need scope resolve or admin; write is refused with 403', async () => {
    const s = await accessWorld();
    const write = await createToken(s.db.client, { name: uid('w'), sourceId: s.alice, scope: 'write' });
    const resolver = await createToken(s.db.client, { name: uid('r'), sourceId: s.bob, scope: 'resolve' });
    const admin = await createToken(s.db.client, { name: uid('a'), sourceId: s.bob, scope: 'admin' });
    const resolve = (t: string) => call(s.app, 'POST', `/api/claims/${s.claimId}/resolution`, { outcome: 'confirmed', knownOn: '2025-01-01' }, bearer(t));
    const reopen = (t: string) => call(s.app, 'POST', `/api/claims/${s.claimId}/reopen`, { reason: 'wrong source' }, bearer(t));
    const edit = (t: string) => call(s.app, 'PATCH', `/api/claims/${s.claimId}`, { title: 'T2', reason: 'typo' }, bearer(t));

    for (const r of [await resolve(write.token), await edit(write.token)]) {
      expect(r.status).toBe(403);
      expect(r.body.detail).toMatch(/scope resolve or admin/);
    }
    expect((await resolve(resolver.token)).status).toBe(201);
    expect((await reopen(write.token)).status).toBe(403);
    expect((await reopen(resolver.token)).status).toBe(201);
    expect((await edit(resolver.token)).status).toBe(200);
    expect((await resolve(admin.token)).status).toBe(201);
    expect((await reopen(admin.token)).status).toBe(201);
    // A resolve token still records like a write token: forecasts as its own source only.
    expect((await call(s.app, 'POST', `/api/claims/${s.claimId}/forecasts`, { sourceId: s.alice, probability: 0.5 }, bearer(resolver.token))).status).toBe(403);
  });
});
