/**
 * Issue 17's contract: multiple-choice, numeric and date questions on POST /api/claims, their
 * forecasts (`probabilities`, `cdf` checked as Metaculus's serializer checks it), their
 * resolution with a value; the same rules on the bulk path and on a replayed JSONL export;
 * projections rebuilt and checked.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allEvents, exportClaims } from '../../src/export/read.js';
import { runImport } from '../../src/import/run-import.js';
import { checkProjections, rebuildProjections } from '../../src/ledger/rebuild.js';
import { readHead } from '../../src/ledger/view.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { events, expectProblem, getClaim, post, prediction, source } from './fixtures.js';

const ctx = await freshApp();
const { app } = ctx;

/** A CDF rising linearly from `lo` to `hi` over the 201 points. */
const linearCdf = (lo: number, hi: number) => Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);

const mc = (overrides: Record<string, unknown> = {}) => prediction(app, { questionType: 'multiple-choice', options: ['Harris', 'Trump', 'Other'], ...overrides });
const numeric = (range: Record<string, unknown> = {}) => prediction(app, { questionType: 'numeric', range: { min: 0, max: 20000, ...range } });

describe('POST /api/claims with a question type', () => {
  it('records a multiple-choice question: the claim shows its type, options and ordered', async () => {
    const id = await mc({ options: [' Harris ', 'Trump', 'Other'], ordered: true });
    const got = await getClaim(app, id);
    expect(got).toMatchObject({ questionType: 'multiple-choice', options: ['Harris', 'Trump', 'Other'], ordered: true });
    expect(got.range).toBeUndefined();
  });

  it('records a numeric and a date question with their whole range (closed bounds and linear by default)', async () => {
    const n = await numeric({ openUpper: true });
    expect((await getClaim(app, n)).range).toEqual({ min: 0, max: 20000, openLower: false, openUpper: true, scale: 'linear' });
    const d = await prediction(app, { questionType: 'date', range: { min: '2025-01-01', max: '2026-01-01T12:00:00+02:00', scale: 'log' } });
    expect(await getClaim(app, d)).toMatchObject({ questionType: 'date', range: { min: '2025-01-01T00:00:00.000Z', max: '2026-01-01T10:00:00.000Z', openLower: false, openUpper: false, scale: 'log' } });
  });

  it('answers range with its keys in the issue’s order { min, max, openLower, openUpper, scale } (created, read, exported)', async () => {
    const order = ['min', 'max', 'openLower', 'openUpper', 'scale'];
    const created = await call(app, 'POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'R', deadline: '2030-01-01', questionType: 'numeric', range: { scale: 'log', max: 9, openUpper: true, min: 1 } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.range)).toEqual(order);
    const id = created.body.id as string;
    const got = await call(app, 'GET', `/api/claims/${id}`);
    expect(Object.keys(got.body.range)).toEqual(order);
    const exported = [];
    for await (const c of exportClaims(ctx.db.client)) if (c.id === id) exported.push(Object.keys(c.range!));
    expect(exported).toEqual([order]);
  });

  it('a yes/no claim is what it was: questionType binary on the view, no question fields in its event', async () => {
    const id = await prediction(app);
    expect((await getClaim(app, id)).questionType).toBe('binary');
    const explicit = await prediction(app, { questionType: 'binary' });
    const rs = await ctx.db.client.execute({ sql: "SELECT payload FROM events WHERE claim_id IN (?, ?) AND type = 'claim.created'", args: [id, explicit] });
    for (const r of rs.rows) expect(JSON.parse(String(r.payload))).not.toHaveProperty('questionType');
  });

  it('refuses a bad question with a 400 naming the field, and writes nothing', async () => {
    const before = await events(ctx.db);
    const base = { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'R', deadline: '2030-01-01' };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ questionType: 'multiple-choice', options: ['Only'] }, '/options'],
      [{ questionType: 'multiple-choice', options: Array.from({ length: 21 }, (_, i) => `o${i}`) }, '/options'],
      [{ questionType: 'multiple-choice', options: ['A', ' A'] }, '/options/1'],
      [{ questionType: 'multiple-choice', options: ['A', '  '] }, '/options/1'],
      [{ questionType: 'multiple-choice' }, '/options'],
      [{ questionType: 'multiple-choice', options: ['A', 'B'], range: { min: 0, max: 1 } }, '/range'],
      [{ options: ['A', 'B'] }, '/options'],
      [{ questionType: 'numeric' }, '/range'],
      [{ questionType: 'numeric', range: { min: 5, max: 5 } }, '/range/max'],
      [{ questionType: 'numeric', range: { min: 0, max: 10, scale: 'log' } }, '/range/min'],
      [{ questionType: 'numeric', range: { min: '2024-01-01', max: 10 } }, '/range/min'],
      [{ questionType: 'date', range: { min: 0, max: 10 } }, '/range/min'],
      [{ questionType: 'numeric', range: { min: 0, max: 1 }, ordered: true }, '/ordered'],
      [{ questionType: 'sometimes' }, '/questionType'],
      [{ kind: 'allegation', deadline: undefined, questionType: 'numeric', range: { min: 0, max: 1 } }, '/questionType'],
    ];
    for (const [fields, pointer] of bad) expectProblem(await call(app, 'POST', '/api/claims', { ...base, id: uid('q'), ...fields }), 400, pointer);
    expect(await events(ctx.db)).toBe(before);
  });
});

