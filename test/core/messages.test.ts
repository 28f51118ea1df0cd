/**
 * Issue 15 §3: a refusal is a sentence naming each bad field and its fix. The problem+json
 * shape (type URI, `errors` of { pointer, message }) stays exactly as outside clients know it;
 * only the words change: no "did not validate", no zod default ("Too big: expected number to
 * be <1"), and the instance's bounds quoted from its rules, not a constant.
 */
import { describe, expect, it } from 'vitest';
import { call, freshApp } from '../helpers/db.js';
import { claim, expectProblem, source } from './fixtures.js';

const { app } = await freshApp();
const narrow = await freshApp({ minProbability: 0.05, maxProbability: 0.95 });

const ZOD_DEFAULT = /Too (big|small)|expected (number|string)|Invalid (input|option)|did not validate/;

describe('validation messages name the field and the fix', () => {
  it('a bad body lists each field by pointer in the detail, and each message is a sentence about its field', async () => {
    const res = await call(app, 'POST', '/api/claims', { kind: 'guess', title: '', statement: 5, extra: true });
    expectProblem(res, 400);
    expect(res.body.type).toBe('urn:reckon:problem:validation');
    expect(res.body.detail).not.toMatch(ZOD_DEFAULT);
    for (const p of ['/kind', '/title', '/statement', '/resolutionCriteria', '/extra']) expect(res.body.detail).toContain(`${p}:`);
    const byPointer = Object.fromEntries(res.body.errors.map((e: { pointer: string; message: string }) => [e.pointer, e.message]));
    expect(byPointer['/kind']).toBe('kind must be one of prediction or allegation (it is “guess”).');
    expect(byPointer['/title']).toBe('title must not be empty.');
    expect(byPointer['/statement']).toBe('statement must be text, not 5.');
    expect(byPointer['/resolutionCriteria']).toBe('resolutionCriteria is required: give text.');
    expect(byPointer['/extra']).toMatch(/^extra is not a field of this request: remove it/);
    for (const m of Object.values(byPointer)) expect(m).toMatch(/\.$/);
  });

  it('a probability out of the schema range speaks in fractions with a hint; "70%" is told what to send', async () => {
    const src = await source(app);
    const id = await claim(app);
    const big = await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 1.5 });
    expectProblem(big, 400, '/probability');
    expect(big.body.errors[0].message).toBe('probability must be less than 1 (it is 1.5); give a fraction such as 0.7 for 70 %.');
    expect(big.body.detail).not.toMatch(ZOD_DEFAULT);
    const pct = await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: '70%' });
    expectProblem(pct, 400, '/probability');
    expect(pct.body.errors[0].message).toBe('probability must be a number, not “70%”; the API takes fractions: send 0.7 for 70 %.');
  });

  it('the bounds of the instance rules are quoted as configured, with the value sent', async () => {
    const app = narrow.app;
    const src = await source(app);
    const id = await claim(app);
    const res = await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.97 });
    expectProblem(res, 422, '/probability');
    expect(res.body.detail).toBe("Probability must be between 0.05 and 0.95, the bounds of this instance's rules (this one is 0.97).");
  });

  it('a bad query parameter names the parameter and the accepted values', async () => {
    const res = await call(app, 'GET', '/api/claims?status=bogus');
    expectProblem(res, 400, '/status');
    expect(res.body.detail).toMatch(/^The query string was not accepted\. Fix this field and send it again: \/status: status must be one of open, confirmed, refuted, [a-z, ]+ or [a-z]+ \(it is “bogus”\)\.$/);
  });

  it('text that cannot be stored is named as a sentence', async () => {
    const res = await call(app, 'POST', '/api/sources', { name: 'a\u0000b', type: 'person' });
    expectProblem(res, 400, '/name');
    expect(res.body.errors[0].message).toBe('name must not hold the NUL character (U+0000).');
  });
});

describe('GET /api/rules', () => {
  it("gives the instance's probability bounds, so a form can say them in percent before sending", async () => {
    expect((await call(narrow.app, 'GET', '/api/rules')).body).toEqual({ minProbability: 0.05, maxProbability: 0.95 });
    expect((await call(app, 'GET', '/api/rules')).body).toEqual({ minProbability: 0.01, maxProbability: 0.99 });
  });
});

describe('other refusals say what to send instead', () => {
  it('a cursor this server did not issue, on claims and on ranked sources', async () => {
    for (const path of ['/api/claims?cursor=bogus', '/api/sources?sort=brier&cursor=bogus']) {
      const res = await call(app, 'GET', path);
      expectProblem(res, 400, '/cursor');
      expect(res.body.detail, path).toBe('The query string was not accepted. Fix this field and send it again: /cursor: cursor is not one this server issued: pass the nextCursor of the previous page, or leave it out to start at the first.');
    }
  });
});
