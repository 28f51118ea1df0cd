/**
 * The item routes (forecasts, stances, evidence, resolution, reopen, retraction) and the
 * ledger routes (events, verify): happy paths and their errors.
 */
import { describe, expect, it } from 'vitest';
import { call, freshApp, uid } from '../helpers/db.js';
import { claim, events, expectProblem, getClaim, post, prediction, source, type App } from './fixtures.js';

const ctx = await freshApp();
const app: App = ctx.app;

/** The ledger event a 201 answer points at, through its Location header. */
async function located(res: { headers: Headers }) {
  const location = res.headers.get('location');
  expect(location).toMatch(/^\/api\/events\/\d+$/);
  const got = await call(app, 'GET', location!);
  expect(got.status).toBe(200);
  return got.body;
}

describe('POST /api/claims/{id}/forecasts', () => {
  it('records a forecast: 201, Location of its event, the forecast as the claim shows it', async () => {
    const src = await source(app);
    const id = await prediction(app);
    const res = await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.73, madeAt: '2024-04-01T09:30:00+02:00', note: 'base rates' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ claimId: id, sourceId: src, probability: 0.73, madeAt: '2024-04-01T07:30:00.000Z', note: 'base rates', backfilled: true, retracted: false });
    expect(res.body.id).toMatch(/^fc-/);
    const event = await located(res);
    expect(event).toMatchObject({ seq: res.body.seq, type: 'forecast.recorded', claimId: id, recordedBy: 'local', recordedAt: res.body.recordedAt, payload: { id: res.body.id, probability: 0.73 } });
    expect((await getClaim(app, id)).forecasts).toEqual([{ ...res.body, counted: true }]);
  });

  it('answers 404 for an unknown claim and 422 /sourceId for an unknown source', async () => {
    const src = await source(app);
    const id = await prediction(app);
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', `/api/claims/${uid('none')}/forecasts`, { sourceId: src, probability: 0.5 }), 404);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: uid('nobody'), probability: 0.5 }), 422, '/sourceId');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { probability: 0.5 }), 400, '/sourceId');
    expect(await events(ctx.db)).toBe(before);
  });
});

describe('POST /api/claims/{id}/stances', () => {
  it('records a stance with quote, link and stated confidence', async () => {
    const src = await source(app);
    const id = await claim(app);
    const res = await call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: src, stance: 'denies', date: '2023-09', quote: '“Absurd.”', url: 'https://example.org/a', confidence: 0.9 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ claimId: id, sourceId: src, stance: 'denies', date: '2023-09', quote: '“Absurd.”', url: 'https://example.org/a', confidence: 0.9, retracted: false });
    expect((await located(res)).type).toBe('stance.recorded');
  });

  it('normalises an ICD-203 estimative phrase and refuses one with a confidence too', async () => {
    const src = await source(app);
    const id = await claim(app);
    const ok = await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2024', estimative: '  Very Likely ' });
    expect(ok.estimative).toBe('very likely');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2024', estimative: 'fairly sure' }), 400, '/estimative');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2024', estimative: 'likely', confidence: 0.6 }), 422, '/estimative');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: src, stance: 'maybe', date: '2024' }), 400, '/stance');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: uid('nobody'), stance: 'asserts', date: '2024' }), 422, '/sourceId');
    expectProblem(await call(app, 'POST', `/api/claims/${uid('none')}/stances`, { sourceId: src, stance: 'asserts', date: '2024' }), 404);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2999' }), 422, '/date');
  });
});

describe('POST /api/claims/{id}/evidence', () => {
  it('records graded evidence', async () => {
    const id = await claim(app);
    const input = { date: '2023-10-13', summary: 'Containers at Rajin', bearing: 'supports', url: 'https://example.org/img', publishedBy: 'Open-source analysts', grade: { reliability: 'B', credibility: 2 } };
    const res = await call(app, 'POST', `/api/claims/${id}/evidence`, input);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...input, claimId: id, retracted: false });
    expect(res.body.id).toMatch(/^ev-/);
    expect((await located(res)).type).toBe('evidence.recorded');
  });

  it('refuses a bad grade or bearing (400) and an unknown claim (404)', async () => {
    const id = await claim(app);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/evidence`, { date: '2023', summary: 's', bearing: 'supports', grade: { reliability: 'G', credibility: 2 } }), 400, '/grade/reliability');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/evidence`, { date: '2023', summary: 's', bearing: 'supports', grade: { reliability: 'A', credibility: 7 } }), 400, '/grade/credibility');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/evidence`, { date: '2023', summary: 's', bearing: 'proves' }), 400, '/bearing');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/evidence`, { date: '2023', summary: '  ', bearing: 'context' }), 400, '/summary');
    expectProblem(await call(app, 'POST', `/api/claims/${uid('none')}/evidence`, { date: '2023', summary: 's', bearing: 'context' }), 404);
  });
});

