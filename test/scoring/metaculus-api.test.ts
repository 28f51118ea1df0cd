/**
 * Issue 16's routes on a real database: /api/claims/{id}/scores (and ?at=), /aggregate,
 * /api/sources/{id}/scores, /api/leaderboard; the projection kept by resolution, reopening,
 * bulk import and rebuild; openedAt on claims. Expected values are worked by hand from
 * Metaculus's formulas: baseline S(p) = 100·log₂(2p), peer 100·n/(n−1)·ln(p/gm).
 */
import { describe, expect, it } from 'vitest';
import { importBundle } from '../../src/import/load-bundle.js';
import { checkProjections, rebuildProjections, snapshotProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';

const ctx = await freshApp();
const { app } = ctx;
const S = (p: number) => 100 * Math.log2(2 * p);
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();

async function source(type = 'forecaster') {
  const id = uid('src');
  expect((await call(app, 'POST', '/api/sources', { id, name: id, type })).status).toBe(201);
  return id;
}

async function claim(tag: string, openedAt = day(0), deadline = day(10)) {
  const r = await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline, openedAt, tags: [tag] });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

async function forecast(claimId: string, sourceId: string, probability: number, madeAt: string) {
  const r = await call(app, 'POST', `/api/claims/${claimId}/forecasts`, { sourceId, probability, madeAt });
  expect(r.status).toBe(201);
  return r.body;
}

const resolve = (id: string, outcome: string, knownOn: string) => call(app, 'POST', `/api/claims/${id}/resolution`, { outcome, knownOn });

// a 0.8 from day 0; b 0.5 from day 3; the platform m 0.99 from day 1. Window days 0–10, resolved Yes on day 6.
const tag = uid('tag');
const [a, b, m] = [await source(), await source(), await source('forecasting-platform')];
const q = await claim(tag);
await forecast(q, a, 0.8, day(0));
await forecast(q, m, 0.99, day(1));
await forecast(q, b, 0.5, day(3));
const g = Math.sqrt(0.8 * 0.5);

describe('GET /api/claims/{id}/scores', () => {
  it('an open claim: no scores yet, no crowd', async () => {
    const r = await call(app, 'GET', `/api/claims/${q}/scores`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ claimId: q, outcome: null, openedAt: day(0), scheduledCloseAt: day(10), closedAt: day(10), sources: [], crowd: null });
  });

  it('resolved early: truncated baseline, peer against the others, coverage; the platform left out of the comparison and the crowd', async () => {
    expect((await resolve(q, 'confirmed', day(6))).status).toBe(201);
    const r = await call(app, 'GET', `/api/claims/${q}/scores`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['claimId', 'outcome', 'openedAt', 'scheduledCloseAt', 'closedAt', 'sources', 'crowd']);
    expect(r.body).toMatchObject({ claimId: q, outcome: 'confirmed', openedAt: day(0), scheduledCloseAt: day(10), closedAt: day(6) });
    const want = [
      { sourceId: a, baseline: S(0.8) * 0.6, peer: 200 * Math.log(0.8 / g) * 0.3, coverage: 0.6 },
      { sourceId: b, baseline: 0, peer: 200 * Math.log(0.5 / g) * 0.3, coverage: 0.3 },
      { sourceId: m, baseline: S(0.99) * 0.5, peer: 200 * Math.log(0.99 / g) * 0.3, coverage: 0.5 },
    ].sort((x, y) => (x.sourceId < y.sourceId ? -1 : 1));
    expect(r.body.sources.map((s: { sourceId: string }) => s.sourceId)).toEqual(want.map((w) => w.sourceId));
    r.body.sources.forEach((s: Record<string, number>, i: number) => {
      for (const k of ['baseline', 'peer', 'coverage'] as const) expect(s[k]).toBeCloseTo(want[i]![k], 9);
    });
    // The crowd: a alone (0.8) on days 0–3, then the median of a and b (0.65) until the close on day 6.
    expect(r.body.crowd.baseline).toBeCloseTo(S(0.8) * 0.3 + S(0.65) * 0.3, 9);
    expect(r.body.crowd.coverage).toBeCloseTo(0.6, 12);
  });

  it('?at= gives spot scores of what stood then', async () => {
    const r = await call(app, 'GET', `/api/claims/${q}/scores?at=${day(4)}`);
    expect(r.status).toBe(200);
    const bySource = Object.fromEntries(r.body.sources.map((s: { sourceId: string }) => [s.sourceId, s]));
    expect(bySource[a].baseline).toBeCloseTo(S(0.8), 9);
    expect(bySource[a].peer).toBeCloseTo(200 * Math.log(0.8 / g), 9);
    expect(bySource[a].coverage).toBe(1);
    expect(bySource[m].peer).toBeCloseTo(200 * Math.log(0.99 / g), 9);
    expect(r.body.crowd.baseline).toBeCloseTo(S(0.65), 9);
    expect((await call(app, 'GET', `/api/claims/${q}/scores?at=${day(0.5)}`)).body.sources.map((s: { sourceId: string }) => s.sourceId)).toEqual([a]);
  });

  it('404 for no such claim, 400 naming /at for a bad instant', async () => {
    expect((await call(app, 'GET', '/api/claims/no-such-claim/scores')).status).toBe(404);
    const bad = await call(app, 'GET', `/api/claims/${q}/scores?at=2024-02-30`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('/at');
  });
});