describe('forecasts of multiple-choice questions', () => {
  it('records one probability per option; a sum off 1 by at most 1e-6 is divided out', async () => {
    const src = await source(app);
    const id = await mc();
    expect((await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probabilities: [0.5, 0.3, 0.2] })).probabilities).toEqual([0.5, 0.3, 0.2]);
    const off = await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probabilities: [0.5, 0.3, 0.2000009] });
    expect(Math.abs(off.probabilities.reduce((a: number, b: number) => a + b, 0) - 1)).toBeLessThan(1e-12);
    expect(off.probabilities[2]).toBeCloseTo(0.2000009 / 1.0000009, 12);
    const view = await getClaim(app, id);
    expect(view.forecasts.map((f: { probabilities: number[] }) => f.probabilities)).toEqual([[0.5, 0.3, 0.2], off.probabilities]);
  });

  it('refuses a sum off by more than 1e-6, the wrong count, a value outside the bounds, and the wrong field', async () => {
    const src = await source(app);
    const id = await mc();
    const binary = await prediction(app);
    const before = await events(ctx.db);
    const url = `/api/claims/${id}/forecasts`;
    expectProblem(await call(app, 'POST', url, { sourceId: src, probabilities: [0.5, 0.3, 0.2000011] }), 400, '/probabilities');
    expectProblem(await call(app, 'POST', url, { sourceId: src, probabilities: [0.5, 0.5] }), 400, '/probabilities');
    expectProblem(await call(app, 'POST', url, { sourceId: src, probabilities: [0.995, 0.003, 0.002] }), 422, '/probabilities/0');
    expectProblem(await call(app, 'POST', url, { sourceId: src, probability: 0.5 }), 400, '/probability');
    expectProblem(await call(app, 'POST', url, { sourceId: src }), 400, '/probabilities');
    expectProblem(await call(app, 'POST', url, { sourceId: src, probabilities: [0.5, 0.5, 1.5] }), 400, '/probabilities/2');
    // A yes/no claim takes `probability` only.
    expectProblem(await call(app, 'POST', `/api/claims/${binary}/forecasts`, { sourceId: src, probabilities: [0.5, 0.5] }), 400, '/probabilities');
    expectProblem(await call(app, 'POST', `/api/claims/${binary}/forecasts`, { sourceId: src }), 400, '/probability');
    expect(await events(ctx.db)).toBe(before);
  });
});

