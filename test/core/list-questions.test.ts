/**
 * GET /api/claims for questions that are not yes/no (issue 17): each item carries the claim
 * view's question (questionType, options, range, a resolution's value) and each source's latest
 * standing forecast — `probabilities` for multiple choice, the median and central half of the
 * CDF for numeric and date — where it used to show none. Yes/no items keep `probability`.
 */
import { describe, expect, it } from 'vitest';
import { claimFromRow, claimSummaries, listClaimRows } from '../../src/db/claim-list.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { referenceList } from '../helpers/reference-list.js';
import { getClaim, listItem, post, prediction, source } from './fixtures.js';

const ctx = await freshApp();
const { app } = ctx;

/** A CDF rising linearly from 0 to 1 over the 201 points: quartiles at ¼, ½ and ¾ of the range. */
const LINEAR = Array.from({ length: 201 }, (_, i) => i / 200);
/** The claim as the list item carries it: the claim view without its histories. */
const header = ({ revisions: _r, forecasts: _f, stances: _s, evidence: _e, resolutions: _res, timeline: _t, ...claim }: any) => claim;

describe('the claim list and questions that are not yes/no', () => {
  it('a multiple-choice and a numeric question appear with their question and each source’s latest forecast', async () => {
    const tag = uid('q');
    const [a, b] = [await source(app, { id: uid('a') }), await source(app, { id: uid('b') })].sort();
    const mc = await prediction(app, { tags: [tag], questionType: 'multiple-choice', options: ['Sweden', 'Austria', 'Israel'] });
    await post(app, `/api/claims/${mc}/forecasts`, { sourceId: a, probabilities: [0.5, 0.3, 0.2], madeAt: '2025-01-01T00:00:00Z' });
    await post(app, `/api/claims/${mc}/forecasts`, { sourceId: a, probabilities: [0.2, 0.45, 0.35], madeAt: '2025-02-01T00:00:00Z' });
    const wrong = await post(app, `/api/claims/${mc}/forecasts`, { sourceId: a, probabilities: [0.9, 0.05, 0.05], madeAt: '2025-03-01T00:00:00Z' });
    await post(app, `/api/events/${wrong.seq}/retraction`, { reason: 'wrong claim' });
    await post(app, `/api/claims/${mc}/forecasts`, { sourceId: b, probabilities: [0.1, 0.1, 0.8], madeAt: '2025-01-15T00:00:00Z' });
    const num = await prediction(app, { tags: [tag], questionType: 'numeric', range: { min: 0, max: 20000 } });
    await post(app, `/api/claims/${num}/forecasts`, { sourceId: b, cdf: LINEAR, madeAt: '2025-01-10T00:00:00Z' });

    const mcItem = await listItem(app, mc, `&tag=${tag}`);
    expect(mcItem).toMatchObject({ questionType: 'multiple-choice', options: ['Sweden', 'Austria', 'Israel'] });
    expect(mcItem.latestForecasts).toEqual([
      { sourceId: a, madeAt: '2025-02-01T00:00:00.000Z', probabilities: [0.2, 0.45, 0.35] },
      { sourceId: b, madeAt: '2025-01-15T00:00:00.000Z', probabilities: [0.1, 0.1, 0.8] },
    ]);
    const numItem = await listItem(app, num, `&tag=${tag}`);
    expect(numItem).toMatchObject({ questionType: 'numeric', range: { min: 0, max: 20000, openLower: false, openUpper: false, scale: 'linear' } });
    expect(numItem.latestForecasts).toHaveLength(1);
    const [f] = numItem.latestForecasts;
    expect(f).toMatchObject({ sourceId: b, madeAt: '2025-01-10T00:00:00.000Z' });
    expect(f.median).toBeCloseTo(10000, 6);
    expect(f.lowerQuartile).toBeCloseTo(5000, 6);
    expect(f.upperQuartile).toBeCloseTo(15000, 6);
    expect(f).not.toHaveProperty('cdf');
    expect(f).not.toHaveProperty('probability');
  });

  it('a date question gives its quartiles as instants; a resolved value and the claim view match the list item', async () => {
    const d = await prediction(app, { questionType: 'date', range: { min: '2025-01-01', max: '2025-01-05' } });
    const src = await source(app);
    await post(app, `/api/claims/${d}/forecasts`, { sourceId: src, cdf: LINEAR, madeAt: '2024-12-01T00:00:00Z' });
    await post(app, `/api/claims/${d}/resolution`, { value: '2025-01-02T12:00:00Z', knownOn: '2025-01-03' });
    const item = await listItem(app, d);
    expect(item.latestForecasts).toEqual([{ sourceId: src, madeAt: '2024-12-01T00:00:00.000Z', median: '2025-01-03T00:00:00.000Z', lowerQuartile: '2025-01-02T00:00:00.000Z', upperQuartile: '2025-01-04T00:00:00.000Z' }]);
    // openedAt aside: the view defaults it to the recording, the list row leaves it out (as before).
    const { latestForecasts: _l, stanceTally: _t, openedAt: _o, ...claim } = item;
    const { openedAt: _vo, ...view } = header(await getClaim(app, d));
    expect(claim).toEqual(view);
    expect(claim.resolution.value).toBe('2025-01-02T12:00:00.000Z');
  });

  it('a yes/no item is as it was: questionType binary, probability exactly as given', async () => {
    const p = await prediction(app);
    const src = await source(app);
    await post(app, `/api/claims/${p}/forecasts`, { sourceId: src, probability: 0.1 + 0.2, madeAt: '2025-01-01T00:00:00Z' });
    const item = await listItem(app, p);
    expect(item.questionType).toBe('binary');
    expect(item.latestForecasts).toEqual([{ sourceId: src, probability: 0.1 + 0.2, madeAt: '2025-01-01T00:00:00.000Z' }]);
  });

  it('the uncached path (the CLI’s list) gives the same items as the API', async () => {
    const { rows } = await listClaimRows(ctx.db.client, { limit: 200 });
    const claims = rows.map(claimFromRow);
    const { forecasts } = await claimSummaries(ctx.db.client, claims.map((c) => c.id));
    for (const c of claims.filter((c) => c.questionType !== 'binary')) expect(forecasts.get(c.id) ?? []).toEqual((await listItem(app, c.id)).latestForecasts);
    expect(claims.some((c) => c.questionType === 'numeric' && (forecasts.get(c.id) ?? []).length > 0)).toBe(true);
    // And the plain reference list (test/helpers/reference-list.ts), whole items.
    const { body } = await call(app, 'GET', '/api/claims?limit=200');
    expect(body.items).toEqual((await referenceList(ctx.db.client))({}));
  });
});