describe('GET /api/claims/{id}/aggregate', () => {
  it('the recency-weighted median at each instant a counted forecast was made, the platform left out', async () => {
    const r = await call(app, 'GET', `/api/claims/${q}/aggregate`);
    expect(r.status).toBe(200);
    expect(r.body.method).toBe('recency-weighted-median');
    expect(r.body.history).toEqual([
      { at: day(0), probability: 0.8, forecasters: 1 },
      { at: day(3), probability: expect.closeTo(0.65, 12), forecasters: 2 },
    ]);
  });
});

describe('reopening and resolving again', () => {
  it('reopening drops the scores; resolving No scores the other bucket', async () => {
    expect((await call(app, 'POST', `/api/claims/${q}/reopen`, { reason: 'wrong date' })).status).toBe(201);
    expect((await call(app, 'GET', `/api/claims/${q}/scores`)).body.sources).toEqual([]);
    expect((await call(app, 'GET', `/api/sources/${a}/scores`)).body.questions).toBe(0);
    expect((await resolve(q, 'refuted', day(8))).status).toBe(201);
    const r = await call(app, 'GET', `/api/claims/${q}/scores`);
    const sa = r.body.sources.find((s: { sourceId: string }) => s.sourceId === a);
    expect(sa.baseline).toBeCloseTo(S(0.2) * 0.8, 9);
    expect(sa.coverage).toBeCloseTo(0.8, 12);
    expect(await checkProjections(ctx.db.client)).toEqual([]);
  });
});

describe('a single forecaster, a retracted forecast, and the leaderboard', () => {
  const solo = uid('solo');
  it('a lone forecaster has a peer score of 0; a retracted forecast never stood', async () => {
    await call(app, 'POST', '/api/sources', { id: solo, name: solo, type: 'forecaster' });
    const c = await claim(tag);
    const wrong = await forecast(c, solo, 0.1, day(0));
    expect((await call(app, 'POST', `/api/events/${wrong.seq}/retraction`, { reason: 'typo' })).status).toBe(201);
    await forecast(c, solo, 0.9, day(5));
    expect((await resolve(c, 'confirmed', day(10))).status).toBe(201);
    const r = await call(app, 'GET', `/api/claims/${c}/scores`);
    expect(r.body.sources).toEqual([{ sourceId: solo, baseline: expect.closeTo(S(0.9) * 0.5, 9), peer: 0, coverage: 0.5 }]);
  });

  it('ranks by peer sum (ties share a rank), by baseline, and by sum ÷ max(30, coverage)', async () => {
    const peer = await call(app, 'GET', `/api/leaderboard?tag=${tag}`);
    expect(peer.status).toBe(200);
    const items = peer.body.items as Array<{ rank: number; sourceId: string; questions: number; sum: number; mean: number; coverage: number }>;
    expect(items.map((i) => i.sourceId).sort()).toEqual([a, b, m, solo].sort());
    for (const [i, it] of items.entries()) {
      expect(Object.keys(it)).toEqual(['rank', 'sourceId', 'questions', 'sum', 'mean', 'coverage']);
      expect(it.mean).toBeCloseTo(it.sum / it.questions, 12);
      if (i > 0) expect(it.sum).toBeLessThanOrEqual(items[i - 1]!.sum);
      expect(it.rank).toBe(i > 0 && it.sum === items[i - 1]!.sum ? items[i - 1]!.rank : i + 1);
    }
    expect(items.find((i) => i.sourceId === solo)).toMatchObject({ questions: 1, sum: 0 });
    const base = await call(app, 'GET', `/api/leaderboard?score=baseline&order=mean&tag=${tag}`);
    const keys = base.body.items.map((i: { sum: number; coverage: number }) => i.sum / Math.max(30, i.coverage));
    expect([...keys].sort((x: number, y: number) => y - x)).toEqual(keys);
    expect(base.body.items.find((i: { sourceId: string }) => i.sourceId === solo).sum).toBeCloseTo(S(0.9) * 0.5, 9);
  });

  it('the unfiltered leaderboard (from the totals) agrees with the filtered one (from the rows)', async () => {
    const all = await call(app, 'GET', '/api/leaderboard');
    const tagged = await call(app, 'GET', `/api/leaderboard?tag=${tag}`);
    expect(all.body).toEqual(tagged.body);
    expect((await call(app, 'GET', '/api/leaderboard?score=best')).status).toBe(400);
  });
});

