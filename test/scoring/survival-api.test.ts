/**
 * /api/survival and /api/base-rates against hand-computed cases: ties, a censoring at the same
 * duration as verdicts, a zero duration, reopened claims, month-precision dates, a retracted
 * stance, a stance after asOf, a verdict after asOf, and asOf in the past.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/domain/scoring/wilson.js';
import { claim, post, source } from '../core/fixtures.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { expectNear } from '../domain/scoring/near.js';

const { app } = await freshApp({ clock: () => Date.UTC(2025, 0, 1) });
const tag = uid('surv');
const ids: Record<string, string> = {};

async function alleged(stances: Array<[string, 'asserts' | 'denies', string]>, resolutions: Array<[string, string] | 'reopen'> = []) {
  const id = await claim(app, { tags: [tag] });
  for (const [src, stance, date] of stances) await post(app, `/api/claims/${id}/stances`, { sourceId: ids[src], stance, date });
  for (const r of resolutions) {
    if (r === 'reopen') await post(app, `/api/claims/${id}/reopen`, { reason: 'new evidence' });
    else await post(app, `/api/claims/${id}/resolution`, { outcome: r[0], knownOn: r[1] });
  }
  return id;
}

beforeAll(async () => {
  ids.A = await source(app, { type: 'government', country: 'RU' });
  ids.B = await source(app, { type: 'media', country: 'US' });
  ids.C = await source(app, { type: 'person' });
  // c1: A (month precision: from 2024-01-01) and B assert; confirmed 2024-01-11 → 10 days (A), 1 day (B).
  await alleged([['A', 'asserts', '2024-01'], ['B', 'asserts', '2024-01-10']], [['confirmed', '2024-01-11']]);
  // c2: confirmed after 10 days too (a tie with c1).
  await alleged([['A', 'asserts', '2024-01-11']], [['confirmed', '2024-01-21']]);
  // c3: annulled after 10 days: censored at the same duration as two verdicts.
  await alleged([['B', 'asserts', '2024-01-01']], [['annulled', '2024-01-11']]);
  // c4: refuted on the day it was asserted: a zero duration.
  await alleged([['C', 'asserts', '2024-03-05']], [['refuted', '2024-03-05']]);
  // c5: still open: censored at asOf (2024-06-30), 10 days.
  await alleged([['A', 'asserts', '2024-06-20']]);
  // c6: confirmed after asOf: censored at asOf, 60 days.
  await alleged([['A', 'asserts', '2024-05-01']], [['confirmed', '2024-07-15']]);
  // c7: refuted, reopened, confirmed: counts as confirmed on its current knownOn, 20 days.
  await alleged([['B', 'asserts', '2024-02-01']], [['refuted', '2024-02-11'], 'reopen', ['confirmed', '2024-02-21']]);
  // c8: confirmed then reopened and still open: censored at asOf, 150 days (2024 is a leap year).
  await alleged([['C', 'asserts', '2024-02-01']], [['confirmed', '2024-02-05'], 'reopen']);
  // c9: only denied: not an entry of the curves; a denied, refuted base-rate entry.
  await alleged([['A', 'denies', '2024-02-01']], [['refuted', '2024-03-01']]);
  // c10: asserted after asOf only.
  await alleged([['A', 'asserts', '2024-07-01']]);
  // c11: the only assertion retracted.
  const c11 = await claim(app, { tags: [tag] });
  const st = await post(app, `/api/claims/${c11}/stances`, { sourceId: ids.C, stance: 'asserts', date: '2024-01-01' });
  await post(app, `/api/events/${st.seq}/retraction`, { reason: 'recorded in error' });
});

const survival = async (q: string) => {
  const r = await call(app, 'GET', `/api/survival?tag=${tag}&${q}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const rows = (g: any) => g.points.map((p: any) => [p.days, p.atRisk, p.confirmed, p.refuted, p.censored]);

describe('GET /api/survival', () => {
  it('by=none: one entry per asserted allegation, with ties, censoring at a verdict time, a zero duration and reopened claims', async () => {
    const body = await survival('asOf=2024-06-30');
    expect(body.asOf).toBe('2024-06-30');
    expect(body.by).toBe('none');
    expect(body.groups).toHaveLength(1);
    const [g] = body.groups;
    expect(g).toMatchObject({ key: null, entries: 8, confirmed: 3, refuted: 1, censored: 4, medianDays: 20 });
    expect(rows(g)).toEqual([
      [0, 8, 0, 1, 0],
      [10, 7, 2, 0, 2],
      [20, 3, 1, 0, 0],
      [60, 2, 0, 0, 1],
      [150, 1, 0, 0, 1],
    ]);
    const S = [7 / 8, 5 / 8, 5 / 12, 5 / 12, 5 / 12];
    const V = [1 / 56, 1 / 56 + 2 / 35, 1 / 56 + 2 / 35 + 1 / 6];
    const cumC = [0, 2 / 8, 11 / 24, 11 / 24, 11 / 24];
    const cumR = [1 / 8, 1 / 8, 1 / 8, 1 / 8, 1 / 8];
    g.points.forEach((p: any, i: number) => {
      expectNear(p.unresolved, S[i]!);
      expectNear(p.cumConfirmed, cumC[i]!);
      expectNear(p.cumRefuted, cumR[i]!);
      const v = V[Math.min(i, 2)]!;
      expectNear(p.lower, Math.exp(Math.log(S[i]!) - 1.959963984540054 * Math.sqrt(v)));
      expectNear(p.upper, Math.min(1, Math.exp(Math.log(S[i]!) + 1.959963984540054 * Math.sqrt(v))));
    });
  });

  it('by=source: one entry per (source, allegation), from that source’s earliest assertion; groups ordered by key', async () => {
    const body = await survival('asOf=2024-06-30&by=source');
    const expected: Record<string, number[][]> = {
      [ids.A!]: [[10, 4, 2, 0, 1], [60, 1, 0, 0, 1]],
      [ids.B!]: [[1, 3, 1, 0, 0], [10, 2, 0, 0, 1], [20, 1, 1, 0, 0]],
      [ids.C!]: [[0, 2, 0, 1, 0], [150, 1, 0, 0, 1]],
    };
    expect(body.groups.map((g: any) => g.key)).toEqual(Object.keys(expected).sort());
    for (const g of body.groups) expect(rows(g), g.key).toEqual(expected[g.key]);
    const b = body.groups.find((g: any) => g.key === ids.B);
    // B: S = 2/3 after day 1, then 0 at day 20: no interval there, and the median is 20.
    expect(b.points[2]).toMatchObject({ unresolved: 0, lower: null, upper: null });
    expect(b.medianDays).toBe(20);
  });

  it('by=sourceType groups by the source’s type', async () => {
    const body = await survival('asOf=2024-06-30&by=sourceType');
    expect(body.groups.map((g: any) => [g.key, g.entries])).toEqual([['government', 4], ['media', 3], ['person', 2]]);
  });

  it('asOf in the past: later stances do not exist yet, later verdicts are censored at asOf', async () => {
    const [g] = (await survival('asOf=2024-01-15')).groups;
    // c1 confirmed at 10; c2 (from 01-11, confirmed 01-21) censored at 4; c3 annulled at 10.
    expect(rows(g)).toEqual([[4, 3, 0, 0, 1], [10, 2, 1, 0, 1]]);
    expect(g.medianDays).toBe(10);
  });

  it('country filter: only stances of sources of that country', async () => {
    const body = await survival('asOf=2024-06-30&country=US');
    expect(rows(body.groups[0])).toEqual([[1, 3, 1, 0, 0], [10, 2, 0, 0, 1], [20, 1, 1, 0, 0]]);
  });

  it('answers no groups when nothing matches, and refuses a bad by, asOf or country', async () => {
    expect((await call(app, 'GET', '/api/survival?tag=nothing-here')).body.groups).toEqual([]);
    for (const q of ['by=country', 'asOf=2024-02-30', 'country=usa']) {
      const r = await call(app, 'GET', `/api/survival?${q}`);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].pointer).toBe(`/${q.split('=')[0]}`);
    }
  });
});

describe('GET /api/survival?incidenceBands=true', () => {
  const CONTRACT = ['days', 'atRisk', 'confirmed', 'refuted', 'censored', 'unresolved', 'lower', 'upper', 'cumConfirmed', 'cumRefuted'];
  const BANDS = ['cumConfirmedStdErr', 'cumConfirmedLower', 'cumConfirmedUpper', 'cumRefutedStdErr', 'cumRefutedLower', 'cumRefutedUpper'];
  // R survival's survfit for these same entries (test/fixtures/survival-aj/generate.R): states (s0), confirmed, refuted.
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/survival-aj/r-reference.json', import.meta.url), 'utf8'));
  const r = fixture.cases.find((c: any) => c.name === 'survival-api.test.ts, by=none, asOf 2024-06-30').head;

  it('adds each cumulative incidence’s std.err and 95% interval after the contract’s fields, as R’s survfit gives them', async () => {
    const [g] = (await survival('asOf=2024-06-30&incidenceBands=true')).groups;
    expect(g.points.map((p: any) => p.days)).toEqual(r.time);
    g.points.forEach((p: any, i: number) => {
      expect(Object.keys(p)).toEqual([...CONTRACT, ...BANDS]);
      expectNear(p.cumConfirmed, r.pstate[1][i]);
      expectNear(p.cumConfirmedStdErr, r.stdErr[1][i]);
      expectNear(p.cumConfirmedLower, r.lower[1][i]);
      expectNear(p.cumConfirmedUpper, r.upper[1][i]);
      expectNear(p.cumRefuted, r.pstate[2][i]);
      expectNear(p.cumRefutedStdErr, r.stdErr[2][i]);
      expectNear(p.cumRefutedLower, r.lower[2][i]);
      expectNear(p.cumRefutedUpper, r.upper[2][i]);
    });
    // Day 0: no confirmation yet, so std.err 0 and the interval [0, 0], as survfit_confint gives.
    expect([g.points[0].cumConfirmedStdErr, g.points[0].cumConfirmedLower, g.points[0].cumConfirmedUpper]).toEqual([0, 0, 0]);
  });

  it('leaves the answer as it was without the parameter (or with false), each kept apart', async () => {
    const plain = await survival('asOf=2024-06-30&by=source');
    const banded = await survival('asOf=2024-06-30&by=source&incidenceBands=true');
    expect(await survival('asOf=2024-06-30&by=source')).toEqual(plain);
    expect(await survival('asOf=2024-06-30&by=source&incidenceBands=false')).toEqual(plain);
    for (const g of plain.groups) for (const p of g.points) expect(Object.keys(p)).toEqual(CONTRACT);
    // The bands change nothing else: strip them and the answer is the plain one.
    const stripped = { ...banded, groups: banded.groups.map((g: any) => ({ ...g, points: g.points.map((p: any) => Object.fromEntries(Object.entries(p).filter(([k]) => !BANDS.includes(k)))) })) };
    expect(stripped).toEqual(plain);
    expect(banded.groups.flatMap((g: any) => g.points).every((p: any) => BANDS.every((k) => k in p))).toBe(true);
  });

  it('refuses any other value, naming the parameter', async () => {
    const res = await call(app, 'GET', '/api/survival?incidenceBands=yes');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].pointer).toBe('/incidenceBands');
  });
});

describe('GET /api/base-rates', () => {
  it('by=sourceType: asserted and denied entries confirmed / refuted / pending, annulled in none, with the Wilson interval', async () => {
    const r = await call(app, 'GET', `/api/base-rates?tag=${tag}&asOf=2024-06-30&by=sourceType`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      asOf: '2024-06-30',
      by: 'sourceType',
      groups: [
        { key: 'government', asserted: { confirmed: 2, refuted: 0, pending: 2 }, denied: { confirmed: 0, refuted: 1, pending: 0 }, confirmationRate: 1, interval: wilsonInterval(2, 2) },
        { key: 'media', asserted: { confirmed: 2, refuted: 0, pending: 0 }, denied: { confirmed: 0, refuted: 0, pending: 0 }, confirmationRate: 1, interval: wilsonInterval(2, 2) },
        { key: 'person', asserted: { confirmed: 0, refuted: 1, pending: 1 }, denied: { confirmed: 0, refuted: 0, pending: 0 }, confirmationRate: 0, interval: wilsonInterval(0, 1) },
      ],
    });
  });

  it('by=country: sources without a country under key null, first', async () => {
    const r = await call(app, 'GET', `/api/base-rates?tag=${tag}&asOf=2024-06-30&by=country`);
    expect(r.body.groups.map((g: any) => [g.key, g.asserted])).toEqual([
      [null, { confirmed: 0, refuted: 1, pending: 1 }],
      ['RU', { confirmed: 2, refuted: 0, pending: 2 }],
      ['US', { confirmed: 2, refuted: 0, pending: 0 }],
    ]);
  });

  it('asOf in the past: verdicts known later are pending, claims annulled by then in none', async () => {
    const r = await call(app, 'GET', `/api/base-rates?tag=${tag}&asOf=2024-01-15&by=source`);
    expect(r.body.groups.map((g: any) => [g.key, g.asserted, g.confirmationRate])).toEqual(
      [
        // A: c1 confirmed on 01-11; c2 confirmed on 01-21, after asOf: pending. B: c1 confirmed; c3 annulled: in none.
        [ids.A, { confirmed: 1, refuted: 0, pending: 1 }, 1],
        [ids.B, { confirmed: 1, refuted: 0, pending: 0 }, 1],
      ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    );
  });
});

describe('answers follow the ledger', () => {
  it('a survival answer, kept between reads, changes with the next append', async () => {
    const own = uid('memo');
    const s = await source(app, { type: 'media' });
    const id = await claim(app, { tags: [own] });
    await post(app, `/api/claims/${id}/stances`, { sourceId: s, stance: 'asserts', date: '2024-01-01' });
    const before = await call(app, 'GET', `/api/survival?tag=${own}&asOf=2024-06-30`);
    expect(rows(before.body.groups[0])).toEqual([[181, 1, 0, 0, 1]]);
    expect((await call(app, 'GET', `/api/survival?tag=${own}&asOf=2024-06-30`)).body).toEqual(before.body);
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-01-31' });
    const after = await call(app, 'GET', `/api/survival?tag=${own}&asOf=2024-06-30`);
    expect(rows(after.body.groups[0])).toEqual([[30, 1, 0, 1, 0]]);
    const rates = await call(app, 'GET', `/api/base-rates?tag=${own}&asOf=2024-06-30&by=source`);
    expect(rates.body.groups[0].asserted).toEqual({ confirmed: 0, refuted: 1, pending: 0 });
  });
});
