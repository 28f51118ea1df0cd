/**
 * A track record's forecast scores are read from one range of counted_source_sum_idx (the
 * source's own rows in summation order) instead of a scan of every source's rows. The answer
 * stays the same to the last bit: each source's scores under both rules equal those of the
 * former read (kept here verbatim as the reference), on a generated world with many sources,
 * coarse probabilities (ties in the summation order), backfilled and live forecasts,
 * retractions, resolutions, reopenings and resolutions again.
 */
import type { Client } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { clientRows, readRows } from '../../src/db/fast-read.js';
import { sourceForecastTerms } from '../../src/db/scoring-queries.js';
import { CompensatedSum, type Rule } from '../../src/domain/scoring/index.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb } from '../helpers/db.js';
import { buildScoreWorld } from '../helpers/score-world.js';

/** The former read's rows (before counted_source_sum_idx), verbatim: as text, in whatever plan SQLite picks, in SUMMATION_ORDER. */
async function formerRows(client: Client, sourceId: string, rule: Rule): Promise<string[]> {
  const [brierCol, logCol, crowd] = rule === 'last' ? ['brier_last', 'log_last', 'crowd_last'] : ['brier_tw', 'log_tw', 'crowd_tw'];
  const rs = await client.execute({
    sql: `SELECT printf('%!.17g %!.17g', ${brierCol}, ${logCol}) || CASE WHEN ${crowd} IS NULL THEN '' ELSE printf(' %!.17g', ${crowd}) END AS r
          FROM counted_forecasts WHERE source_id = ? AND variant = 'all' ORDER BY p_tw, has_backfilled, outcome, brier_tw, log_tw, rowid`,
    args: [sourceId],
  });
  return rs.rows.map((r) => String(r.r));
}

/** The former sums over those rows, verbatim. */
async function formerForecastScores(client: Client, sourceId: string, rule: Rule) {
  let count = 0;
  let sumBrier = 0;
  let sumLog = 0;
  let shared = 0;
  const mine = new CompensatedSum();
  const others = new CompensatedSum();
  for (const r of await formerRows(client, sourceId, rule)) {
    const [brier, log, crowdBrier] = r.split(' ').map(Number) as [number, number, number | undefined];
    count++;
    sumBrier += brier;
    sumLog += log;
    if (crowdBrier === undefined) continue;
    shared++;
    mine.add(brier);
    others.add(crowdBrier);
  }
  return { count, brier: count ? sumBrier / count : null, logScore: count ? sumLog / count : null, relativeBrier: shared ? mine.value() / shared - others.value() / shared : null, sharedClaims: shared };
}

const db = await freshDb();
const world = await buildScoreWorld(db, { claims: 800, sources: 30, seed: 11 });
const app = createApp({ db, ledger: new Ledger(db) });

describe('track record forecast scores', () => {
  it('the generated world has what the comparison needs: ties in summation order, shared and unshared rows, backfilled and live, retractions, reopenings', async () => {
    const one = async (sql: string) => Number((await db.client.execute(sql)).rows[0]?.[0]);
    // Ties in the summation order whose crowd terms differ: only the rowid decides their order.
    expect(await one("SELECT count(*) FROM (SELECT 1 FROM counted_forecasts WHERE variant = 'all' GROUP BY source_id, p_tw, has_backfilled, outcome, brier_tw, log_tw HAVING count(DISTINCT crowd_last) > 1)")).toBeGreaterThan(50);
    expect(await one("SELECT count(*) FROM counted_forecasts WHERE variant = 'all' AND crowd_last IS NULL")).toBeGreaterThan(0);
    expect(await one("SELECT count(*) FROM counted_forecasts WHERE variant = 'all' AND crowd_last IS NOT NULL")).toBeGreaterThan(1000);
    expect(await one("SELECT count(*) FROM counted_forecasts WHERE variant = 'live'")).toBeGreaterThan(0);
    expect(await one('SELECT count(*) FROM forecasts WHERE retracted_seq IS NOT NULL')).toBeGreaterThan(50);
    expect(await one('SELECT count(*) FROM resolutions WHERE reopened_seq IS NOT NULL')).toBeGreaterThan(10);
  });

  it('are summed over the same terms in the same order as the former read (ties by rowid), on the fast path and through the client', async () => {
    for (const id of world.sources) {
      for (const rule of ['last', 'time-weighted'] as const) {
        const want = await formerRows(db.client, id, rule);
        for (const rows of [readRows(db), clientRows(db.client)]) {
          const got = (await sourceForecastTerms(id, rule, rows)).map(([b, l, c]) => [b, l, c].filter((x) => x !== null).map(Number));
          expect(got, `${id} ${rule}`).toEqual(want.map((r) => r.split(' ').map(Number)));
        }
      }
    }
  });

  it('equal the former read to the last bit for every source under both rules (API answer)', async () => {
    let compared = 0;
    for (const id of world.sources) {
      for (const rule of ['last', 'time-weighted'] as const) {
        const res = await app.request(`/api/sources/${id}/track-record?rule=${rule}`);
        expect(res.status).toBe(200);
        const got = (JSON.parse(await res.text()) as { forecasts: unknown }).forecasts;
        const want = await formerForecastScores(db.client, id, rule);
        // JSON text of both: the bytes the API sends (a double prints as the shortest text that reads back as it).
        expect(JSON.stringify(got), `${id} ${rule}`).toBe(JSON.stringify(want));
        if (want.count > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('equal the former read after more resolutions and a reopening (through the API)', async () => {
    const open = (await db.client.execute("SELECT id FROM claims WHERE id LIKE 'wc%' AND status = 'open' LIMIT 6")).rows.map((r) => String(r.id));
    for (const [i, id] of open.entries()) {
      const res = await app.request(`/api/claims/${id}/resolution`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: i % 2 ? 'confirmed' : 'refuted', knownOn: '2025-01-15' }) });
      expect(res.status, await res.text()).toBe(201);
    }
    const reopened = await app.request(`/api/claims/${open[0]}/reopen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'disputed' }) });
    expect(reopened.status).toBe(201);
    for (const id of world.sources) {
      const got = (JSON.parse(await (await app.request(`/api/sources/${id}/track-record`)).text()) as { forecasts: unknown }).forecasts;
      expect(JSON.stringify(got), id).toBe(JSON.stringify(await formerForecastScores(db.client, id, 'last')));
    }
  });
});
