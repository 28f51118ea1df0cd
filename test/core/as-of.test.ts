/**
 * Two clocks: GET /api/claims/{id}?asOf= replays a claim by the dates of the world (so
 * imported history replays as it happened); ?asOfRecorded= answers what Reckon had recorded.
 */
import { describe, expect, it } from 'vitest';
import { call, freshApp, uid } from '../helpers/db.js';
import { expectProblem, getClaim, manualClock, post, type App } from './fixtures.js';

const clock = manualClock('2025-03-01T12:00:00.000Z');
const ctx = await freshApp({ clock: () => clock.now });
const app: App = ctx.app;

/**
 * A claim recorded on 2025-03-01 with history dated in the world from May 2023: a stance
 * (2023-05), forecasts (2023-09-01, 2024-06-01), evidence (2024-01-15), a resolution known
 * on 2024-12-01, recorded a minute apart from 12:00; then on 2025-03-02 an edit and on
 * 2025-03-03 the retraction of the second forecast.
 */
async function history() {
  clock.set('2025-03-01T12:00:00.000Z');
  const src = uid('src');
  await post(app, '/api/sources', { id: src, name: 'Analyst', type: 'forecaster' });
  const id = uid('cl');
  await post(app, '/api/claims', { id, kind: 'prediction', title: 'Original title', statement: 's', resolutionCriteria: 'r', deadline: '2024-12-31' });
  clock.set('2025-03-01T12:01:00.000Z');
  const stance = await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2023-05' });
  clock.set('2025-03-01T12:02:00.000Z');
  const f1 = await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.2, madeAt: '2023-09-01T00:00:00Z' });
  clock.set('2025-03-01T12:03:00.000Z');
  const ev = await post(app, `/api/claims/${id}/evidence`, { date: '2024-01-15', summary: 'Imagery', bearing: 'supports' });
  clock.set('2025-03-01T12:04:00.000Z');
  const f2 = await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.7, madeAt: '2024-06-01T00:00:00Z' });
  clock.set('2025-03-01T12:05:00.000Z');
  const res = await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-12-01', evidenceIds: [ev.id] });
  clock.set('2025-03-02T09:00:00.000Z');
  await post(app, `/api/claims/${id}/reopen`, { reason: 'recheck' });
  clock.set('2025-03-02T10:00:00.000Z');
  const edit = await call(app, 'PATCH', `/api/claims/${id}`, { title: 'Edited title', reason: 'clearer' });
  expect(edit.status).toBe(200);
  clock.set('2025-03-03T10:00:00.000Z');
  const retraction = await post(app, `/api/events/${f2.seq}/retraction`, { reason: 'wrong number' });
  return { id, stance, f1, f2, ev, res, retraction };
}

const h = await history();
const asOf = (q: string) => getClaim(app, h.id, `?asOf=${encodeURIComponent(q)}`);
const asRecorded = (q: string) => getClaim(app, h.id, `?asOfRecorded=${encodeURIComponent(q)}`);

