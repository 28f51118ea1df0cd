/**
 * What a date-only knownOn (or a deadline) leaves out is visible, never silent (issue 13
 * item 2): each forecast in a claim's view says `counted` and, when not, `notCountedBecause`;
 * the resolution's 201 says `uncountedForecasts`; GET /api/claims/{id}/resolution-preview says
 * it before resolving. The scores leave out exactly the forecasts the view marks.
 */
import { describe, expect, it } from 'vitest';
import { call, freshApp, uid } from '../helpers/db.js';
import { expectProblem, getClaim, post, prediction, source, type App } from './fixtures.js';

const ctx = await freshApp();
const app: App = ctx.app;

const marks = (view: { forecasts: Array<{ probability: number; counted: boolean; notCountedBecause?: string }> }) =>
  view.forecasts.map((f) => [f.probability, f.counted, f.notCountedBecause ?? null]);

describe('counted forecasts in a claim’s view', () => {
  it('mark retracted, superseded and made-after-known-on forecasts; the 201 and the preview count the last; the scores agree', async () => {
    const tag = uid('tag');
    const [a, b] = [await source(app), await source(app)];
    const id = await prediction(app, { tags: [tag] });
    const path = `/api/claims/${id}/forecasts`;
    await post(app, path, { sourceId: a, probability: 0.3, madeAt: '2024-01-01T00:00:00Z' });
    await post(app, path, { sourceId: a, probability: 0.4, madeAt: '2024-02-01T00:00:00Z' });
    const wrong = await post(app, path, { sourceId: b, probability: 0.5, madeAt: '2024-03-01T00:00:00Z' });
    await post(app, `/api/events/${wrong.seq}/retraction`, { reason: 'entered against the wrong claim' });
    await post(app, path, { sourceId: b, probability: 0.6, madeAt: '2024-06-01T10:00:00Z' });
    // Open: the one that would be scored now counts.
    expect(marks(await getClaim(app, id))).toEqual([[0.3, false, 'superseded'], [0.4, true, null], [0.5, false, 'retracted'], [0.6, true, null]]);

    // Before resolving: a date-only knownOn is the start of that day, so b's 0.6 (10:00) would not count.
    const preview = await call(app, 'GET', `/api/claims/${id}/resolution-preview?knownOn=2024-06-01`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ claimId: id, status: 'open', knownOn: '2024-06-01', knownOnFrom: '2024-06-01T00:00:00.000Z', uncountedForecasts: 1, deadline: '2030-12-31', beforeDeadline: true });
    expect((await call(app, 'GET', `/api/claims/${id}/resolution-preview?knownOn=2024-06-02`)).body).toMatchObject({ uncountedForecasts: 0, knownOnFrom: '2024-06-02T00:00:00.000Z' });
    expect((await call(app, 'GET', `/api/claims/${id}/resolution-preview?knownOn=2024-06-01T10:00:00Z`)).body.uncountedForecasts).toBe(1);
    expect((await call(app, 'GET', `/api/claims/${id}/resolution-preview?knownOn=2024-06-01T10:00:01Z`)).body.uncountedForecasts).toBe(0);

    const resolved = await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-06-01' });
    expect(resolved).toMatchObject({ outcome: 'confirmed', knownOn: '2024-06-01', uncountedForecasts: 1 });
    expect(marks(await getClaim(app, id))).toEqual([[0.3, false, 'superseded'], [0.4, true, null], [0.5, false, 'retracted'], [0.6, false, 'made-after-known-on']]);
    // The scores count exactly the forecast the view marks counted: a's 0.4, o = 1.
    const cal = await call(app, 'GET', `/api/calibration?tag=${tag}`);
    expect(cal.body.count).toBe(1);
    expect(cal.body.brier).toBeCloseTo(0.36, 12);
  });

  it('the as-of view marks forecasts as they stood then', async () => {
    const a = await source(app);
    const id = await prediction(app);
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: a, probability: 0.3, madeAt: '2024-01-01T00:00:00Z' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: a, probability: 0.4, madeAt: '2024-02-01T00:00:00Z' });
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-01-15' });
    expect(marks(await getClaim(app, id, '?asOf=2024-01-10'))).toEqual([[0.3, true, null]]);
    expect(marks(await getClaim(app, id, '?asOf=2024-03-01'))).toEqual([[0.3, true, null], [0.4, false, 'made-after-known-on']]);
  });

  it('a forecast left behind by a deadline moved earlier reads made-after-close and is not scored', async () => {
    const tag = uid('tag');
    const a = await source(app);
    const id = await prediction(app, { tags: [tag] });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: a, probability: 0.2, madeAt: '2024-01-01T00:00:00Z' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: a, probability: 0.9, madeAt: '2024-05-01T00:00:00Z' });
    const edit = await call(app, 'PATCH', `/api/claims/${id}`, { deadline: '2024-03-01', reason: 'the question was always about Q1' });
    expect(edit.body).toMatchObject({ editedAfterForecasts: true });
    expect(marks(await getClaim(app, id))).toEqual([[0.2, true, null], [0.9, false, 'made-after-close']]);
    const resolved = await post(app, `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-06-01' });
    expect(resolved.uncountedForecasts).toBe(0);
    const cal = await call(app, 'GET', `/api/calibration?tag=${tag}`);
    expect(cal.body.count).toBe(1);
    expect(cal.body.brier).toBeCloseTo(0.04, 12); // 0.2, o = 0
  });

  it('in a bulk append too (an edit moving the deadline earlier, then the resolution), and the projection check agrees', async () => {
    const tag = uid('tag');
    const [sid, cid] = [uid('fx'), uid('q')];
    await ctx.ledger.appendAll([
      { type: 'source.register', input: { id: sid, name: 'F', type: 'forecaster' } },
      { type: 'claim.create', input: { id: cid, kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [tag] } },
      { type: 'forecast.record', claimId: cid, input: { sourceId: sid, probability: 0.2, madeAt: '2024-01-01T00:00:00Z' } },
      { type: 'forecast.record', claimId: cid, input: { sourceId: sid, probability: 0.9, madeAt: '2024-05-01T00:00:00Z' } },
      { type: 'claim.edit', claimId: cid, input: { changes: { deadline: '2024-03-01' }, reason: 'always meant Q1' } },
      { type: 'claim.resolve', claimId: cid, input: { outcome: 'refuted', knownOn: '2024-06-01' } },
    ]);
    expect(marks(await getClaim(app, cid))).toEqual([[0.2, true, null], [0.9, false, 'made-after-close']]);
    const cal = await call(app, 'GET', `/api/calibration?tag=${tag}`);
    expect(cal.body.brier).toBeCloseTo(0.04, 12);
    const check = await call(app, 'GET', '/api/verify?projections=true');
    expect(check.body, JSON.stringify(check.body)).toMatchObject({ ok: true });
  });

  it('the preview answers 404 for an unknown claim and 400 naming knownOn for a date that does not exist', async () => {
    expectProblem(await call(app, 'GET', `/api/claims/${uid('nope')}/resolution-preview?knownOn=2024-06-01`), 404);
    const id = await prediction(app);
    expectProblem(await call(app, 'GET', `/api/claims/${id}/resolution-preview?knownOn=2023-02-30`), 400, '/knownOn');
    expectProblem(await call(app, 'GET', `/api/claims/${id}/resolution-preview`), 400, '/knownOn');
  });

  it('the OpenAPI document describes counted, notCountedBecause, uncountedForecasts and the preview', async () => {
    const doc = (await call(app, 'GET', '/openapi.json')).body;
    const schemas = doc.components.schemas;
    // An extended schema is `allOf` [its base, its own part]: the own part holds the new members.
    const own = (name: string) => (schemas[name].allOf ?? [schemas[name]]).find((p: { properties?: unknown }) => p.properties);
    expect(own('ClaimDetail').properties.forecasts.items.$ref).toBe('#/components/schemas/ClaimForecast');
    expect(own('ClaimForecast').required).toContain('counted');
    expect(own('ClaimForecast').properties.notCountedBecause.enum).toEqual(['retracted', 'superseded', 'made-after-close', 'made-after-known-on']);
    expect(own('ResolutionRecorded').required).toContain('uncountedForecasts');
    expect(doc.paths['/api/claims/{id}/resolution'].post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/ResolutionRecorded');
    expect(doc.paths['/api/claims/{id}/resolution-preview'].get.operationId).toBe('previewResolution');
  });
});
