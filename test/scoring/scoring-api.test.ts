import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../src/demo-file.js';
import { importBundleFile } from '../../src/import/load-bundle.js';
import { calibrate, countForecast } from '../../src/domain/scoring/index.js';
import { call, freshApp, uid } from '../helpers/db.js';

const ctx = await freshApp();
const { app } = ctx;

beforeAll(async () => {
  await importBundleFile(ctx.ledger, DEMO_FILE);
});

async function source(type = 'forecaster') {
  const id = uid('src');
  expect((await call(app, 'POST', '/api/sources', { id, name: id, type })).status).toBe(201);
  return id;
}

async function prediction(tag: string) {
  const r = await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [tag] });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('the seed case track records', () => {
  const expected: Record<string, [number, number, number]> = {
    'us-intel': [1, 0, 0], // asserts nk-shells-purchase (confirmed)
    dprk: [0, 2, 2], // denies purchase (confirmed) + asserts never-exported (refuted) = 2 wrong; covert route and Wagner open
    'us-nsc': [1, 0, 2], // asserts talks (confirmed); covert route and Wagner open
    'uk-fco': [0, 0, 1],
    wagner: [0, 0, 1],
    'rok-nis': [1, 0, 0],
    'un-poe': [0, 0, 0],
  };
  for (const [id, [right, wrong, pending]] of Object.entries(expected)) {
    it(`${id}: ${right} right, ${wrong} wrong, ${pending} pending`, async () => {
      const r = await call(app, 'GET', `/api/sources/${id}/track-record`);
      expect(r.status).toBe(200);
      expect(r.body.stances).toEqual({ right, wrong, pending, notScored: 0 });
      expect(r.body.accuracy).toBe(right + wrong === 0 ? null : right / (right + wrong));
    });
  }

  it('dprk is 0 of 2 with the Wilson interval [0, z²/(2+z²)]', async () => {
    const r = await call(app, 'GET', '/api/sources/dprk/track-record');
    // Wilson with 0 successes of n: upper = z²/(n + z²); n = 2, z = 1.959963984540054.
    const z2 = 1.959963984540054 ** 2;
    expect(r.body.accuracyInterval[0]).toBe(0);
    expect(r.body.accuracyInterval[1]).toBeCloseTo(z2 / (2 + z2), 12);
    expect(r.body.stanceItems.map((s: { verdict: string }) => s.verdict).sort()).toEqual(['pending', 'pending', 'wrong', 'wrong']);
  });

  it("Metaculus's 10% on troops in Ukraine (refuted) scores Brier 0.01 and log ln 0.9", async () => {
    const r = await call(app, 'GET', '/api/sources/metaculus/track-record');
    // o = 0, p = 0.1: (0.1 − 0)² = 0.01; ln(1 − 0.1) = ln 0.9.
    expect(r.body.forecasts.count).toBe(1);
    expect(r.body.forecasts.brier).toBeCloseTo(0.01, 15);
    expect(r.body.forecasts.logScore).toBeCloseTo(Math.log(0.9), 15);
    const cal = await call(app, 'GET', '/api/calibration?source=metaculus');
    expect(cal.body.count).toBe(1);
    expect(cal.body.bins[1]).toMatchObject({ lower: 0.1, upper: 0.2, count: 1, meanForecast: 0.1, observedFrequency: 0 });
  });

  it('ranks sources by accuracy and by Brier', async () => {
    const acc = await call(app, 'GET', '/api/sources?sort=accuracy&limit=200');
    expect(acc.status).toBe(200);
    const order = acc.body.items.map((s: { id: string }) => s.id);
    expect(order.indexOf('dprk')).toBeGreaterThan(order.indexOf('us-nsc'));
    const brier = await call(app, 'GET', '/api/sources?sort=brier&limit=200');
    expect(brier.body.items[0].id).toBe('metaculus');
    expect(brier.body.items[0].stats.brier).toBeCloseTo(0.01, 15);
  });
});