describe('forecasts of numeric and date questions: the CDF as Metaculus checks it', () => {
  it('records a 201-point CDF, rounded to 10 decimals as Metaculus stores it', async () => {
    const src = await source(app);
    const closed = await numeric();
    const cdf = linearCdf(0, 1);
    cdf[1] = 0.005 + 4e-12;
    const got = await post(app, `/api/claims/${closed}/forecasts`, { sourceId: src, cdf });
    expect(got.cdf).toHaveLength(201);
    expect(got.cdf[1]).toBe(0.005);
    expect(got.cdf[0]).toBe(0);
    expect(got.cdf[200]).toBe(1);
    // A point 1e-11 off an exact end rounds to it and is accepted.
    const near = linearCdf(0, 1);
    near[0] = 3e-11;
    expect((await post(app, `/api/claims/${closed}/forecasts`, { sourceId: src, cdf: near })).cdf[0]).toBe(0);
    const open = await numeric({ openLower: true, openUpper: true });
    expect((await post(app, `/api/claims/${open}/forecasts`, { sourceId: src, cdf: linearCdf(0.001, 0.999) })).cdf[200]).toBe(0.999);
  });

  it('rounds before it checks 0–1, as Metaculus does: 1.0000000000000002 and −1e−12 at closed ends are 1 and 0', async () => {
    const src = await source(app);
    const closed = await numeric();
    const cdf = linearCdf(0, 1);
    cdf[0] = -1e-12;
    cdf[200] = 1.0000000000000002;
    const res = await call(app, 'POST', `/api/claims/${closed}/forecasts`, { sourceId: src, cdf });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(Object.is(res.body.cdf[0], 0)).toBe(true);
    expect(res.body.cdf[200]).toBe(1);
    const stored = await ctx.db.client.execute({ sql: "SELECT payload FROM events WHERE claim_id = ? AND type = 'forecast.recorded'", args: [closed] });
    const values = JSON.parse(String(stored.rows[0]!.payload)).cdf;
    expect([values[0], values[200]]).toEqual([0, 1]);
    // Still out of range once rounded: refused, naming the point.
    const before = await events(ctx.db);
    const below = linearCdf(0, 1);
    below[0] = -1e-9;
    expectProblem(await call(app, 'POST', `/api/claims/${closed}/forecasts`, { sourceId: src, cdf: below }), 400, '/cdf/0');
    const above = linearCdf(0, 1);
    above[200] = 1 + 1e-9;
    expectProblem(await call(app, 'POST', `/api/claims/${closed}/forecasts`, { sourceId: src, cdf: above }), 400, '/cdf/200');
    expect(await events(ctx.db)).toBe(before);
  });

  it('refuses a bad CDF with a 400 naming /cdf or /cdf/i, and writes nothing', async () => {
    const src = await source(app);
    const closed = await numeric();
    const open = await numeric({ openLower: true, openUpper: true });
    const before = await events(ctx.db);
    const flat = linearCdf(0, 1);
    flat[100] = flat[99]!;
    const tooSteep = linearCdf(0, 1).map((v, i) => (i >= 150 ? Math.min(1, v + 0.25) : v));
    const cases: Array<[string, unknown, string]> = [
      [closed, linearCdf(0, 1).slice(0, 200), '/cdf'],
      [closed, flat, '/cdf/100'],
      [closed, tooSteep, '/cdf/150'],
      [closed, linearCdf(0.001, 1), '/cdf/0'],
      [closed, linearCdf(0, 0.999), '/cdf/200'],
      [open, linearCdf(0, 0.999), '/cdf/0'],
      [open, linearCdf(0.001, 1), '/cdf/200'],
      [open, linearCdf(0.0009, 0.999), '/cdf/0'],
      [closed, linearCdf(0, 1).map((v, i) => (i === 7 ? 1.2 : v)), '/cdf/7'],
    ];
    for (const [id, cdf, pointer] of cases) expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, cdf }), 400, pointer);
    expectProblem(await call(app, 'POST', `/api/claims/${closed}/forecasts`, { sourceId: src, probability: 0.5 }), 400, '/probability');
    expect(await events(ctx.db)).toBe(before);
  });

  it('names each bad point of a CDF, not only the first: two flat steps are /cdf/5 and /cdf/9', async () => {
    const src = await source(app);
    const closed = await numeric();
    const cdf = linearCdf(0, 1);
    cdf[5] = cdf[4]!;
    cdf[9] = cdf[8]!;
    const res = await call(app, 'POST', `/api/claims/${closed}/forecasts`, { sourceId: src, cdf });
    expectProblem(res, 400);
    // cdf[6] rises from cdf[5] by two steps' worth (still under 0.2), so only 5 and 9 are bad.
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/cdf/5', '/cdf/9']);
    for (const e of res.body.errors) expect(e.message).toMatch(/at least 0\.00005/);
    // A point both out of 0–1 and at a closed end is named once.
    const end = linearCdf(0, 1);
    end[0] = -1e-9;
    const one = await call(app, 'POST', `/api/claims/${closed}/forecasts`, { sourceId: src, cdf: end });
    expect(one.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/cdf/0']);
  });

  it('a step of exactly 0.00005 passes and one of 0.2 passes (Metaculus rounds the steps to 9 decimals)', async () => {
    const src = await source(app);
    const id = await numeric();
    // 199 steps of 0.00005 then one of 1 − 0.00995: too steep; instead 0.2 once and the rest shared.
    const cdf = [0];
    for (let i = 1; i <= 200; i++) cdf.push(i === 1 ? 0.00005 : i === 2 ? 0.20005 : 0.20005 + ((1 - 0.20005) * (i - 2)) / 198);
    expect((await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, cdf })).status).toBe(201);
  });
});

