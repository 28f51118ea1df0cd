/**
 * The group-commit writer keeps each forecast claim's analytics start day in its warm view
 * (src/ledger/refresh.ts refreshAfterGroup) instead of reading it for every group. A claim whose
 * analytics a group refreshes must be read again afterwards: retracted early evidence moves
 * the start day later, and a forecast dated between the two days must still move it.
 */
import { describe, expect, it } from 'vitest';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { DAY_MS } from '../../src/domain/survival/entries.js';
import { freshApp, uid } from '../helpers/db.js';

const NOW = Date.parse('2026-06-30T12:00:00.000Z');
const ctx = await freshApp({ clock: () => NOW });

const day = (ms: number) => Math.floor(ms / DAY_MS);
const iso = (daysBefore: number) => new Date(NOW - daysBefore * DAY_MS).toISOString();

async function startDay(claimId: string): Promise<number> {
  const rs = await ctx.db.client.execute({ sql: 'SELECT start_day FROM claim_analytics WHERE claim_id = ?', args: [claimId] });
  return Number(rs.rows[0]?.start_day);
}

describe('analytics start days across groups on a warm view', () => {
  it('follow backdated forecasts, a retraction, and a forecast dated between the two', async () => {
    const { ledger } = ctx;
    const src = uid('src');
    const claimId = uid('cl');
    await ledger.append({ type: 'source.register', input: { id: src, name: 'Start days', type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: { id: claimId, kind: 'prediction', title: 'When?', statement: 'S', resolutionCriteria: 'R', tags: [], deadline: '2030-01-01' } });
    expect(await startDay(claimId)).toBe(day(NOW));

    // Each append is its own group; the view stays warm between them (nothing else writes).
    // Evidence dated 20 days back moves the start day; the next forecast's group keeps it in the view.
    const evidence = await ledger.append({ type: 'evidence.record', claimId, input: { date: iso(20).slice(0, 10), summary: 'An early report', bearing: 'supports' } });
    expect(await startDay(claimId)).toBe(day(NOW) - 20);
    await ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.4 } });
    expect(await startDay(claimId)).toBe(day(NOW) - 20);

    // Retracting the evidence moves the start day later again: what the view kept is stale.
    await ledger.append({ type: 'event.retract', seq: evidence.seq, input: { reason: 'entered on the wrong claim' } });
    expect(await startDay(claimId)).toBe(day(NOW));
    // Later than the retracted evidence, earlier than the start day now: it moves the start day.
    await ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.5, madeAt: iso(5) } });
    expect(await startDay(claimId)).toBe(day(NOW) - 5);

    // A backdated forecast in a later group moves it again.
    await ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.3, madeAt: iso(8) } });
    expect(await startDay(claimId)).toBe(day(NOW) - 8);

    // Concurrent appends share groups: still what a rebuild from the events gives.
    await Promise.all(Array.from({ length: 30 }, (_, i) => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.5, madeAt: iso(i % 10) } })));
    expect(await startDay(claimId)).toBe(day(NOW) - 9);
    expect(await checkProjections(ctx.db.client)).toEqual([]);
  });
});
