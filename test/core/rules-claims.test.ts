/**
 * Domain rules about claims themselves, through the real app: resolution criteria, the
 * prediction deadline, probability bounds (default and configured), dates kept at their
 * precision, impossible dates, and edits that keep every revision.
 */
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../src/domain/rules.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { claim, events, expectProblem, getClaim, listItem, post, prediction, source, type App } from './fixtures.js';

// Top-level await: the helper's afterAll then belongs to this file and removes the files.
const ctx = await freshApp();
const app: App = ctx.app;
const narrow = await freshApp({ minProbability: 0.05, maxProbability: 0.95 });
const wide = await freshApp({ minProbability: 0.001, maxProbability: 0.999 });

const base = () => ({ id: uid('cl'), kind: 'allegation', title: 'A title', statement: 'A statement', resolutionCriteria: 'Two outlets confirm it.' });

describe('resolution criteria', () => {
  it('are required: missing or blank is refused with a pointer, present is accepted', async () => {
    const before = await events(ctx.db);
    const { resolutionCriteria: _, ...missing } = base();
    expectProblem(await call(app, 'POST', '/api/claims', missing), 400, '/resolutionCriteria');
    expectProblem(await call(app, 'POST', '/api/claims', { ...base(), resolutionCriteria: '   ' }), 400, '/resolutionCriteria');
    expect(await events(ctx.db)).toBe(before);
    const ok = await call(app, 'POST', '/api/claims', base());
    expect(ok.status).toBe(201);
    expect(ok.body.resolutionCriteria).toBe('Two outlets confirm it.');
    expect(await events(ctx.db)).toBe(before + 1);
  });

  it('are required by the ledger rule itself, not only by the HTTP schema', async () => {
    const id = uid('cl');
    const err = await ctx.ledger.append({ type: 'claim.create', input: { ...base(), id, kind: 'allegation', tags: [], resolutionCriteria: ' ' } }).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect(err).toMatchObject({ status: 422, pointer: '/resolutionCriteria' });
    expect((await call(app, 'GET', `/api/claims/${id}`)).status).toBe(404);
  });
});

describe('a prediction needs a deadline', () => {
  it('is refused without one (422 /deadline) and accepted with one; an allegation needs none', async () => {
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', '/api/claims', { ...base(), kind: 'prediction' }), 422, '/deadline');
    expect(await events(ctx.db)).toBe(before);
    const p = await call(app, 'POST', '/api/claims', { ...base(), kind: 'prediction', deadline: '2031-06-30' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ kind: 'prediction', deadline: '2031-06-30' });
    const a = await call(app, 'POST', '/api/claims', base());
    expect(a.status).toBe(201);
    expect(a.body.deadline).toBeUndefined();
  });

  it('cannot lose its deadline in an edit', async () => {
    const id = await prediction(app);
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { deadline: null, reason: 'no deadline' }), 422, '/deadline');
    expect((await getClaim(app, id)).deadline).toBe('2030-12-31');
  });
});