describe('resolution with a value', () => {
  it('a multiple-choice question resolves with an option: status resolved, resolution.value', async () => {
    const id = await mc();
    const res = await call(app, 'POST', `/api/claims/${id}/resolution`, { value: 'Trump', knownOn: '2024-11-06', note: 'AP call' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ outcome: 'resolved', value: 'Trump', knownOn: '2024-11-06' });
    expect(await getClaim(app, id)).toMatchObject({ status: 'resolved', resolution: { outcome: 'resolved', value: 'Trump', note: 'AP call' } });
    expect((await call(app, 'GET', '/api/claims?status=resolved&limit=200')).status).toBe(200);
  });

  it('numeric and date values: normalised, out-of-range only beyond an open bound', async () => {
    const open = await numeric({ openUpper: true });
    expect((await post(app, `/api/claims/${open}/resolution`, { value: 25000, knownOn: '2025-01-01' })).value).toBe(25000);
    const open2 = await numeric({ openLower: true });
    expect((await post(app, `/api/claims/${open2}/resolution`, { value: 'below-range', knownOn: '2025-01-01' })).value).toBe('below-range');
    const d = await prediction(app, { questionType: 'date', range: { min: '2025-01-01', max: '2026-01-01' } });
    expect((await post(app, `/api/claims/${d}/resolution`, { value: '2025-03-04T05:06:07+01:00', knownOn: '2025-03-05' })).value).toBe('2025-03-04T04:06:07.000Z');
    const annulled = await numeric();
    expect(await post(app, `/api/claims/${annulled}/resolution`, { outcome: 'annulled', knownOn: '2025-01-01' })).toMatchObject({ outcome: 'annulled' });
    expect((await getClaim(app, annulled)).status).toBe('annulled');
  });

  it('refuses a label that is not an option, a value beyond a closed bound, confirmed on a non-binary question, a value on a yes/no one', async () => {
    const m = await mc();
    const closed = await numeric();
    const d = await prediction(app, { questionType: 'date', range: { min: '2025-01-01', max: '2026-01-01' } });
    const binary = await prediction(app);
    const before = await events(ctx.db);
    const r = (id: string, body: unknown) => call(app, 'POST', `/api/claims/${id}/resolution`, body);
    expectProblem(await r(m, { value: 'Biden', knownOn: '2024-11-06' }), 422, '/value');
    expectProblem(await r(m, { value: 3, knownOn: '2024-11-06' }), 422, '/value');
    expectProblem(await r(m, { outcome: 'confirmed', knownOn: '2024-11-06' }), 400, '/outcome');
    expectProblem(await r(m, { knownOn: '2024-11-06' }), 400, '/value');
    expectProblem(await r(closed, { value: 20000.5, knownOn: '2025-01-01' }), 422, '/value');
    expectProblem(await r(closed, { value: -1, knownOn: '2025-01-01' }), 422, '/value');
    expectProblem(await r(closed, { value: 'above-range', knownOn: '2025-01-01' }), 422, '/value');
    expectProblem(await r(closed, { value: '12', knownOn: '2025-01-01' }), 422, '/value');
    expectProblem(await r(d, { value: '2026-01-02', knownOn: '2025-01-01' }), 422, '/value');
    expectProblem(await r(binary, { value: 'yes', knownOn: '2025-01-01' }), 400, '/value');
    expectProblem(await r(binary, { knownOn: '2025-01-01' }), 400, '/outcome');
    expect(await events(ctx.db)).toBe(before);
  });
});

