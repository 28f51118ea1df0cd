/**
 * Issue 17's reads on a real database: GET /api/claims/{id}/scores items of multiple-choice
 * and numeric questions, /aggregate (the renormalised median, the average of CDFs) and
 * /api/calibration?questionType=multiple-choice|numeric|date. Expected values are worked by
 * hand: baseline 100·ln(K·p)/ln K (multiple choice), 100·ln(mass·200)/2 (continuous, closed);
 * peer 100·n/(n−1)·ln(p/gm).
 */
import { describe, expect, it } from 'vitest';
import { call, freshApp, uid } from '../helpers/db.js';

const { app } = await freshApp();
const uniform = Array.from({ length: 201 }, (_, i) => i / 200);

async function source() {
  const id = uid('src');
  expect((await call(app, 'POST', '/api/sources', { id, name: id, type: 'forecaster' })).status).toBe(201);
  return id;
}
async function question(tag: string, fields: Record<string, unknown>) {
  const r = await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2025-01-01', openedAt: '2024-01-01', tags: [tag], ...fields });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}
async function forecast(claimId: string, body: Record<string, unknown>) {
  const r = await call(app, 'POST', `/api/claims/${claimId}/forecasts`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}
async function resolve(claimId: string, value: unknown) {
  const r = await call(app, 'POST', `/api/claims/${claimId}/resolution`, { value, knownOn: '2025-01-01' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

const tag = uid('tag');
const [ann, bob] = [await source(), await source()];
const mc = await question(tag, { questionType: 'multiple-choice', options: ['low', 'mid', 'high'], ordered: true });
await forecast(mc, { sourceId: ann, probabilities: [0.2, 0.3, 0.5], madeAt: '2024-01-01' });
await forecast(mc, { sourceId: bob, probabilities: [0.6, 0.3, 0.1], madeAt: '2024-01-01' });
const num = await question(tag, { questionType: 'numeric', range: { min: 0, max: 200 } });
await forecast(num, { sourceId: ann, cdf: uniform, madeAt: '2024-01-01' });

describe('GET /api/claims/{id}/scores of a multiple-choice or numeric question', () => {
  it('is empty until the question resolves with a value', async () => {
    const open = await call(app, 'GET', `/api/claims/${mc}/scores`);
    expect(open.body).toMatchObject({ outcome: null, sources: [], crowd: null });
  });

  it('multiple choice: Brier, log score, RPS of the last forecast; baseline, peer, coverage; the crowd', async () => {
    await resolve(mc, 'high');
    const { status, body } = await call(app, 'GET', `/api/claims/${mc}/scores`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ claimId: mc, outcome: 'resolved', openedAt: '2024-01-01T00:00:00.000Z', scheduledCloseAt: '2025-01-01T00:00:00.000Z', closedAt: '2025-01-01T00:00:00.000Z' });
    const gm = Math.sqrt(0.5 * 0.1);
    const want = (id: string, p: number[], rps: number) => ({
      sourceId: id,
      brier: expect.closeTo(p[0]! ** 2 + p[1]! ** 2 + (1 - p[2]!) ** 2, 12),
      logScore: expect.closeTo(Math.log(p[2]!), 12),
      rps: expect.closeTo(rps, 12),
      baseline: expect.closeTo((100 * Math.log(3 * p[2]!)) / Math.log(3), 8),
      peer: expect.closeTo(100 * 2 * Math.log(p[2]! / gm), 8),
      coverage: expect.closeTo(1, 12),
    });
    // RPS: cumulative (0.2, 0.5) and (0.6, 0.9) against (0, 0), over K − 1 = 2.
    expect(body.sources).toEqual([want(ann, [0.2, 0.3, 0.5], (0.04 + 0.25) / 2), want(bob, [0.6, 0.3, 0.1], (0.36 + 0.81) / 2)].sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1)));
    // Two forecasters: the plain median per option, [0.4, 0.3, 0.3], which renormalising keeps.
    expect(body.crowd).toEqual({ baseline: expect.closeTo((100 * Math.log(0.9)) / Math.log(3), 8), coverage: expect.closeTo(1, 12) });
    const spot = await call(app, 'GET', `/api/claims/${mc}/scores?at=2024-06-01`);
    expect(spot.body.sources.find((s: { sourceId: string }) => s.sourceId === ann)).toEqual({ sourceId: ann, baseline: expect.closeTo((100 * Math.log(1.5)) / Math.log(3), 8), peer: expect.closeTo(100 * 2 * Math.log(0.5 / gm), 8), coverage: 1 });
  });

  it('numeric: log score of the outcome bucket’s mass and the CRPS; a lone forecaster’s peer is 0', async () => {
    await resolve(num, 50);
    const { body } = await call(app, 'GET', `/api/claims/${num}/scores`);
    expect(body.sources).toEqual([{ sourceId: ann, logScore: expect.closeTo(Math.log(1 / 200), 12), crps: expect.closeTo((200 * 28) / 192, 9), baseline: expect.closeTo(0, 9), peer: 0, coverage: expect.closeTo(1, 12) }]);
  });
});

describe('GET /api/claims/{id}/aggregate of these questions', () => {
  it('multiple choice: the renormalised recency-weighted median per option', async () => {
    const { body } = await call(app, 'GET', `/api/claims/${mc}/aggregate`);
    expect(body.method).toBe('recency-weighted-median');
    expect(body.history).toEqual([{ at: '2024-01-01T00:00:00.000Z', probabilities: [expect.closeTo(0.4, 12), expect.closeTo(0.3, 12), expect.closeTo(0.3, 12)], forecasters: 2 }]);
  });

  it('numeric: the recency-weighted average of the CDFs', async () => {
    const { body } = await call(app, 'GET', `/api/claims/${num}/aggregate`);
    expect(body.method).toBe('recency-weighted-mean');
    expect(body.history).toHaveLength(1);
    expect(body.history[0].cdf).toEqual(uniform.map((v) => expect.closeTo(v, 12)));
  });
});

describe('GET /api/calibration?questionType=', () => {
  it('multiple-choice: every option of each last forecast as a yes/no forecast', async () => {
    const { status, body } = await call(app, 'GET', `/api/calibration?questionType=multiple-choice&tag=${tag}&source=${ann}`);
    expect(status).toBe(200);
    expect(body.count).toBe(3);
    expect(body.brier).toBeCloseTo((0.04 + 0.09 + 0.25) / 3, 12);
    expect(body.bins.filter((b: { count: number }) => b.count > 0).map((b: { lower: number; count: number; observedFrequency: number }) => [b.lower, b.count, b.observedFrequency])).toEqual([
      [0.2, 1, 0],
      [0.3, 1, 0],
      [0.5, 1, 1],
    ]);
    expect((await call(app, 'GET', `/api/calibration?questionType=multiple-choice&tag=${tag}`)).body.count).toBe(6);
    // Yes/no calibration is what it was: these questions are not in it.
    expect((await call(app, 'GET', `/api/calibration?tag=${tag}`)).body.count).toBe(0);
  });

  it('numeric: the PIT histogram, 10 bins with Wilson intervals; date: none yet', async () => {
    const { body } = await call(app, 'GET', `/api/calibration?questionType=numeric&tag=${tag}`);
    // Exactly the shape { pit: { count, bins } }: no other key beside `pit`.
    expect(Object.keys(body)).toEqual(['pit']);
    expect(Object.keys(body.pit).sort()).toEqual(['bins', 'count']);
    expect(body.pit.count).toBe(1);
    expect(body.pit.bins).toHaveLength(10);
    // The uniform CDF at 50 of 0–200: PIT 0.25, in [0.2, 0.3).
    expect(body.pit.bins[2]).toMatchObject({ lower: 0.2, upper: 0.3, count: 1, share: 1, interval: [expect.any(Number), 1] });
    expect((await call(app, 'GET', `/api/calibration?questionType=date&tag=${tag}`)).body).toEqual({ pit: { count: 0, bins: expect.any(Array) } });
  });
});

describe('rule=time-weighted with a question type other than yes/no', () => {
  it('is refused with a 400 problem naming /rule, not silently ignored', async () => {
    for (const type of ['multiple-choice', 'numeric', 'date']) {
      const res = await call(app, 'GET', `/api/calibration?questionType=${type}&rule=time-weighted`);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ pointer: '/rule', message: expect.stringMatching(/only rule=last applies/) }]);
      expect((await call(app, 'GET', `/api/calibration?questionType=${type}&rule=last`)).status).toBe(200);
    }
    expect((await call(app, 'GET', '/api/calibration?questionType=binary&rule=time-weighted')).status).toBe(200);
  });
});

