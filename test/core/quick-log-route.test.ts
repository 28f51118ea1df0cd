/** GET /api/quick-log/parse (a draft, nothing recorded) and POST /api/quick-log (claim and forecast in one transaction). */
import { describe, expect, it } from 'vitest';
import { createToken } from '../../src/db/tokens.js';
import { call, freshApp } from '../helpers/db.js';
import { events, expectProblem, source } from './fixtures.js';

const { app, db } = await freshApp();
const claim = (title: string) => ({ kind: 'prediction', title, statement: title, resolutionCriteria: 'Yes if it happens by the deadline.', deadline: '2031-01-01', tags: ['review-criteria'] });

describe('GET /api/quick-log/parse', () => {
  it('reads the line into a draft and records nothing', async () => {
    const before = await events(db);
    const res = await call(app, 'GET', `/api/quick-log/parse?text=${encodeURIComponent('Will the ceasefire hold until 2027-06-30? 70%')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Will the ceasefire hold until 2027-06-30?', deadline: '2027-06-30', probability: 0.7, criteriaNeedReview: true, problems: [] });
    expectProblem(await call(app, 'GET', '/api/quick-log/parse?text='), 400, '/text');
    expect(await events(db)).toBe(before);
  });
});

describe('POST /api/quick-log', () => {
  it('logs the claim and the forecast together', async () => {
    const src = await source(app);
    const res = await call(app, 'POST', '/api/quick-log', { claim: claim('Quick and whole'), forecast: { sourceId: src, probability: 0.7 } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/claims/${res.body.claim.id}`);
    expect(res.body.claim).toMatchObject({ title: 'Quick and whole', deadline: '2031-01-01', tags: ['review-criteria'] });
    expect(res.body.forecast).toMatchObject({ sourceId: src, probability: 0.7 });
  });

  it('records neither when the forecast is refused, naming the field under /forecast', async () => {
    const src = await source(app);
    const before = await events(db);
    expectProblem(await call(app, 'POST', '/api/quick-log', { claim: claim('Too sure'), forecast: { sourceId: src, probability: 0.005 } }), 422, '/forecast/probability');
    expectProblem(await call(app, 'POST', '/api/quick-log', { claim: claim('Nobody'), forecast: { sourceId: 'nobody-at-all', probability: 0.5 } }), 422, '/forecast/sourceId');
    expectProblem(await call(app, 'POST', '/api/quick-log', { claim: { ...claim('Closed'), deadline: '2020-01-01' }, forecast: { sourceId: src, probability: 0.5 } }), 409);
    expectProblem(await call(app, 'POST', '/api/quick-log', { claim: { ...claim('No criteria'), resolutionCriteria: '' }, forecast: { sourceId: src, probability: 0.5 } }), 400, '/claim/resolutionCriteria');
    expect(await events(db)).toBe(before);
  });

  it('lets a write token forecast only as its own source', async () => {
    const own = await freshApp();
    const mine = await source(own.app);
    const theirs = await source(own.app);
    const { token } = await createToken(own.db.client, { name: 'me', sourceId: mine, scope: 'write' });
    const auth = { authorization: `Bearer ${token}` };
    expectProblem(await call(own.app, 'POST', '/api/quick-log', { claim: claim('Not mine'), forecast: { sourceId: theirs, probability: 0.5 } }, auth), 403, '/forecast/sourceId');
    expect((await call(own.app, 'POST', '/api/quick-log', { claim: claim('Mine'), forecast: { sourceId: mine, probability: 0.5 } }, auth)).status).toBe(201);
  });
});