describe('the ledger: projections, retraction, rebuild, the bulk path and JSONL replay', () => {
  it('every path records the same, rebuild reproduces the tables, an export replays into a fresh instance', async () => {
    const { db, ledger, app: own } = await freshApp();
    await ledger.append({ type: 'source.register', input: { id: 'ann', name: 'Ann', type: 'forecaster' } });
    const base = { kind: 'prediction' as const, title: 'Q', statement: 'S', resolutionCriteria: 'R', tags: [], deadline: '2030-01-01' };
    await ledger.appendAll([
      { type: 'claim.create', input: { ...base, id: 'mc', questionType: 'multiple-choice', options: ['A', 'B', 'C'], ordered: true } },
      { type: 'forecast.record', claimId: 'mc', input: { sourceId: 'ann', probabilities: [0.2, 0.3, 0.5000001], madeAt: '2025-01-01T00:00:00Z' } },
      { type: 'forecast.record', claimId: 'mc', input: { sourceId: 'ann', probabilities: [0.1, 0.2, 0.7], madeAt: '2025-01-02T00:00:00Z' } },
      { type: 'claim.create', input: { ...base, id: 'num', questionType: 'numeric', range: { min: 1, max: 1000, openLower: false, openUpper: true, scale: 'log' } } },
      { type: 'forecast.record', claimId: 'num', input: { sourceId: 'ann', cdf: linearCdf(0, 0.9), madeAt: '2025-01-01T00:00:00Z' } },
    ]);
    // The bulk path is held to the same rules: a bad CDF refuses the whole append.
    await expect(ledger.appendAll([{ type: 'forecast.record', claimId: 'num', input: { sourceId: 'ann', cdf: linearCdf(0, 1) } }])).rejects.toThrow(/cdf/);
    const [, second] = (await getClaim(own, 'mc')).forecasts;
    await call(own, 'POST', `/api/events/${second.seq}/retraction`, { reason: 'typo' });
    await post(own, '/api/claims/mc/resolution', { value: 'C', knownOn: '2025-02-01' });
    await post(own, '/api/claims/num/resolution', { value: 4000, knownOn: '2025-02-01' });
    const rows = await db.client.execute('SELECT seq, kind, vals, retracted_seq FROM question_forecasts ORDER BY seq');
    expect(rows.rows.map((r) => [r.kind, r.retracted_seq !== null])).toEqual([['probabilities', false], ['probabilities', true], ['cdf', false]]);
    expect((await db.client.execute("SELECT question_type, question FROM claims WHERE id = 'mc'")).rows[0]).toMatchObject({ question_type: 'multiple-choice', question: '{"options":["A","B","C"],"ordered":true}' });
    expect((await db.client.execute("SELECT outcome, value FROM resolutions WHERE claim_id = 'num'")).rows[0]).toMatchObject({ outcome: 'resolved', value: '4000' });
    expect(await checkProjections(db.client)).toEqual([]);
    const before = JSON.stringify((await db.client.execute('SELECT * FROM question_forecasts ORDER BY seq')).rows);
    await rebuildProjections(db.client);
    expect(JSON.stringify((await db.client.execute('SELECT * FROM question_forecasts ORDER BY seq')).rows)).toBe(before);

    const lines: string[] = [];
    for await (const e of allEvents(db.client)) lines.push(JSON.stringify(e));
    const path = join(db.dir, 'questions.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const fresh = await freshApp();
    const summary = await runImport(fresh.ledger, path, { format: 'reckon-jsonl' });
    expect(summary.events.appended).toBe(lines.length);
    expect(summary.head).toBe((await readHead(db.client)).hash);
    expect(await verifyChain(fresh.db.client)).toMatchObject({ ok: true });
    expect(await checkProjections(fresh.db.client)).toEqual([]);
    expect(await getClaim(fresh.app, 'mc')).toMatchObject({ status: 'resolved', resolution: { value: 'C' }, options: ['A', 'B', 'C'] });
  });
});