describe('calibration through the API', () => {
  it('matches the pure calibration over the counted forecasts, with hand-checked figures', async () => {
    const tag = uid('tag');
    const a = await source();
    const claims = await Promise.all([0, 1, 2, 3].map(() => prediction(tag)));
    // Forecasts 0.3, 0.3, 0.7, 0.9 on claims resolved refuted, confirmed, confirmed, refuted.
    const ps = [0.3, 0.3, 0.7, 0.9];
    const outcomes = ['refuted', 'confirmed', 'confirmed', 'refuted'] as const;
    for (const [i, id] of claims.entries()) {
      expect((await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: a, probability: ps[i], madeAt: '2025-01-01T00:00:00Z' })).status).toBe(201);
      expect((await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: outcomes[i], knownOn: '2025-06-01' })).status).toBe(201);
    }
    const r = await call(app, 'GET', `/api/calibration?tag=${tag}&bins=10`);
    expect(r.status).toBe(200);
    // Brier: (0.3−0)² + (0.3−1)² + (0.7−1)² + (0.9−0)² = 0.09 + 0.49 + 0.09 + 0.81 = 1.48; / 4 = 0.37.
    expect(r.body.count).toBe(4);
    expect(r.body.brier).toBeCloseTo(0.37, 12);
    // Log: ln 0.7 + ln 0.3 + ln 0.7 + ln 0.1, / 4.
    expect(r.body.logScore).toBeCloseTo((2 * Math.log(0.7) + Math.log(0.3) + Math.log(0.1)) / 4, 12);
    // Bin 3 ([0.3, 0.4)): two forecasts of 0.3, one confirmed → 0.5.
    expect(r.body.bins[3]).toMatchObject({ count: 2, meanForecast: 0.3, observedFrequency: 0.5 });
    // Murphy: ō = 0.5; reliability = (2(0.3−0.5)² + (0.7−1)² + (0.9−0)²)/4 = (0.08 + 0.09 + 0.81)/4 = 0.245.
    expect(r.body.murphy.reliability).toBeCloseTo(0.245, 12);
    // resolution = (2(0.5−0.5)² + (1−0.5)² + (0−0.5)²)/4 = 0.125; uncertainty = 0.25.
    expect(r.body.murphy.resolution).toBeCloseTo(0.125, 12);
    expect(r.body.murphy.uncertainty).toBeCloseTo(0.25, 12);
    const m = r.body.murphy;
    expect(m.reliability - m.resolution + m.uncertainty + m.withinBin).toBeCloseTo(r.body.brier, 12);
    const pure = calibrate(ps.map((p, i) => ({ probability: p, outcome: outcomes[i] === 'confirmed' ? 1 : 0 })), { bins: 10 });
    expect(r.body.bins).toEqual(pure.bins);
    const q = await call(app, 'GET', `/api/calibration?tag=${tag}&bins=2&binning=quantile`);
    expect(q.body.bins.map((b: { count: number }) => b.count)).toEqual([2, 2]);
  });

  it('time-weighted rule over three forecasts equals the pure rule', async () => {
    const tag = uid('tag');
    const a = await source();
    const id = await prediction(tag);
    const made = ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-04T00:00:00Z'];
    for (const [i, p] of [0.2, 0.5, 0.8].entries()) await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: a, probability: p, madeAt: made[i] });
    await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2025-01-05' });
    const r = await call(app, 'GET', `/api/calibration?tag=${tag}&rule=time-weighted`);
    // Weights 1, 2, 1 days: p̄ = (0.2 + 1.0 + 0.8)/4 = 0.5; Brier = (0.64 + 2·0.25 + 0.04)/4 = 0.295.
    expect(r.body.count).toBe(1);
    expect(r.body.brier).toBeCloseTo(0.295, 12);
    expect(r.body.bins[5].meanForecast).toBeCloseTo(0.5, 12);
    const pure = countForecast({ sourceId: a, claimId: id, outcome: 1, knownOn: '2025-01-05', forecasts: made.map((m, i) => ({ seq: i + 1, probability: [0.2, 0.5, 0.8][i] as number, madeAt: m })) }, 'time-weighted');
    expect(r.body.brier).toBeCloseTo(pure?.brier as number, 12);
    const last = await call(app, 'GET', `/api/calibration?tag=${tag}`);
    expect(last.body.brier).toBeCloseTo(0.04, 12); // last forecast 0.8, o = 1: (0.8 − 1)² = 0.04
  });

  it('backfilled=exclude leaves backfilled forecasts out; reopening, then retraction, change what counts', async () => {
    const tag = uid('tag');
    const a = await source();
    const id = await prediction(tag);
    const old = await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: a, probability: 0.6, madeAt: '2024-01-01T00:00:00Z' });
    expect(old.body.backfilled).toBe(true);
    const live = await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: a, probability: 0.9 });
    expect(live.body.backfilled).toBe(false);
    expect((await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: new Date(Date.now() + 1000).toISOString().slice(0, 19) + 'Z' })).status).toBe(201);
    const inc = await call(app, 'GET', `/api/calibration?tag=${tag}`);
    expect(inc.body.brier).toBeCloseTo(0.81, 12); // last = 0.9, o = 0
    // No retracting a forecast in hindsight: once resolved, it takes a reopen first.
    expect((await call(app, 'POST', `/api/events/${live.body.seq}/retraction`, { reason: 'wrong claim' })).status).toBe(409);
    const exc = await call(app, 'GET', `/api/calibration?tag=${tag}&backfilled=exclude`);
    expect(exc.body.brier).toBeCloseTo(0.81, 12); // only the live 0.9 is left
    await call(app, 'POST', `/api/claims/${id}/reopen`, { reason: 'criteria disputed' });
    expect((await call(app, 'GET', `/api/calibration?tag=${tag}`)).body.count).toBe(0);
    expect((await call(app, 'POST', `/api/events/${live.body.seq}/retraction`, { reason: 'wrong claim' })).status).toBe(201);
    expect((await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: new Date().toISOString().slice(0, 19) + 'Z' })).status).toBe(201);
    const afterRetract = await call(app, 'GET', `/api/calibration?tag=${tag}`);
    expect(afterRetract.body.brier).toBeCloseTo(0.36, 12); // 0.6 counts now: (0.6 − 0)²
  });

  it.each([['bins=0'], ['bins=51'], ['rule=median'], ['binning=magic'], ['backfilled=maybe'], ['from=2023-02-30']])('answers 400 problem+json for %s', async (q) => {
    const r = await call(app, 'GET', `/api/calibration?${q}`);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors[0].pointer).toBe(`/${q.split('=')[0]}`);
  });

  it('track record of an unknown source is 404', async () => {
    expect((await call(app, 'GET', '/api/sources/nobody-here/track-record')).status).toBe(404);
  });
});