describe('probability bounds', () => {
  it('default to 0.01–0.99, inclusive', async () => {
    const src = await source(app);
    const id = await prediction(app);
    const path = `/api/claims/${id}/forecasts`;
    expect((await call(app, 'POST', path, { sourceId: src, probability: 0.01 })).status).toBe(201);
    expect((await call(app, 'POST', path, { sourceId: src, probability: 0.99 })).status).toBe(201);
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', path, { sourceId: src, probability: 0.005 }), 422, '/probability');
    expectProblem(await call(app, 'POST', path, { sourceId: src, probability: 0.995 }), 422, '/probability');
    // Never exactly 0 or 1, whatever the configuration: the schema refuses them.
    expectProblem(await call(app, 'POST', path, { sourceId: src, probability: 0 }), 400, '/probability');
    expectProblem(await call(app, 'POST', path, { sourceId: src, probability: 1 }), 400, '/probability');
    expectProblem(await call(app, 'POST', path, { sourceId: src, probability: 1.5 }), 400, '/probability');
    expectProblem(await call(app, 'POST', path, { sourceId: src, probability: '0.5' }), 400, '/probability');
    expect(await events(ctx.db)).toBe(before);
    expect((await getClaim(app, id)).forecasts.map((f: any) => f.probability)).toEqual([0.01, 0.99]);
  });

  it('follow the Ledger configuration: narrower bounds refuse what the default accepts', async () => {
    const src = await source(narrow.app);
    const id = await prediction(narrow.app);
    const path = `/api/claims/${id}/forecasts`;
    expectProblem(await call(narrow.app, 'POST', path, { sourceId: src, probability: 0.04 }), 422, '/probability');
    expectProblem(await call(narrow.app, 'POST', path, { sourceId: src, probability: 0.96 }), 422, '/probability');
    expect((await call(narrow.app, 'POST', path, { sourceId: src, probability: 0.05 })).status).toBe(201);
    expect((await call(narrow.app, 'POST', path, { sourceId: src, probability: 0.95 })).status).toBe(201);
    // The instance's own bounds were recorded (rules.set) before its first write: 1 + source, claim, two forecasts.
    expect(await events(narrow.db)).toBe(5);
  });

  it('follow the Ledger configuration: wider bounds accept what the default refuses', async () => {
    const src = await source(wide.app);
    const id = await prediction(wide.app);
    const path = `/api/claims/${id}/forecasts`;
    expect((await call(wide.app, 'POST', path, { sourceId: src, probability: 0.005 })).status).toBe(201);
    expect((await call(wide.app, 'POST', path, { sourceId: src, probability: 0.999 })).status).toBe(201);
    expectProblem(await call(wide.app, 'POST', path, { sourceId: src, probability: 0.0005 }), 422, '/probability');
  });
});

describe('dates in the world', () => {
  it('keep the precision of stances and evidence: a year, a month or a day', async () => {
    const src = await source(app);
    const id = await claim(app);
    for (const date of ['2023', '2023-10', '2023-10-13']) {
      const st = await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date });
      expect(st.date).toBe(date);
      const ev = await post(app, `/api/claims/${id}/evidence`, { date, summary: `Seen ${date}`, bearing: 'supports' });
      expect(ev.date).toBe(date);
    }
    const view = await getClaim(app, id);
    expect(view.stances.map((s: any) => s.date)).toEqual(['2023', '2023-10', '2023-10-13']);
    expect(view.evidence.map((e: any) => e.date)).toEqual(['2023', '2023-10', '2023-10-13']);
    // For "as of" replay a partial date counts from the first instant of its period.
    const worldAt = view.timeline.filter((t: any) => t.type === 'stance.recorded').map((t: any) => t.worldAt);
    expect(worldAt).toEqual(['2023-01-01T00:00:00.000Z', '2023-10-01T00:00:00.000Z', '2023-10-13T00:00:00.000Z']);
  });

  it('refuse impossible calendar dates with a pointer to the field', async () => {
    const src = await source(app);
    const id = await prediction(app);
    const before = await events(ctx.db);
    for (const date of ['2023-02-30', '2023-02-29', '2023-13', '2023-00', '2023-04-31', '23-10-13', '2023-1-5']) {
      expectProblem(await call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date }), 400, '/date');
      expectProblem(await call(app, 'POST', `/api/claims/${id}/evidence`, { date, summary: 'x', bearing: 'context' }), 400, '/date');
    }
    expectProblem(await call(app, 'POST', '/api/claims', { ...base(), kind: 'prediction', deadline: '2030-02-30' }), 400, '/deadline');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.5, madeAt: '2023-02-30T10:00:00Z' }), 400, '/madeAt');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.5, madeAt: '2023-02-28T24:30:00Z' }), 400, '/madeAt');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2023-04-31' }), 400, '/knownOn');
    expect(await events(ctx.db)).toBe(before);
    // A real leap day is fine.
    expect((await call(app, 'POST', `/api/claims/${id}/evidence`, { date: '2024-02-29', summary: 'leap', bearing: 'context' })).status).toBe(201);
  });
});

