/**
 * Issue 17 × the scores issue: claims resolved with a value (multiple-choice, numeric, date)
 * count in the score projection (claim_scores) like confirmed and refuted yes/no claims, so
 * /api/sources/{id}/scores, /api/leaderboard and the scores CSV include them. The projected
 * baseline/peer/coverage are those GET /api/claims/{id}/scores computes for the claim; the
 * projection follows reopening and retraction, and a rebuild or the bulk path gives the same rows.
 */
import { describe, expect, it } from 'vitest';
import { allClaimScores } from '../../src/db/score-queries.js';
import { checkProjections, rebuildProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';

const { app, db, ledger } = await freshApp();
const uniform = Array.from({ length: 201 }, (_, i) => i / 200);
/** Most mass low in the range: cdf rises as √ of the position. */
const low = Array.from({ length: 201 }, (_, i) => Math.round(Math.sqrt(i / 200) * 1e10) / 1e10);

async function ok(method: string, path: string, body?: unknown) {
  const r = await call(app, method, path, body);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}
const [ann, bob] = [uid('ann'), uid('bob')];
for (const id of [ann, bob]) await ok('POST', '/api/sources', { id, name: id, type: 'forecaster' });
const question = async (fields: Record<string, unknown>) =>
  (await ok('POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2025-01-01', openedAt: '2024-01-01', ...fields })).id as string;

const num = await question({ questionType: 'numeric', range: { min: 0, max: 200 } });
await ok('POST', `/api/claims/${num}/forecasts`, { sourceId: ann, cdf: low, madeAt: '2024-01-01' });
const bobs = await ok('POST', `/api/claims/${num}/forecasts`, { sourceId: bob, cdf: uniform, madeAt: '2024-07-01' });
const mc = await question({ questionType: 'multiple-choice', options: ['a', 'b'] });
await ok('POST', `/api/claims/${mc}/forecasts`, { sourceId: ann, probabilities: [0.8, 0.2], madeAt: '2024-01-01' });

const scoreRows = async () => (await db.client.execute('SELECT * FROM claim_scores ORDER BY claim_id, source_id')).rows.map((r) => ({ ...r }));

describe('claims resolved with a value in per-source scores and the leaderboard', () => {
  it('a numeric question resolved with 30 counts: the source scores, the leaderboard and the CSV list it, with the claim’s own scores', async () => {
    await ok('POST', `/api/claims/${num}/resolution`, { value: 30, knownOn: '2025-01-01' });
    const claim = await ok('GET', `/api/claims/${num}/scores`);
    const own = (id: string) => claim.sources.find((s: { sourceId: string }) => s.sourceId === id);
    expect(own(ann).peer).toBeGreaterThan(0);
    const mine = await ok('GET', `/api/sources/${ann}/scores`);
    expect(mine).toMatchObject({ sourceId: ann, questions: 1, baseline: { sum: own(ann).baseline }, peer: { sum: own(ann).peer }, coverage: { sum: own(ann).coverage } });
    expect((await ok('GET', `/api/sources/${bob}/scores`)).peer.sum).toBe(own(bob).peer);
    const board = await ok('GET', '/api/leaderboard');
    expect(board.items.map((i: { sourceId: string }) => i.sourceId)).toEqual([ann, bob]);
    expect(board.items[0]).toMatchObject({ rank: 1, questions: 1, sum: own(ann).peer });
    const csv = await allClaimScores(db.client, {});
    expect(csv.map((r) => [r.claimId, r.sourceId, r.baseline])).toEqual([[num, ann, own(ann).baseline], [num, bob, own(bob).baseline]].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('a multiple-choice question resolved with an option counts too; reopening and retraction refresh the rows', async () => {
    await ok('POST', `/api/claims/${mc}/resolution`, { value: 'a', knownOn: '2025-01-01' });
    expect((await ok('GET', `/api/sources/${ann}/scores`)).questions).toBe(2);
    const mcScores = await ok('GET', `/api/claims/${mc}/scores`);
    expect((await scoreRows()).filter((r) => r.claim_id === mc).map((r) => r.baseline)).toEqual([mcScores.sources[0].baseline]);
    await ok('POST', `/api/claims/${mc}/reopen`, { reason: 'mistake' });
    expect((await ok('GET', `/api/sources/${ann}/scores`)).questions).toBe(1);
    // Bob's only forecast retracted (the claim reopened first, then resolved again): he has no score on it any more.
    await ok('POST', `/api/claims/${num}/reopen`, { reason: 'a forecast to retract' });
    await ok('POST', `/api/events/${bobs.seq}/retraction`, { reason: 'typo' });
    await ok('POST', `/api/claims/${num}/resolution`, { value: 30, knownOn: '2025-01-01' });
    expect((await ok('GET', `/api/sources/${bob}/scores`)).questions).toBe(0);
    expect((await ok('GET', '/api/leaderboard')).items.map((i: { sourceId: string }) => i.sourceId)).toEqual([ann]);
    expect(await checkProjections(db.client)).toEqual([]);
    const before = await scoreRows();
    await rebuildProjections(db.client);
    expect(await scoreRows()).toEqual(before);
  });

  it('the bulk path projects the same rows', async () => {
    const id = uid('bulk');
    await ledger.appendAll([
      { type: 'claim.create', input: { id, kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', tags: [], deadline: '2025-01-01', openedAt: '2024-01-01', questionType: 'date', range: { min: '2024-01-01', max: '2026-01-01' } } },
      { type: 'forecast.record', claimId: id, input: { sourceId: ann, cdf: uniform, madeAt: '2024-01-01' } },
      { type: 'claim.resolve', claimId: id, input: { value: '2024-06-01', knownOn: '2025-01-01' } },
    ]);
    const rows = (await scoreRows()).filter((r) => r.claim_id === id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.baseline).toBe((await ok('GET', `/api/claims/${id}/scores`)).sources[0].baseline);
    expect(await checkProjections(db.client)).toEqual([]);
  });
});
