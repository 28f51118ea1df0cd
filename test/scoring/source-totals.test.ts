/**
 * The ranked sources list (GET /api/sources?sort=brier|accuracy) reads each source's stats from
 * projections kept by triggers (source_forecast_totals, source_stance_totals): after
 * resolutions, a reopening, a re-resolution, stance retractions and a bulk append, every
 * source's stats equal a plain computation from the counted forecasts and the stances (mean
 * Brier to the last bit of SQLite's avg), and a rebuild gives the same rows.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/ledger/commands.js';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';

const { app, ledger, db } = await freshApp();

/** Each source's stats computed the plain way: SQLite's avg over counted forecasts, and stance verdicts in JavaScript. */
async function plainStats() {
  const out = new Map<string, { right: number; wrong: number; pending: number; forecasts: number; brier: number | null }>();
  const get = (id: string) => out.get(id) ?? { right: 0, wrong: 0, pending: 0, forecasts: 0, brier: null };
  const stances = await db.client.execute('SELECT s.source_id, s.stance, s.retracted_seq, c.status FROM stances s JOIN claims c ON c.id = s.claim_id');
  for (const r of stances.rows) {
    const st = get(String(r.source_id));
    if (r.retracted_seq === null) {
      const verdict = r.status === 'open' ? 'pending' : (r.stance === 'asserts') === (r.status === 'confirmed') && ['confirmed', 'refuted'].includes(String(r.status)) ? 'right' : ['confirmed', 'refuted'].includes(String(r.status)) ? 'wrong' : null;
      if (verdict) st[verdict]++;
    }
    out.set(String(r.source_id), st);
  }
  const counted = await db.client.execute("SELECT source_id, count(*) AS n, avg(brier_last) AS b FROM counted_forecasts WHERE variant = 'all' GROUP BY source_id");
  for (const r of counted.rows) out.set(String(r.source_id), { ...get(String(r.source_id)), forecasts: Number(r.n), brier: Number(r.b) });
  return out;
}

async function expectPlain(): Promise<void> {
  const plain = await plainStats();
  for (const sort of ['brier', 'accuracy']) {
    const res = await call(app, 'GET', `/api/sources?sort=${sort}&limit=200`);
    expect(res.status).toBe(200);
    for (const s of res.body.items as Array<{ id: string; stats: { right: number; wrong: number; pending: number; forecasts: number; brier: number | null } }>) {
      const p = plain.get(s.id) ?? { right: 0, wrong: 0, pending: 0, forecasts: 0, brier: null };
      expect({ right: s.stats.right, wrong: s.stats.wrong, pending: s.stats.pending, forecasts: s.stats.forecasts, brier: s.stats.brier }, s.id).toEqual(p);
    }
  }
}

describe('the ranked sources list', () => {
  it('reads stats that equal a plain computation after every kind of write, and that a rebuild reproduces', async () => {
    const p = uid('st');
    const sources = [0, 1, 2, 3, 4].map((k) => `${p}-s${k}`);
    const cmds: Command[] = sources.map((id, k) => ({ type: 'source.register', input: { id, name: id, type: k < 3 ? 'forecaster' : 'media' } }));
    for (let i = 0; i < 40; i++) {
      const id = `${p}-c${i}`;
      const allegation = i % 4 === 0;
      cmds.push({ type: 'claim.create', input: { id, kind: allegation ? 'allegation' : 'prediction', title: `T ${i}`, statement: 's', resolutionCriteria: 'r', tags: [], ...(allegation ? {} : { deadline: '2030-01-01' }) } });
      if (allegation) {
        cmds.push({ type: 'stance.record', claimId: id, input: { sourceId: sources[3] as string, stance: i % 8 ? 'asserts' : 'denies', date: '2024-01' } });
        cmds.push({ type: 'stance.record', claimId: id, input: { sourceId: sources[4] as string, stance: 'asserts', date: '2024-02-03' } });
      } else {
        // Probabilities whose Brier scores are not short binary fractions.
        for (let k = 0; k < 3; k++) cmds.push({ type: 'forecast.record', claimId: id, input: { sourceId: sources[k] as string, probability: 0.01 + ((i * 37 + k * 11) % 98) / 100, madeAt: '2024-01-01T00:00:00Z' } });
      }
      if (i % 3) cmds.push({ type: 'claim.resolve', claimId: id, input: { outcome: i % 5 === 0 ? 'annulled' : i % 2 ? 'confirmed' : 'refuted', knownOn: '2025-01-01' } });
    }
    // In one bulk append: the triggers run for every row of the bulk path too.
    await ledger.appendAll(cmds);
    await expectPlain();
    const claim = (i: number) => `${p}-c${i}`;
    // Reopened (its counted forecasts and verdicts go), then resolved the other way.
    for (const i of [1, 4]) {
      expect((await call(app, 'POST', `/api/claims/${claim(i)}/reopen`, { reason: 'doubt' })).status).toBe(201);
    }
    await expectPlain();
    expect((await call(app, 'POST', `/api/claims/${claim(1)}/resolution`, { outcome: 'refuted', knownOn: '2025-02-01' })).status).toBe(201);
    // A stance on an open claim retracted; a new stance on a resolved one.
    const view = await call(app, 'GET', `/api/claims/${claim(4)}`);
    expect((await call(app, 'POST', `/api/events/${view.body.stances[0].seq}/retraction`, { reason: 'misattributed' })).status).toBe(201);
    expect((await call(app, 'POST', `/api/claims/${claim(8)}/stances`, { sourceId: sources[0], stance: 'denies', date: '2024-03' })).status).toBe(201);
    await expectPlain();
    const plain = await plainStats();
    expect(plain.get(sources[0] as string)?.forecasts).toBeGreaterThan(0);
    expect((plain.get(sources[3] as string)?.right ?? 0) + (plain.get(sources[3] as string)?.wrong ?? 0)).toBeGreaterThan(0);
    expect(await checkProjections(db.client)).toEqual([]);
  });
});