describe('asOf (world time)', () => {
  it('is 404 before the first dated event', async () => {
    expectProblem(await call(app, 'GET', `/api/claims/${h.id}?asOf=2023-04-30T23:59:59Z`), 404);
    expectProblem(await call(app, 'GET', `/api/claims/${h.id}?asOf=2020-01-01`), 404);
  });

  it('counts a partial date from the first instant of its period', async () => {
    const v = await asOf('2023-05-01');
    expect(v.stances.map((s: any) => s.id)).toEqual([h.stance.id]);
    expect(v.forecasts).toEqual([]);
    expect(v.asOf).toBe('2023-05-01');
  });

  it('between events shows only the earlier ones', async () => {
    const v1 = await asOf('2023-10-01');
    expect(v1.forecasts.map((f: any) => f.id)).toEqual([h.f1.id]);
    expect(v1.evidence).toEqual([]);
    expect(v1).toMatchObject({ status: 'open', resolution: null, resolutions: [] });
    const v2 = await asOf('2024-07-01');
    expect(v2.forecasts.map((f: any) => f.id)).toEqual([h.f1.id, h.f2.id]);
    expect(v2.evidence.map((e: any) => e.id)).toEqual([h.ev.id]);
    expect(v2.status).toBe('open');
    expect(v2.timeline.map((t: any) => t.type)).toEqual(['claim.created', 'stance.recorded', 'forecast.recorded', 'evidence.recorded', 'forecast.recorded']);
  });

  it('shows the resolution from the day it became known, and later events by their recording', async () => {
    const before = await asOf('2024-11-30T23:59:59Z');
    expect(before.status).toBe('open');
    const known = await asOf('2024-12-01');
    expect(known).toMatchObject({ status: 'confirmed', resolution: { outcome: 'confirmed', knownOn: '2024-12-01' } });
    // Edits, reopenings and retractions count from their recording time.
    expect(known).toMatchObject({ title: 'Original title', revision: 1 });
    expect(known.forecasts[1]).toMatchObject({ id: h.f2.id, retracted: false });
    const afterReopen = await asOf('2025-03-02T09:30:00Z');
    expect(afterReopen).toMatchObject({ status: 'open', title: 'Original title' });
    const afterEdit = await asOf('2025-03-02T10:00:00Z');
    expect(afterEdit).toMatchObject({ title: 'Edited title', revision: 2 });
    expect(afterEdit.forecasts[1].retracted).toBe(false);
    const now = await asOf('2025-03-04');
    expect(now.forecasts[1]).toMatchObject({ retracted: true, retraction: { seq: h.retraction.seq } });
    const live = await getClaim(app, h.id);
    const { asOf: _, ...rest } = now;
    expect(rest).toEqual(live);
  });

  it('refuses an impossible date with 400', async () => {
    expectProblem(await call(app, 'GET', `/api/claims/${h.id}?asOf=2024-02-30`), 400, '/asOf');
    expectProblem(await call(app, 'GET', `/api/claims/${h.id}?asOfRecorded=yesterday`), 400, '/asOfRecorded');
  });
});

describe('asOfRecorded (what Reckon knew)', () => {
  it('is 404 before the claim was recorded, however early its world dates', async () => {
    expectProblem(await call(app, 'GET', `/api/claims/${h.id}?asOfRecorded=2025-03-01T11:59:59Z`), 404);
  });

  it('shows only what had been recorded by then, whatever its world date', async () => {
    const v = await asRecorded('2025-03-01T12:01:30Z');
    expect(v.stances.map((s: any) => s.id)).toEqual([h.stance.id]);
    expect(v.forecasts).toEqual([]); // dated 2023, but recorded at 12:02
    expect(v.asOfRecorded).toBe('2025-03-01T12:01:30Z');
    const later = await asRecorded('2025-03-01T12:04:00Z');
    expect(later.forecasts.map((f: any) => f.id)).toEqual([h.f1.id, h.f2.id]);
    expect(later.status).toBe('open');
    const resolved = await asRecorded('2025-03-01T12:05:00Z');
    expect(resolved.status).toBe('confirmed');
  });

  it('sees a retraction only from its recording', async () => {
    expect((await asRecorded('2025-03-03T09:59:59Z')).forecasts[1].retracted).toBe(false);
    expect((await asRecorded('2025-03-03T10:00:00Z')).forecasts[1].retracted).toBe(true);
  });

  it('combines with asOf: both clocks must have passed', async () => {
    const v = await getClaim(app, h.id, '?asOf=2023-10-01&asOfRecorded=2025-03-01T12:01:30Z');
    expect(v.stances).toHaveLength(1);
    expect(v.forecasts).toEqual([]);
    const w = await getClaim(app, h.id, '?asOf=2023-10-01&asOfRecorded=2025-03-01T12:02:00Z');
    expect(w.forecasts.map((f: any) => f.id)).toEqual([h.f1.id]);
  });
});