describe('resolution, reopen and retraction routes', () => {
  it('resolve: 201 with the resolution, Location of its event; the claim shows it', async () => {
    const id = await claim(app);
    const ev = await post(app, `/api/claims/${id}/evidence`, { date: '2024-01', summary: 's', bearing: 'supports' });
    const res = await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'annulled', knownOn: '2024-02-01T10:00:00Z', note: 'ill-posed', evidenceIds: [ev.id, ev.id] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ seq: res.body.seq, outcome: 'annulled', knownOn: '2024-02-01T10:00:00Z', note: 'ill-posed', evidenceIds: [ev.id], recordedAt: res.body.recordedAt, uncountedForecasts: 0 });
    expect(await located(res)).toMatchObject({ type: 'claim.resolved', seq: res.body.seq });
    const { uncountedForecasts: _n, ...resolution } = res.body;
    expect((await getClaim(app, id))).toMatchObject({ status: 'annulled', resolution });
    expectProblem(await call(app, 'POST', `/api/claims/${uid('none')}/resolution`, { outcome: 'confirmed', knownOn: '2024-01-01' }), 404);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-03-01' }), 409);
  });

  it('refuses a resolution known in the future', async () => {
    const id = await claim(app);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2999-01-01' }), 422, '/knownOn');
  });

  it('reopen: 201 with the reopening, Location of its event; 404 for an unknown claim', async () => {
    const id = await claim(app);
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'unresolvable', knownOn: '2024-01-01' });
    const res = await call(app, 'POST', `/api/claims/${id}/reopen`, { reason: 'new archive opened' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ seq: res.body.seq, claimId: id, reason: 'new archive opened', recordedAt: res.body.recordedAt });
    expect(await located(res)).toMatchObject({ type: 'claim.reopened', payload: { claimId: id, reason: 'new archive opened' } });
    expectProblem(await call(app, 'POST', `/api/claims/${uid('none')}/reopen`, { reason: 'x' }), 404);
  });

  it('retraction: 201 with the retraction; a bad seq is 400', async () => {
    const src = await source(app);
    const id = await claim(app);
    const st = await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2024' });
    const res = await call(app, 'POST', `/api/events/${st.seq}/retraction`, { reason: 'wrong source' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ seq: res.body.seq, targetSeq: st.seq, targetType: 'stance', targetId: st.id, claimId: id, reason: 'wrong source', recordedAt: res.body.recordedAt });
    expect(await located(res)).toMatchObject({ type: 'event.retracted', claimId: id });
    expectProblem(await call(app, 'POST', '/api/events/abc/retraction', { reason: 'x' }), 400, '/seq');
    expectProblem(await call(app, 'POST', '/api/events/0/retraction', { reason: 'x' }), 400, '/seq');
  });
});

describe('GET /api/events, /api/events/{seq} and /api/verify', () => {
  it('pages the ledger in sequence order with after and limit', async () => {
    await claim(app);
    const total = await events(ctx.db);
    const all = await call(app, 'GET', '/api/events?limit=1000');
    expect(all.body.items.map((e: any) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(all.body.nextCursor).toBeNull();
    const first = await call(app, 'GET', '/api/events?limit=3');
    expect(first.body.items.map((e: any) => e.seq)).toEqual([1, 2, 3]);
    expect(first.body.nextCursor).toBe('3');
    const next = await call(app, 'GET', `/api/events?after=${first.body.nextCursor}&limit=2`);
    expect(next.body.items.map((e: any) => e.seq)).toEqual([4, 5]);
    const tail = await call(app, 'GET', `/api/events?after=${total - 1}&limit=5`);
    expect(tail.body.items.map((e: any) => e.seq)).toEqual([total]);
    expect(tail.body.nextCursor).toBeNull();
    expect((await call(app, 'GET', `/api/events?after=${total}`)).body).toEqual({ items: [], nextCursor: null });
    const e = all.body.items[0];
    expect(Object.keys(e).sort()).toEqual(['claimId', 'hash', 'payload', 'prevHash', 'recordedAt', 'recordedBy', 'seq', 'type']);
    expect(e.prevHash).toBe('0'.repeat(64));
    expect(all.body.items[1].prevHash).toBe(e.hash);
  });

  it('refuses bad paging values with 400', async () => {
    expectProblem(await call(app, 'GET', '/api/events?limit=0'), 400, '/limit');
    expectProblem(await call(app, 'GET', '/api/events?limit=1001'), 400, '/limit');
    expectProblem(await call(app, 'GET', '/api/events?after=-1'), 400, '/after');
    expectProblem(await call(app, 'GET', '/api/events?after=x'), 400, '/after');
  });

  it('returns one event by seq, 404 when there is none, 400 for a bad seq', async () => {
    await claim(app);
    const one = await call(app, 'GET', '/api/events/1');
    expect(one.status).toBe(200);
    expect(one.body.seq).toBe(1);
    expect(one.body).toEqual((await call(app, 'GET', '/api/events?limit=1')).body.items[0]);
    expectProblem(await call(app, 'GET', `/api/events/${(await events(ctx.db)) + 1}`), 404);
    expectProblem(await call(app, 'GET', '/api/events/abc'), 400, '/seq');
  });

  it('verifies the chain up to its head', async () => {
    await claim(app);
    const n = await events(ctx.db);
    const res = await call(app, 'GET', '/api/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, events: n, head: (await call(app, 'GET', `/api/events/${n}`)).body.hash });
  });
});
