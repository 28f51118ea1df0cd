/**
 * Domain rules about a claim's history, through the real app: no forecasting in hindsight,
 * backfilled forecasts, resolving (pointers, cited evidence), reopening, and retractions.
 */
import { describe, expect, it } from 'vitest';
import { call, freshApp } from '../helpers/db.js';
import { claim, events, expectProblem, getClaim, listItem, manualClock, post, prediction, source, type App } from './fixtures.js';

const ctx = await freshApp();
const app: App = ctx.app;
const clock = manualClock('2025-03-01T12:00:00.000Z');
const pinned = await freshApp({ clock: () => clock.now });

describe('no forecasting in hindsight', () => {
  it('refuses a forecast on a resolved claim (409), even one dated before the resolution', async () => {
    const src = await source(app);
    const id = await prediction(app);
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-06-01' });
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.6, madeAt: '2024-05-01T00:00:00Z' }), 409);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.6 }), 409);
    expect(await events(ctx.db)).toBe(before);
    expect((await getClaim(app, id)).forecasts).toEqual([]);
  });

  it('refuses a forecast dated on or after the resolution date', async () => {
    const src = await source(app);
    const id = await prediction(app);
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-06-01' });
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.6, madeAt: '2024-06-01T00:00:00Z' }), 409);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.6, madeAt: '2024-07-01T00:00:00Z' }), 409);
  });

  it('allows forecasting again after a recorded reopen (the claim is open, with no resolution date), and refuses it after the next resolution', async () => {
    const src = await source(app);
    const id = await prediction(app);
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-06-01' });
    await post(app, `/api/claims/${id}/reopen`, { reason: 'the report was withdrawn' });
    const f = await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.3, madeAt: '2024-07-01T00:00:00Z' });
    expect(f).toMatchObject({ probability: 0.3, madeAt: '2024-07-01T00:00:00.000Z', backfilled: true });
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-09-01' });
    expectProblem(await call(app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.3, madeAt: '2024-08-01T00:00:00Z' }), 409);
  });
});

