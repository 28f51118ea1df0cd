/** The source routes and the claim header routes: happy paths, paging and their errors. */
import { describe, expect, it } from 'vitest';
import { call, freshApp, uid } from '../helpers/db.js';
import { claim, events, expectProblem, getClaim, type App } from './fixtures.js';

const ctx = await freshApp();
const app: App = ctx.app;

describe('POST /api/sources and GET /api/sources/{id}', () => {
  it('registers a source: 201, Location and the stored body', async () => {
    const id = uid('src');
    const input = { id, name: 'Ministry of Defence', type: 'government', country: 'GB', url: 'https://www.gov.uk/mod' };
    const res = await call(app, 'POST', '/api/sources', input);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/sources/${id}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(input);
    const got = await call(app, 'GET', `/api/sources/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(input);
  });

  it('makes a slug id from the name when none is given, and a distinct one for the same name', async () => {
    const name = `Agence Défense Française ${uid('n')}!`;
    const a = await call(app, 'POST', '/api/sources', { name, type: 'media' });
    expect(a.status).toBe(201);
    expect(a.body.id).toMatch(/^agence-defense-francaise-/);
    expect(a.body.id).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
    const b = await call(app, 'POST', '/api/sources', { name, type: 'media' });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.id.startsWith(a.body.id)).toBe(true);
    expect(b.headers.get('location')).toBe(`/api/sources/${b.body.id}`);
  });

  it('refuses a duplicate id (409 /id), a bad id or country (400) and answers 404 for an unknown id', async () => {
    const id = uid('src');
    expect((await call(app, 'POST', '/api/sources', { id, name: 'One', type: 'person' })).status).toBe(201);
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', '/api/sources', { id, name: 'Two', type: 'person' }), 409, '/id');
    expectProblem(await call(app, 'POST', '/api/sources', { id: 'Not A Slug', name: 'Two', type: 'person' }), 400, '/id');
    expectProblem(await call(app, 'POST', '/api/sources', { name: 'Two', type: 'person', country: 'gbr' }), 400, '/country');
    expectProblem(await call(app, 'POST', '/api/sources', { name: 'Two', type: 'alien' }), 400, '/type');
    expectProblem(await call(app, 'POST', '/api/sources', { name: 'Two', type: 'person', url: 'ftp://x.org/' }), 400, '/url');
    expect(await events(ctx.db)).toBe(before);
    expect((await call(app, 'GET', `/api/sources/${id}`)).body.name).toBe('One');
    expectProblem(await call(app, 'GET', `/api/sources/${uid('none')}`), 404);
    expectProblem(await call(app, 'GET', '/api/sources/NOT_A_SLUG'), 400, '/id');
  });
});

describe('GET /api/sources', () => {
  it('pages through every source by name without duplicates or gaps', async () => {
    const mine = [];
    for (let i = 0; i < 7; i++) {
      const id = uid('pg');
      // Equal names on purpose: the id breaks the tie.
      mine.push(id);
      expect((await call(app, 'POST', '/api/sources', { id, name: i % 2 ? 'Zed Paging' : 'Aardvark Paging', type: 'forecaster' })).status).toBe(201);
    }
    const all = await call(app, 'GET', '/api/sources?limit=200');
    expect(all.body.nextCursor).toBeNull();
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(app, 'GET', `/api/sources?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(3);
    expect(seen).toEqual(all.body.items);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const order = seen.map((s) => [s.name, s.id]);
    expect(order).toEqual([...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    for (const id of mine) expect(seen.some((s) => s.id === id)).toBe(true);
  });

  it('filters by type', async () => {
    const id = uid('ib');
    await call(app, 'POST', '/api/sources', { id, name: 'A body', type: 'international-body' });
    const res = await call(app, 'GET', '/api/sources?type=international-body&limit=200');
    expect(res.body.items.map((s: any) => s.id)).toContain(id);
    expect(res.body.items.every((s: any) => s.type === 'international-body')).toBe(true);
  });

  it('refuses a bad cursor, limit or type with 400', async () => {
    expectProblem(await call(app, 'GET', '/api/sources?cursor=not-a-cursor'), 400, '/cursor');
    expectProblem(await call(app, 'GET', `/api/sources?cursor=${Buffer.from('{"a":1}').toString('base64url')}`), 400, '/cursor');
    expectProblem(await call(app, 'GET', '/api/sources?limit=0'), 400, '/limit');
    expectProblem(await call(app, 'GET', '/api/sources?limit=201'), 400, '/limit');
    expectProblem(await call(app, 'GET', '/api/sources?type=alien'), 400, '/type');
  });
});

describe('POST, GET and PATCH /api/claims/{id}', () => {
  it('logs a claim: 201, Location, body; GET returns it with its history', async () => {
    const id = uid('cl');
    const input = { id, kind: 'prediction', title: 'Ceasefire by mid-2031', statement: 'A ceasefire holds by 30 June 2031.', resolutionCriteria: 'Both sides announce it.', details: 'Context.', tags: ['war', ' peace ', 'war'], deadline: '2031-06-30' };
    const res = await call(app, 'POST', '/api/claims', input);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/claims/${id}`);
    expect(res.body).toMatchObject({ id, kind: 'prediction', title: input.title, statement: input.statement, resolutionCriteria: input.resolutionCriteria, details: 'Context.', deadline: '2031-06-30', status: 'open', revision: 1, editedAfterForecasts: false, resolution: null });
    expect(res.body.tags).toEqual(['war', 'peace']);
    expect(Number.isNaN(Date.parse(res.body.createdAt))).toBe(false);
    const view = await getClaim(app, id);
    expect(view).toMatchObject(res.body);
    expect(view).toMatchObject({ revisions: [expect.objectContaining({ revision: 1 })], forecasts: [], stances: [], evidence: [], resolutions: [] });
    expect(view.timeline).toEqual([expect.objectContaining({ type: 'claim.created' })]);
  });

  it('makes an id from the title when none is given', async () => {
    const res = await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'Shells reach the front!', statement: 's', resolutionCriteria: 'r' });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^shells-reach-the-front-[a-z0-9]+$/);
    expect(res.headers.get('location')).toBe(`/api/claims/${res.body.id}`);
  });

  it('refuses a duplicate id (409), an unknown kind (400) and answers 404 for an unknown claim', async () => {
    const id = await claim(app);
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', '/api/claims', { id, kind: 'allegation', title: 't', statement: 's', resolutionCriteria: 'r' }), 409, '/id');
    expectProblem(await call(app, 'POST', '/api/claims', { kind: 'rumour', title: 't', statement: 's', resolutionCriteria: 'r' }), 400, '/kind');
    expectProblem(await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 't', statement: 's', resolutionCriteria: 'r', tags: ['x'.repeat(51)] }), 400, '/tags/0');
    expect(await events(ctx.db)).toBe(before);
    expectProblem(await call(app, 'GET', `/api/claims/${uid('none')}`), 404);
    expectProblem(await call(app, 'GET', '/api/claims/Bad%20Id'), 400, '/id');
  });

  it('edits: 200 with the new header; 404 for an unknown claim; tags and check-by can change', async () => {
    const id = await claim(app, { tags: ['a'], checkBy: '2030-01-01' });
    const res = await call(app, 'PATCH', `/api/claims/${id}`, { title: 'New title', tags: ['b', 'c'], checkBy: null, reason: 'retitled' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, title: 'New title', tags: ['b', 'c'], revision: 2 });
    expect(res.body.checkBy).toBeUndefined();
    expect(res.body.revisions).toBeUndefined();
    const view = await getClaim(app, id);
    expect(view.revisions[1]).toMatchObject({ title: 'New title', tags: ['b', 'c'], reason: 'retitled' });
    expect(view.revisions[1].checkBy).toBeUndefined();
    expect(view.revisions[0]).toMatchObject({ tags: ['a'], checkBy: '2030-01-01' });
    expectProblem(await call(app, 'PATCH', `/api/claims/${uid('none')}`, { title: 'x', reason: 'y' }), 404);
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { kind: 'prediction', reason: 'y' }), 400, '/kind');
  });
});