describe('GET /api/sources/{id}/scores', () => {
  it('sums and means over questions with coverage, filtered by tag and period', async () => {
    const r = await call(app, 'GET', `/api/sources/${a}/scores`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      sourceId: a,
      questions: 1,
      baseline: { sum: expect.closeTo(S(0.2) * 0.8, 9), mean: expect.closeTo(S(0.2) * 0.8, 9) },
      peer: { sum: expect.any(Number), mean: expect.any(Number) },
      coverage: { sum: expect.closeTo(0.8, 12), mean: expect.closeTo(0.8, 12) },
    });
    expect((await call(app, 'GET', `/api/sources/${a}/scores?from=2024-01-09`)).body.questions).toBe(1);
    expect((await call(app, 'GET', `/api/sources/${a}/scores?to=2024-01-08`)).body.questions).toBe(0);
    const none = await call(app, 'GET', `/api/sources/${a}/scores?tag=nothing-here`);
    expect(none.body).toEqual({ sourceId: a, questions: 0, baseline: { sum: 0, mean: null }, peer: { sum: 0, mean: null }, coverage: { sum: 0, mean: null } });
    expect((await call(app, 'GET', '/api/sources/nobody/scores')).status).toBe(404);
  });
});

describe('openedAt', () => {
  it('is accepted, shown, and defaults to the recording; a window that is empty scores nothing', async () => {
    const q2 = await claim(tag, '2023-06-01T00:00:00Z');
    expect((await call(app, 'GET', `/api/claims/${q2}`)).body.openedAt).toBe('2023-06-01T00:00:00Z');
    const plain = await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01' });
    const view = await call(app, 'GET', `/api/claims/${plain.body.id}`);
    expect(view.body.openedAt).toBe(view.body.createdAt);
    // Opened after its deadline (a question logged late, as imports can be): accepted, but its window is empty, so nothing is scored.
    const late = await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2024-01-01', openedAt: '2024-02-01' });
    expect(late.status).toBe(201);
    await forecast(late.body.id, a, 0.9, '2023-12-01T00:00:00Z');
    expect((await resolve(late.body.id, 'confirmed', '2024-01-01')).status).toBe(201);
    expect((await call(app, 'GET', `/api/claims/${late.body.id}/scores`)).body).toMatchObject({ outcome: 'confirmed', sources: [], crowd: null });
    const bad = await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2024-01-01', openedAt: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('/openedAt');
  });
});

describe('bulk import and rebuild keep the projection', () => {
  it('an imported resolved question is scored at the bulk commit, as a rebuild scores it', async () => {
    const [x, y] = [uid('imp'), uid('imp')];
    const bundle = {
      sources: [{ id: x, name: x, type: 'forecaster' as const }, { id: y, name: y, type: 'forecaster' as const }],
      claims: [
        {
          kind: 'prediction' as const, title: 'Imported', statement: 'S', resolutionCriteria: 'C', tags: [tag], openedAt: day(0), deadline: day(10),
          forecasts: [{ sourceId: x, probability: 0.7, madeAt: day(1) }, { sourceId: y, probability: 0.4, madeAt: day(2) }, { sourceId: x, probability: 0.9, madeAt: day(4) }],
          resolution: { outcome: 'confirmed' as const, knownOn: day(9) },
        },
      ],
    };
    await importBundle(ctx.ledger, bundle);
    const r = await call(app, 'GET', `/api/sources/${x}/scores`);
    expect(r.body.questions).toBe(1);
    expect(r.body.baseline.sum).toBeCloseTo(S(0.7) * 0.3 + S(0.9) * 0.5, 9);
    const before = await snapshotProjections(ctx.db.client);
    await rebuildProjections(ctx.db.client);
    const after = await snapshotProjections(ctx.db.client);
    for (const t of ['claim_scores', 'claim_crowd_scores', 'source_score_totals']) expect(after[t]).toBe(before[t]);
    expect(await checkProjections(ctx.db.client)).toEqual([]);
  });

  it('the projection check names a tampered score table', async () => {
    await ctx.db.client.execute('UPDATE source_score_totals SET peer_sum = peer_sum + 1');
    expect(await checkProjections(ctx.db.client)).toContain('source_score_totals');
    await rebuildProjections(ctx.db.client);
    expect(await checkProjections(ctx.db.client)).toEqual([]);
  });
});

describe('calibration closedOnly=true', () => {
  it('leaves out questions whose scheduled close has not passed, and says how many', async () => {
    const t = uid('cal');
    const early = await claim(t, day(0), '2030-01-01');
    const closed = await claim(t, day(0), day(10));
    await forecast(early, a, 0.7, day(1));
    await forecast(closed, a, 0.3, day(1));
    expect((await resolve(early, 'confirmed', day(6))).status).toBe(201);
    expect((await resolve(closed, 'refuted', day(9))).status).toBe(201);
    const all = await call(app, 'GET', `/api/calibration?tag=${t}`);
    expect(all.body.count).toBe(2);
    expect(all.body.leftOutQuestions).toBeUndefined();
    const only = await call(app, 'GET', `/api/calibration?tag=${t}&closedOnly=true`);
    expect(only.status).toBe(200);
    expect(only.body.count).toBe(1);
    expect(only.body.brier).toBeCloseTo(0.09, 12);
    expect(only.body.leftOutQuestions).toBe(1);
  });
});