describe('edits', () => {
  it('need a reason', async () => {
    const id = await claim(app);
    const before = await events(ctx.db);
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { statement: 'New wording' }), 400, '/reason');
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { statement: 'New wording', reason: '  ' }), 400, '/reason');
    expect(await events(ctx.db)).toBe(before);
    expect((await getClaim(app, id)).revision).toBe(1);
  });

  it('keep every earlier revision, each naming what changed', async () => {
    const id = await prediction(app, { statement: 'First wording', resolutionCriteria: 'First test' });
    const r1 = await call(app, 'PATCH', `/api/claims/${id}`, { statement: 'Second wording', reason: 'typo' });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ statement: 'Second wording', revision: 2 });
    const r2 = await call(app, 'PATCH', `/api/claims/${id}`, { resolutionCriteria: 'Second test', deadline: '2031-01-31', reason: 'sharper test' });
    expect(r2.status).toBe(200);
    const view = await getClaim(app, id);
    expect(view).toMatchObject({ statement: 'Second wording', resolutionCriteria: 'Second test', deadline: '2031-01-31', revision: 3 });
    expect(view.revisions).toHaveLength(3);
    expect(view.revisions[0]).toMatchObject({ revision: 1, statement: 'First wording', resolutionCriteria: 'First test', deadline: '2030-12-31', changed: [] });
    expect(view.revisions[1]).toMatchObject({ revision: 2, statement: 'Second wording', resolutionCriteria: 'First test', reason: 'typo', changed: ['statement'] });
    expect(view.revisions[2]).toMatchObject({ revision: 3, statement: 'Second wording', resolutionCriteria: 'Second test', deadline: '2031-01-31', reason: 'sharper test' });
    expect([...view.revisions[2].changed].sort()).toEqual(['deadline', 'resolutionCriteria']);
  });

  it('that change nothing are refused, and so are edits of a resolved claim', async () => {
    const id = await claim(app, { statement: 'Same' });
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { statement: 'Same', reason: 'nothing' }), 422);
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { resolutionCriteria: ' ', reason: 'blank' }), 400, '/resolutionCriteria');
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-01-01' });
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { statement: 'Other', reason: 'late' }), 409);
    expectProblem(await call(app, 'PATCH', `/api/claims/${uid('none')}`, { statement: 'Other', reason: 'x' }), 404);
  });

  it('mark editedAfterForecasts only when forecasts existed before the edit', async () => {
    const src = await source(app);
    // Edited, then forecast: not flagged.
    const a = await prediction(app);
    await call(app, 'PATCH', `/api/claims/${a}`, { statement: 'Reworded before anyone forecast', reason: 'clarity' });
    await post(app, `/api/claims/${a}/forecasts`, { sourceId: src, probability: 0.4 });
    expect((await getClaim(app, a)).editedAfterForecasts).toBe(false);
    expect((await listItem(app, a)).editedAfterForecasts).toBe(false);
    // Forecast, then edited: flagged, in the edit's answer, the detail and the list.
    const b = await prediction(app);
    await post(app, `/api/claims/${b}/forecasts`, { sourceId: src, probability: 0.4 });
    const edit = await call(app, 'PATCH', `/api/claims/${b}`, { resolutionCriteria: 'Moved the goalposts', reason: 'clarity' });
    expect(edit.body.editedAfterForecasts).toBe(true);
    expect((await getClaim(app, b)).editedAfterForecasts).toBe(true);
    expect((await listItem(app, b)).editedAfterForecasts).toBe(true);
    // The first claim becomes flagged at its next edit, now that a forecast exists.
    await call(app, 'PATCH', `/api/claims/${a}`, { deadline: '2032-01-01', reason: 'extended' });
    expect((await getClaim(app, a)).editedAfterForecasts).toBe(true);
    expect((await listItem(app, a)).editedAfterForecasts).toBe(true);
  });
});
