/**
 * Claims in world time (issue 14): firstAllegedOn on the claim and its list item (the earliest
 * non-retracted asserting stance), the list's newest/oldest by that world date with recording
 * order as `sort=recorded`, and the as-of view marking text written after its date.
 */
import { describe, expect, it } from 'vitest';
import { claim, getClaim, listItem, post, prediction, source } from './fixtures.js';
import { call, freshApp, uid } from '../helpers/db.js';

const { app } = await freshApp();

describe('the world date of claims', () => {
  it('firstAllegedOn: the earliest live assertion, least precise of its day; a retraction moves it', async () => {
    const [a, b] = [await source(app), await source(app)];
    const id = await claim(app);
    expect((await getClaim(app, id)).firstAllegedOn).toBeUndefined();
    await post(app, `/api/claims/${id}/stances`, { sourceId: a, stance: 'denies', date: '2019' });
    const early = await post(app, `/api/claims/${id}/stances`, { sourceId: a, stance: 'asserts', date: '2021-03' });
    await post(app, `/api/claims/${id}/stances`, { sourceId: b, stance: 'asserts', date: '2021-03-01' });
    await post(app, `/api/claims/${id}/stances`, { sourceId: b, stance: 'asserts', date: '2022-05-04' });
    expect((await getClaim(app, id)).firstAllegedOn).toBe('2021-03');
    expect((await listItem(app, id)).firstAllegedOn).toBe('2021-03');
    await post(app, `/api/events/${early.seq}/retraction`, { reason: 'misattributed' });
    expect((await getClaim(app, id)).firstAllegedOn).toBe('2021-03-01');
    expect((await listItem(app, id)).firstAllegedOn).toBe('2021-03-01');
    // A prediction has none.
    expect((await getClaim(app, await prediction(app))).firstAllegedOn).toBeUndefined();
  });

  it('newest first by the world date; sort=recorded keeps recording order', async () => {
    const tag = uid('wd');
    const s = await source(app);
    const old = await claim(app, { tags: [tag] });
    await post(app, `/api/claims/${old}/stances`, { sourceId: s, stance: 'asserts', date: '2024-02' });
    const older = await claim(app, { tags: [tag] });
    await post(app, `/api/claims/${older}/stances`, { sourceId: s, stance: 'asserts', date: '2019-06-30' });
    const fresh = await prediction(app, { tags: [tag] });
    const opened = await prediction(app, { tags: [tag], openedAt: '2020-01-01' });
    const ids = async (q: string) => (await call(app, 'GET', `/api/claims?tag=${tag}&${q}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('')).toEqual([fresh, old, opened, older]);
    expect(await ids('sort=newest&limit=1')).toEqual([fresh]);
    expect(await ids('sort=oldest')).toEqual([older, opened, old, fresh]);
    expect(await ids('sort=recorded')).toEqual([opened, fresh, older, old]);
    // Paging by the world date: two pages of two.
    const first = await call(app, 'GET', `/api/claims?tag=${tag}&limit=2`);
    const second = await call(app, 'GET', `/api/claims?tag=${tag}&limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((c: { id: string }) => c.id)).toEqual([fresh, old, opened, older]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('the as-of view marks the text written after its date', async () => {
    const s = await source(app);
    const id = await claim(app, { details: 'Written now, with hindsight.' });
    await post(app, `/api/claims/${id}/stances`, { sourceId: s, stance: 'asserts', date: '2022-01-10' });
    const past = (await call(app, 'GET', `/api/claims/${id}?asOf=2022-06-01`)).body;
    expect(past.writtenAfterAsOf).toEqual(['title', 'statement', 'resolutionCriteria', 'details']);
    const now = (await call(app, 'GET', `/api/claims/${id}?asOf=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`)).body;
    expect(now.writtenAfterAsOf).toBeUndefined();
    expect((await getClaim(app, id)).writtenAfterAsOf).toBeUndefined();
  });
});
