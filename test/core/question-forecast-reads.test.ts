/**
 * Issue 17 × the claim list and analytics: a forecast of a multiple-choice, numeric or date
 * question (question_forecasts) counts like a yes/no one for `GET /api/claims?source=` (every
 * sort and plan) and for a claim's analytics start (its first forecast's date).
 */
import { describe, expect, it } from 'vitest';
import { checkProjections, rebuildProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';

const { app, db } = await freshApp();

async function ok(method: string, path: string, body?: unknown) {
  const r = await call(app, method, path, body);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}

const src = uid('src');
await ok('POST', '/api/sources', { id: src, name: src, type: 'forecaster' });
const claim = (fields: Record<string, unknown>) => ok('POST', '/api/claims', { kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', ...fields }).then((b) => b.id as string);
const num = await claim({ questionType: 'numeric', range: { min: 0, max: 100 } });
const mc = await claim({ questionType: 'multiple-choice', options: ['a', 'b'] });
await claim({ questionType: 'numeric', range: { min: 0, max: 100 } }); // no forecast of this source
await ok('POST', `/api/claims/${num}/forecasts`, { sourceId: src, cdf: Array.from({ length: 201 }, (_, i) => i / 200), madeAt: '2024-01-01' });
await ok('POST', `/api/claims/${mc}/forecasts`, { sourceId: src, probabilities: [0.3, 0.7], madeAt: '2024-02-01' });

describe('GET /api/claims?source= with forecasts of the other question types', () => {
  it('lists the claims the source forecast, whatever the sort', async () => {
    for (const sort of ['recorded', 'deadline', 'newest', 'oldest']) {
      const body = await ok('GET', `/api/claims?source=${src}&sort=${sort}`);
      expect(body.items.map((c: { id: string }) => c.id).sort(), sort).toEqual([num, mc].sort());
    }
  });
});

describe('analytics: the first forecast of any question type starts the claim', () => {
  it('a numeric question forecast on 2024-01-01 starts that day, and a rebuild agrees', async () => {
    const day = (id: string) => db.client.execute({ sql: 'SELECT start_day FROM claim_analytics WHERE claim_id = ?', args: [id] }).then((r) => Number(r.rows[0]?.start_day));
    expect(await day(num)).toBe(Date.parse('2024-01-01') / 86_400_000);
    expect(await day(mc)).toBe(Date.parse('2024-02-01') / 86_400_000);
    expect(await checkProjections(db.client)).toEqual([]);
    await rebuildProjections(db.client);
    expect(await day(num)).toBe(Date.parse('2024-01-01') / 86_400_000);
  });
});