describe('backfilled forecasts', () => {
  it('are those whose madeAt lies more than 5 minutes before their recording', async () => {
    const src = await source(pinned.app);
    const id = await prediction(pinned.app);
    const path = `/api/claims/${id}/forecasts`;
    const at = (iso: string) => post(pinned.app, path, { sourceId: src, probability: 0.5, madeAt: iso });
    expect((await at('2025-03-01T11:54:59.000Z')).backfilled).toBe(true); // 5 min 1 s before
    expect((await at('2025-03-01T11:55:00.000Z')).backfilled).toBe(false); // exactly 5 min
    expect((await at('2025-03-01T11:58:00.000Z')).backfilled).toBe(false); // 2 min
    expect((await at('2024-01-01')).backfilled).toBe(true);
    const now = await post(pinned.app, path, { sourceId: src, probability: 0.5 });
    expect(now).toMatchObject({ madeAt: '2025-03-01T12:00:00.000Z', backfilled: false, recordedAt: '2025-03-01T12:00:00.000Z' });
    // The flag is stored: the ledger event carries it.
    const ev = await call(pinned.app, 'GET', `/api/events/${now.seq}`);
    expect(ev.body.payload.backfilled).toBe(false);
    const old = (await getClaim(pinned.app, id)).forecasts[0];
    expect((await call(pinned.app, 'GET', `/api/events/${old.seq}`)).body.payload.backfilled).toBe(true);
  });

  it('cannot lie in the future beyond the same grace', async () => {
    const src = await source(pinned.app);
    const id = await prediction(pinned.app);
    expectProblem(await call(pinned.app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.5, madeAt: '2025-03-01T12:06:00Z' }), 422, '/madeAt');
    expect((await call(pinned.app, 'POST', `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.5, madeAt: '2025-03-01T12:04:00Z' })).status).toBe(201);
  });
});

describe('resolving', () => {
  it('needs an outcome and the date it became known (400 with pointers)', async () => {
    const id = await claim(app);
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { knownOn: '2024-01-01' }), 400, '/outcome');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed' }), 400, '/knownOn');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'probably', knownOn: '2024-01-01' }), 400, '/outcome');
    expect(await events(ctx.db)).toBe(before);
    expect((await getClaim(app, id)).status).toBe('open');
  });

  it('may cite evidence of the same claim but not of another one', async () => {
    const id = await claim(app);
    const other = await claim(app);
    const own = await post(app, `/api/claims/${id}/evidence`, { date: '2024-01-01', summary: 'Own', bearing: 'supports' });
    const foreign = await post(app, `/api/claims/${other}/evidence`, { date: '2024-01-01', summary: 'Foreign', bearing: 'supports' });
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-02-01', evidenceIds: [foreign.id] }), 422, '/evidenceIds/0');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-02-01', evidenceIds: [own.id, 'ev-nope'] }), 422, '/evidenceIds/1');
    expect(await events(ctx.db)).toBe(before);
    const r = await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-02-01', evidenceIds: [own.id], note: 'decided' });
    expect(r).toMatchObject({ outcome: 'confirmed', knownOn: '2024-02-01', evidenceIds: [own.id], note: 'decided' });
  });

  it('can happen again only after a recorded reopen with a reason; the earlier resolution stays', async () => {
    const id = await claim(app);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/reopen`, { reason: 'nothing to reopen' }), 409);
    const first = await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-01-10' });
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-02-10' }), 409);
    expectProblem(await call(app, 'POST', `/api/claims/${id}/reopen`, {}), 400, '/reason');
    expectProblem(await call(app, 'POST', `/api/claims/${id}/reopen`, { reason: '   ' }), 400, '/reason');
    expect((await getClaim(app, id)).status).toBe('confirmed');
    const reopen = await post(app, `/api/claims/${id}/reopen`, { reason: 'source retracted its report' });
    expect(reopen).toMatchObject({ claimId: id, reason: 'source retracted its report' });
    expect((await getClaim(app, id))).toMatchObject({ status: 'open', resolution: null });
    expect((await listItem(app, id))).toMatchObject({ status: 'open', resolution: null });
    const second = await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-02-10' });
    expect(second.status).toBe(201);
    const view = await getClaim(app, id);
    expect(view.status).toBe('refuted');
    expect(view.resolution).toMatchObject({ seq: second.body.seq, outcome: 'refuted' });
    expect(view.resolutions).toHaveLength(2);
    expect(view.resolutions[0]).toMatchObject({ seq: first.seq, outcome: 'confirmed', reopened: { seq: reopen.seq, reason: 'source retracted its report' } });
    expect(view.resolutions[1].reopened).toBeUndefined();
    expect((await listItem(app, id)).resolution).toMatchObject({ seq: second.body.seq, outcome: 'refuted', knownOn: '2024-02-10' });
  });
});