describe('overview', () => {
  it('counts the demo claims by status at the end of each year', async () => {
    // Its own database: the overview covers every claim there is.
    const solo = await freshApp();
    await importBundleFile(solo.ledger, DEMO_FILE);
    const r = await call(solo.app, 'GET', '/api/overview?interval=year');
    expect(r.status).toBe(200);
    const y2025 = r.body.periods.find((p: { period: string }) => p.period === '2025');
    // By the end of 2025 every seed claim is resolved but the two left open (covert route, Wagner);
    // the demo's numeric and multiple-choice questions are resolved with a value (not open).
    expect(y2025).toMatchObject({ confirmed: 3, refuted: 2, open: 2, resolved: 2 });
    expect(r.body.totals).toMatchObject({ resolved: 2 });
    expect(r.body.bySource.find((s: { sourceId: string }) => s.sourceId === 'dprk')).toMatchObject({ right: 0, wrong: 2, pending: 2 });
    // Aggregated: no per-claim list (the former leadTimes.items).
    expect(r.body.leadTimes).toBeUndefined();
    expect(r.body.totals).toMatchObject({ claims: r.body.totals.predictions + r.body.totals.allegations });
    expect((await call(solo.app, 'GET', '/api/overview?interval=week')).status).toBe(400);
  });
});

describe('ranked source paging', () => {
  it('pages a ranking by position and refuses a cursor it did not issue', async () => {
    const first = await call(app, 'GET', '/api/sources?sort=accuracy&limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await call(app, 'GET', `/api/sources?sort=accuracy&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items.map((s: { id: string }) => s.id)).not.toContain(first.body.items[0].id);
    const byName = await call(app, 'GET', '/api/sources?limit=1');
    expect((await call(app, 'GET', `/api/sources?sort=accuracy&cursor=${byName.body.nextCursor}`)).status).toBe(400);
  });
});
