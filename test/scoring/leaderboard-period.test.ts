/**
 * A leaderboard (and a source's scores) over a period is read from claim_score_periods — whole
 * months, whole days and the rows of part-days at the edges — instead of every row of the
 * period. The answers stay exactly those of the former read (kept here verbatim: SQLite's sum()
 * over the period's rows), ranks, ties and order included, for many periods (dates and
 * instants, open ends, one day, whole months, everything) on a generated world, before and
 * after more resolutions and reopenings; the projection stays what a rebuild makes.
 */
import type { Client, InValue } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { clientRows, readRows } from '../../src/db/fast-read.js';
import { periodScoreSums } from '../../src/db/score-period-read.js';
import { periodFilters, type PeriodFilters } from '../../src/db/score-queries.js';
import { rankLeaderboard } from '../../src/domain/scoring/index.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { checkProjections, rebuildProjections, snapshotProjections } from '../../src/ledger/rebuild.js';
import { freshDb } from '../helpers/db.js';
import { buildScoreWorld } from '../helpers/score-world.js';

/** The former period read, verbatim (score-queries.ts filteredSums without a tag). */
async function formerSums(client: Client, f: PeriodFilters, sourceId?: string) {
  const period: string[] = [];
  const args: InValue[] = [];
  if (f.from) period.push('c.known_on >= ?'), args.push(f.from);
  if (f.to) period.push('c.known_on < ?'), args.push(f.to);
  if (sourceId !== undefined) period.push('c.source_id = ?'), args.push(sourceId);
  const and = period.map((p) => ` AND ${p}`).join('');
  const rs = await client.execute({
    sql: `SELECT s.id AS source_id, count(*) AS questions, ifnull(sum(c.baseline), 0) AS baseline, ifnull(sum(c.peer), 0) AS peer, ifnull(sum(c.coverage), 0) AS coverage
          FROM sources s JOIN claim_scores c INDEXED BY claim_scores_source_idx ON c.source_id = s.id${and} GROUP BY s.id`,
    args,
  });
  return rs.rows.map((r) => ({ sourceId: String(r.source_id), questions: Number(r.questions), baseline: Number(r.baseline), peer: Number(r.peer), coverage: Number(r.coverage) }));
}

const db = await freshDb();
const world = await buildScoreWorld(db, { claims: 800, sources: 30, seed: 5 });
const app = createApp({ db, ledger: new Ledger(db) });

