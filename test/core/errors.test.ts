/**
 * Bad input is answered with a 4xx problem+json body (RFC 9457) naming each bad field, and
 * nothing is written: malformed JSON, wrong content type, unknown and over-long fields,
 * oversize bodies, unknown routes.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/app.js';
import { call, freshApp } from '../helpers/db.js';
import { claim, events, expectProblem, source, type App } from './fixtures.js';

const ctx = await freshApp();
const app: App = ctx.app;
const src = await source(app);
const claimId = await claim(app);

/** Every write route with a valid body for it. */
const writes: Array<[method: string, path: string, body: Record<string, unknown>]> = [
  ['POST', '/api/sources', { name: 'Someone', type: 'person' }],
  ['POST', '/api/claims', { kind: 'allegation', title: 't', statement: 's', resolutionCriteria: 'r' }],
  ['PATCH', `/api/claims/${claimId}`, { title: 'new', reason: 'why' }],
  ['POST', `/api/claims/${claimId}/forecasts`, { sourceId: src, probability: 0.5 }],
  ['POST', `/api/claims/${claimId}/stances`, { sourceId: src, stance: 'asserts', date: '2024' }],
  ['POST', `/api/claims/${claimId}/evidence`, { date: '2024', summary: 's', bearing: 'context' }],
  ['POST', `/api/claims/${claimId}/resolution`, { outcome: 'confirmed', knownOn: '2024-01-01' }],
  ['POST', `/api/claims/${claimId}/reopen`, { reason: 'why' }],
  ['POST', '/api/events/1/retraction', { reason: 'why' }],
];

async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await events(ctx.db);
  const out = await fn();
  expect(await events(ctx.db)).toBe(before);
  return out;
}

describe('malformed requests on every write route', () => {
  for (const [method, path] of writes) {
    it(`${method} ${path.replace(claimId, '{id}')}: malformed JSON → 400, wrong content type → 415, unknown field → 400, oversize → 413`, async () => {
      await unchanged(async () => {
        for (const text of ['{"name": ', '{bad}', 'null', '[1,2', "{'a':1}"]) {
          const res = await call(app, method, path, text);
          expect(res.status, `${text}: ${JSON.stringify(res.body)}`).toBe(400);
          expectProblem(res, 400);
        }
        expectProblem(await call(app, method, path, 'name=x', { 'content-type': 'text/plain' }), 415);
        expectProblem(await call(app, method, path, 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
        const noType = await app.request(path, { method, body: '{}' });
        expect(noType.status).toBe(415);
        expect(noType.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expectProblem(await call(app, method, path, { surprise: 1 }), 400, '/surprise');
        const huge = JSON.stringify({ note: 'x'.repeat(MAX_BODY_BYTES + 1) });
        expectProblem(await call(app, method, path, huge), 413);
      });
    });
  }
});

describe('field errors', () => {
  it('name every bad field by JSON Pointer, in one answer', async () => {
    const res = await unchanged(() => call(app, 'POST', '/api/claims', { kind: 'guess', title: '', statement: 5, extra: true, tags: ['ok', ''] }));
    expectProblem(res, 400);
    const pointers = res.body.errors.map((e: any) => e.pointer).sort();
    expect(pointers).toEqual(expect.arrayContaining(['/extra', '/kind', '/resolutionCriteria', '/statement', '/tags/1', '/title']));
    for (const e of res.body.errors) expect(typeof e.message).toBe('string');
  });

  it('point at an unknown field nested in an object', async () => {
    const res = await unchanged(() => call(app, 'POST', `/api/claims/${claimId}/evidence`, { date: '2024', summary: 's', bearing: 'context', grade: { reliability: 'A', credibility: 1, colour: 'red' } }));
    expectProblem(res, 400, '/grade/colour');
  });

  it('refuse over-long strings', async () => {
    await unchanged(async () => {
      expectProblem(await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'x'.repeat(301), statement: 's', resolutionCriteria: 'r' }), 400, '/title');
      expectProblem(await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 't', statement: 'x'.repeat(5001), resolutionCriteria: 'r' }), 400, '/statement');
      expectProblem(await call(app, 'POST', '/api/sources', { name: 'x'.repeat(201), type: 'person' }), 400, '/name');
      expectProblem(await call(app, 'POST', `/api/claims/${claimId}/reopen`, { reason: 'x'.repeat(2001) }), 400, '/reason');
      expectProblem(await call(app, 'POST', `/api/claims/${claimId}/forecasts`, { sourceId: src, probability: 0.5, note: 'x'.repeat(5001) }), 400, '/note');
      expectProblem(await call(app, 'POST', '/api/sources', { id: 'a'.repeat(65), name: 'n', type: 'person' }), 400, '/id');
    });
    // At the limit is fine.
    expect((await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'x'.repeat(300), statement: 's', resolutionCriteria: 'r' })).status).toBe(201);
  });

  it('give the right title for each status', async () => {
    expect((await call(app, 'POST', '/api/claims', '{')).body.title).toBe('Bad Request');
    expect((await call(app, 'GET', '/api/claims/nope-nope')).body).toMatchObject({ status: 404, title: 'Not Found' });
    expect((await call(app, 'POST', '/api/claims', 'x', { 'content-type': 'text/plain' })).body).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    expect((await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 't', statement: 's', resolutionCriteria: 'r' })).body).toMatchObject({ status: 422, title: 'Unprocessable Content' });
  });
});

describe('other requests', () => {
  it('accept JSON with a charset parameter', async () => {
    const res = await call(app, 'POST', '/api/sources', { name: 'Charset', type: 'person' }, { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
  });

  it('answer an unknown route with a 404 problem', async () => {
    expectProblem(await call(app, 'GET', '/api/nothing-here'), 404);
    expectProblem(await call(app, 'DELETE', `/api/claims/${claimId}`), 404);
    expect((await call(app, 'GET', `/api/claims/${claimId}`)).status).toBe(200);
  });

  it('bound the body even without a content-length header', async () => {
    const body = new ReadableStream({
      start(controller) {
        const chunk = new TextEncoder().encode(`{"name":"${'y'.repeat(64 * 1024)}`);
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('","type":"person"}'));
        controller.close();
      },
    });
    const res = await unchanged(async () => app.request('/api/sources', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