describe('retractions', () => {
  async function setup() {
    const src = await source(app);
    const id = await prediction(app);
    const f1 = await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.2, madeAt: '2024-01-01T00:00:00Z' });
    const f2 = await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.8, madeAt: '2024-02-01T00:00:00Z' });
    const s1 = await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2024-01' });
    const s2 = await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'denies', date: '2024-02' });
    const ev = await post(app, `/api/claims/${id}/evidence`, { date: '2024-01-05', summary: 'A photo', bearing: 'supports' });
    return { src, id, f1, f2, s1, s2, ev };
  }

  it('flag a forecast in the history and stop it counting in latestForecasts', async () => {
    const { src, id, f1, f2 } = await setup();
    expect((await listItem(app, id)).latestForecasts).toEqual([{ sourceId: src, probability: 0.8, madeAt: '2024-02-01T00:00:00.000Z' }]);
    const r = await post(app, `/api/events/${f2.seq}/retraction`, { reason: 'typed 0.8 for 0.08' });
    expect(r).toMatchObject({ targetSeq: f2.seq, targetType: 'forecast', targetId: f2.id, claimId: id, reason: 'typed 0.8 for 0.08' });
    const view = await getClaim(app, id);
    expect(view.forecasts).toHaveLength(2);
    expect(view.forecasts[0]).toMatchObject({ id: f1.id, retracted: false });
    expect(view.forecasts[1]).toMatchObject({ id: f2.id, retracted: true, retraction: { seq: r.seq, reason: 'typed 0.8 for 0.08' } });
    expect(view.timeline.find((t: any) => t.seq === f2.seq).retracted).toBe(true);
    expect((await listItem(app, id)).latestForecasts).toEqual([{ sourceId: src, probability: 0.2, madeAt: '2024-01-01T00:00:00.000Z' }]);
  });

  it('flag a stance and stop it counting in stanceTally', async () => {
    const { id, s1, s2 } = await setup();
    expect((await listItem(app, id)).stanceTally).toEqual({ asserts: 1, denies: 1 });
    await post(app, `/api/events/${s2.seq}/retraction`, { reason: 'wrong claim' });
    expect((await listItem(app, id)).stanceTally).toEqual({ asserts: 1, denies: 0 });
    const view = await getClaim(app, id);
    expect(view.stances.map((s: any) => [s.id, s.retracted])).toEqual([[s1.id, false], [s2.id, true]]);
  });

  it('flag evidence, which can then no longer be cited by a resolution', async () => {
    const { id, ev } = await setup();
    await post(app, `/api/events/${ev.seq}/retraction`, { reason: 'doctored photo' });
    expect((await getClaim(app, id)).evidence[0]).toMatchObject({ id: ev.id, retracted: true });
    expectProblem(await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-03-01', evidenceIds: [ev.id] }), 422, '/evidenceIds/0');
  });

  it('are refused twice, on other event types, without a reason, and for an unknown seq', async () => {
    const { id, f1 } = await setup();
    const created = (await getClaim(app, id)).timeline.find((t: any) => t.type === 'claim.created');
    const srcEvent = (await call(app, 'GET', '/api/events?after=0&limit=1')).body.items[0];
    expect(srcEvent.type).toBe('source.registered');
    const before = await events(ctx.db);
    expectProblem(await call(app, 'POST', `/api/events/${f1.seq}/retraction`, {}), 400, '/reason');
    expectProblem(await call(app, 'POST', `/api/events/${created.seq}/retraction`, { reason: 'oops' }), 409);
    expectProblem(await call(app, 'POST', `/api/events/${srcEvent.seq}/retraction`, { reason: 'oops' }), 409);
    expectProblem(await call(app, 'POST', '/api/events/999999/retraction', { reason: 'oops' }), 404);
    expect(await events(ctx.db)).toBe(before);
    const first = await call(app, 'POST', `/api/events/${f1.seq}/retraction`, { reason: 'mistake' });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/events/${first.body.seq}`);
    // Nor can a retraction itself be retracted.
    expectProblem(await call(app, 'POST', `/api/events/${first.body.seq}/retraction`, { reason: 'undo' }), 409);
    expectProblem(await call(app, 'POST', `/api/events/${f1.seq}/retraction`, { reason: 'again' }), 409);
    expect(await events(ctx.db)).toBe(before + 1);
    const view = await getClaim(app, id);
    expect(view.forecasts.find((f: any) => f.id === f1.id).retraction.reason).toBe('mistake');
  });

  it('are events of the claim: they appear in its timeline and in the ledger', async () => {
    const { id, f1 } = await setup();
    const r = await post(app, `/api/events/${f1.seq}/retraction`, { reason: 'r' });
    const view = await getClaim(app, id);
    expect(view.timeline.at(-1)).toMatchObject({ seq: r.seq, type: 'event.retracted', payload: { targetSeq: f1.seq, targetType: 'forecast' } });
    expect((await call(app, 'GET', `/api/events/${r.seq}`)).body).toMatchObject({ type: 'event.retracted', claimId: id, payload: { targetSeq: f1.seq } });
  });
});
