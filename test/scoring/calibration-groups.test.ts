/**
 * Calibration unfiltered, by source and by tag, under either rule and with backfilled forecasts
 * in or out, is read from its projection (calibration_groups, kept by triggers): after a bulk
 * append, live and backfilled forecasts on the same claims, a reopening, a retraction and a
 * second resolution, every answer equals calibration over the aggregate of the counted
 * forecasts themselves (the query the other filters use), and a rebuild gives the same rows.
 */
import { describe, expect, it } from 'vitest';
import { calibrationGroups } from '../../src/db/scoring-queries.js';
import { calibrateGroups, type Rule } from '../../src/domain/scoring/index.js';
import type { Command } from '../../src/ledger/commands.js';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';

const { app, ledger, db } = await freshApp();

/** Equal, numbers to 12 significant digits (sums in another order may differ in the last bits). */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(typeof actual, path).toBe('object');
    const keys = Object.keys(expected as object);
    expect(Object.keys(actual as object).sort(), path).toEqual(keys.sort());
    for (const k of keys) expectClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}/${k}`);
  } else expect(actual, path).toEqual(expected);
}

async function expectAsAggregate(scopes: Array<{ tag?: string; source?: string }>): Promise<number> {
  let counted = 0;
  for (const scope of scopes) {
    for (const rule of ['last', 'time-weighted'] as Rule[]) {
      for (const backfilled of ['include', 'exclude'] as const) {
        // `from` before every date: the same rows, through the aggregate over counted_forecasts.
        const groups = await calibrationGroups(db.client, { ...scope, rule, backfilled, from: '0' });
        const query = new URLSearchParams({ ...scope, rule, backfilled, bins: '5' }).toString();
        const res = await call(app, 'GET', `/api/calibration?${query}`);
        expect(res.status).toBe(200);
        expectClose(res.body, calibrateGroups(groups, { bins: 5 }), query);
        counted += res.body.count;
      }
    }
  }
  return counted;
}

describe('calibration from its projection', () => {
  it('equals the aggregate over the counted forecasts after every kind of write, and a rebuild reproduces it', async () => {
    const p = uid('cg');
    const sources = [0, 1, 2].map((k) => `${p}-s${k}`);
    const cmds: Command[] = sources.map((id) => ({ type: 'source.register', input: { id, name: id, type: 'forecaster' } }));
    for (let i = 0; i < 30; i++) {
      const id = `${p}-c${i}`;
      cmds.push({ type: 'claim.create', input: { id, kind: 'prediction', title: `T ${i}`, statement: 's', resolutionCriteria: 'r', tags: [p, `${p}-${i % 3}`], deadline: '2030-01-01' } });
      for (const [k, s] of sources.entries()) {
        // Two forecasts each, some an hour apart (the time-weighted rule averages them).
        cmds.push({ type: 'forecast.record', claimId: id, input: { sourceId: s, probability: 0.05 + ((i * 7 + k * 13) % 90) / 100, madeAt: '2024-01-01T00:00:00Z' } });
        if ((i + k) % 2) cmds.push({ type: 'forecast.record', claimId: id, input: { sourceId: s, probability: 0.1 + ((i * 3 + k) % 80) / 100, madeAt: '2024-03-01T00:00:00Z' } });
      }
      if (i < 20) cmds.push({ type: 'claim.resolve', claimId: id, input: { outcome: i % 3 ? 'confirmed' : 'refuted', knownOn: '2025-01-01' } });
    }
    await ledger.appendAll(cmds);
    const scopes = [{}, { tag: p }, { tag: `${p}-1` }, { source: sources[0] }, { source: sources[2] }];
    expect(await expectAsAggregate(scopes)).toBeGreaterThan(0);
    // Live forecasts beside backfilled ones (rows of the `live` variant), then resolved now.
    const claim = (i: number) => `${p}-c${i}`;
    for (const i of [21, 22, 23]) {
      for (const s of sources.slice(0, 2)) expect((await call(app, 'POST', `/api/claims/${claim(i)}/forecasts`, { sourceId: s, probability: 0.35 + i / 100 })).status).toBe(201);
      await new Promise((r) => setTimeout(r, 5));
      expect((await call(app, 'POST', `/api/claims/${claim(i)}/resolution`, { outcome: 'confirmed', knownOn: new Date().toISOString() })).status).toBe(201);
    }
    // Reopened: its counted forecasts go; a forecast retracted; resolved the other way.
    expect((await call(app, 'POST', `/api/claims/${claim(4)}/reopen`, { reason: 'doubt' })).status).toBe(201);
    await expectAsAggregate(scopes);
    const view = await call(app, 'GET', `/api/claims/${claim(4)}`);
    expect((await call(app, 'POST', `/api/events/${view.body.forecasts[0].seq}/retraction`, { reason: 'typo' })).status).toBe(201);
    expect((await call(app, 'POST', `/api/claims/${claim(4)}/resolution`, { outcome: 'refuted', knownOn: '2025-02-01' })).status).toBe(201);
    const excluded = await calibrationGroups(db.client, { source: sources[0], rule: 'last', backfilled: 'exclude' });
    expect(excluded.reduce((n, g) => n + g.count, 0)).toBe(3);
    await expectAsAggregate(scopes);
    expect(await checkProjections(db.client)).toEqual([]);
  });
});