/** Periods as the API takes them: dates (to includes its day), instants, open ends. */
const PERIODS: Array<{ from?: string; to?: string }> = [
  { from: '2020-01-01', to: '2025-12-31' },
  { from: '2019-01-01' },
  { to: '2026-01-01' },
  { from: '2021-03-01', to: '2023-10-31' },
  { from: '2021-03-17', to: '2023-10-02' },
  { from: '2022-02-01', to: '2022-02-28' },
  { from: '2022-02-10', to: '2022-02-20' },
  { from: '2022-06-15', to: '2022-06-15' },
  { from: '2021-05-04T13:20:00Z', to: '2024-02-09T08:00:00Z' },
  { from: '2021-05-04T13:20:00Z' },
  { to: '2023-07-19T23:59:59.999Z' },
  { from: '2022-12-31T12:00:00Z', to: '2023-01-02T12:00:00Z' },
  { from: '2022-12-31T12:00:00Z', to: '2022-12-31T18:00:00Z' },
  { from: '2023-04-30', to: '2023-05-01' },
  { from: '2024-01-01T00:00:00+02:00', to: '2024-12-31T23:00:00-01:00' },
];
const query = (p: { from?: string; to?: string }) => Object.entries(p).map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`).join('&');

async function expectAsFormer(label: string): Promise<void> {
  for (const p of PERIODS) {
    const f = periodFilters(p);
    const former = await formerSums(db.client, f);
    for (const score of ['peer', 'baseline'] as const) {
      for (const order of ['sum', 'mean'] as const) {
        const res = await app.request(`/api/leaderboard?${query(p)}&score=${score}&order=${order}`);
        expect(res.status).toBe(200);
        const want = rankLeaderboard(former.map((s) => ({ sourceId: s.sourceId, questions: s.questions, sum: s[score], coverage: s.coverage })), order);
        expect(await res.text(), `${label} ${query(p)} ${score} ${order}`).toBe(JSON.stringify({ items: want }));
      }
    }
    for (const id of world.sources.slice(0, 6)) {
      const s = former.find((x) => x.sourceId === id) ?? { questions: 0, baseline: 0, peer: 0, coverage: 0 };
      const mean = (v: number) => (s.questions > 0 ? v / s.questions : null);
      const want = { sourceId: id, questions: s.questions, baseline: { sum: s.baseline, mean: mean(s.baseline) }, peer: { sum: s.peer, mean: mean(s.peer) }, coverage: { sum: s.coverage, mean: mean(s.coverage) } };
      expect(await (await app.request(`/api/sources/${id}/scores?${query(p)}`)).text(), `${label} ${id} ${query(p)}`).toBe(JSON.stringify(want));
    }
    // Read from the projection where the period holds a whole day: nearly every source's sums
    // proved; the rest (an exact sum on or within ~10⁻²⁰ of a point halfway between two
    // doubles: common for sums of two or three coarse terms) summed from their rows.
    const read = await periodScoreSums(readRows(db), f.from, f.to);
    // The same through the client (a remote database's path, and the CLI's).
    expect(await periodScoreSums(clientRows(db.client), f.from, f.to)).toEqual(read);
    if (read) {
      expect(read.sums.size + read.unproven.length, query(p)).toBe(former.length);
      proven += read.sums.size;
      unproven += read.unproven.length;
    }
  }
  expect(unproven).toBeLessThan(proven / 10);
}
let proven = 0;
let unproven = 0;

describe('leaderboard over a period', () => {
  it('the world spreads its scores over many days and months, some at a time of day', async () => {
    const one = async (sql: string) => Number((await db.client.execute(sql)).rows[0]?.[0]);
    expect(await one('SELECT count(DISTINCT substr(known_on, 1, 7)) FROM claim_scores')).toBeGreaterThan(30);
    expect(await one("SELECT count(*) FROM claim_scores WHERE known_on NOT LIKE '%T00:00:00.000Z'")).toBeGreaterThan(100);
    expect(await one("SELECT count(*) FROM claim_score_periods WHERE unit = 'm'")).toBeGreaterThan(300);
  });

  it('answers exactly as the former read: leaderboards (peer, baseline; by sum, by mean) and a source’s scores', async () => {
    await expectAsFormer('built');
  });

  it('stays exact after more resolutions and reopenings, and the projection equals a rebuild’s', async () => {
    const post = async (path: string, body: unknown) => expect((await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(201);
    const open = (await db.client.execute("SELECT id FROM claims WHERE id LIKE 'wc%' AND status = 'open' LIMIT 8")).rows.map((r) => String(r.id));
    for (const [i, id] of open.entries()) await post(`/api/claims/${id}/resolution`, { outcome: i % 2 ? 'confirmed' : 'refuted', knownOn: i % 3 ? '2022-02-15' : '2022-12-31T15:00:00Z' });
    const resolved = (await db.client.execute("SELECT id FROM claims WHERE id LIKE 'wc%' AND status IN ('confirmed', 'refuted') ORDER BY id LIMIT 5")).rows.map((r) => String(r.id));
    for (const id of resolved) await post(`/api/claims/${id}/reopen`, { reason: 'disputed' });
    await post(`/api/claims/${resolved[0]}/resolution`, { outcome: 'refuted', knownOn: '2023-04-30' });
    await expectAsFormer('after writes');
    expect(await checkProjections(db.client)).toEqual([]);
    const before = await snapshotProjections(db.client);
    await rebuildProjections(db.client);
    expect((await snapshotProjections(db.client)).claim_score_periods).toBe(before.claim_score_periods);
  });

  it('is filled on open for a database from before it (migration 0024 marks the catch-up)', async () => {
    const before = (await snapshotProjections(db.client)).claim_score_periods;
    await db.client.execute('DELETE FROM claim_score_periods');
    await db.client.execute("INSERT INTO projection_catchups (name) VALUES ('claim_score_periods')");
    const again = await openDatabase({ url: `file:${db.path}` });
    try {
      expect((await snapshotProjections(again.client)).claim_score_periods).toBe(before);
      expect((await again.client.execute('SELECT name FROM projection_catchups')).rows).toEqual([]);
    } finally {
      again.close();
    }
  });
});
