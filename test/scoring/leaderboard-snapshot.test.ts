/**
 * A leaderboard over a period is one state of the database. Most sources' sums come from the
 * claim_score_periods projection; the few whose sums it cannot prove are summed from their
 * rows. On a remote database those are separate requests: a resolution landing between them
 * must not show in some sources' sums and not in others'. The Hrana test server lands the
 * write (through a second ledger on the same file) just before the request that reads the
 * rows of the unproved source arrives; the answer must be the leaderboard before the write or
 * after it — byte for byte the former read's — never a mix.
 */
import type { Client, InValue } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { readRows } from '../../src/db/fast-read.js';
import { periodScoreSums } from '../../src/db/score-period-read.js';
import { periodFilters, type PeriodFilters } from '../../src/db/score-queries.js';
import { rankLeaderboard } from '../../src/domain/scoring/index.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb } from '../helpers/db.js';
import type { HranaServer } from '../helpers/hrana-server.js';
import { useRemoteDb } from '../helpers/remote-db.js';
import { buildScoreWorld } from '../helpers/score-world.js';

/** The former period read (SQLite's sum() over every row of the period), as the leaderboard's JSON text. */
async function formerLeaderboard(client: Client, f: PeriodFilters): Promise<string> {
  const args: InValue[] = [];
  let and = '';
  if (f.from) (and += ' AND c.known_on >= ?'), args.push(f.from);
  if (f.to) (and += ' AND c.known_on < ?'), args.push(f.to);
  const rs = await client.execute({
    sql: `SELECT s.id AS source_id, count(*) AS questions, ifnull(sum(c.peer), 0) AS peer, ifnull(sum(c.coverage), 0) AS coverage
          FROM sources s JOIN claim_scores c INDEXED BY claim_scores_source_idx ON c.source_id = s.id${and} GROUP BY s.id`,
    args,
  });
  const entries = rs.rows.map((r) => ({ sourceId: String(r.source_id), questions: Number(r.questions), sum: Number(r.peer), coverage: Number(r.coverage) }));
  return JSON.stringify({ items: rankLeaderboard(entries, 'sum') });
}

const local = await freshDb();
await buildScoreWorld(local, { claims: 120, sources: 6, seed: 5 });
/** Writes landed in the middle of a read go through this ledger, on the file the server serves. */
const writer = new Ledger(local);
const served = useRemoteDb(local.path);
let server: HranaServer;
let remote: Database;
let app: ReturnType<typeof createApp>;
beforeAll(() => void ({ server, db: remote, app } = served));

/** A period (as the API takes it) in which the projection leaves a source's sums unproved, with that source. */
async function periodWithUnproved(): Promise<{ query: string; f: PeriodFilters; source: string }> {
  for (const from of ['2021-03-01', '2021-01-01', '2020-06-01', '2022-01-01']) {
    for (const to of ['2023-10-31', '2022-12-31', '2024-12-31', '2025-06-30']) {
      const f = periodFilters({ from, to });
      const read = await periodScoreSums(readRows(local), f.from, f.to);
      const source = read?.unproven[0];
      if (source) return { query: `from=${from}&to=${to}`, f, source };
    }
  }
  throw new Error('the world has no period with an unproved source');
}

/** A question forecast by `sources`, open, with its deadline inside the period: resolving it adds a row to each one's sums. */
async function openQuestion(sources: string[], deadline: string): Promise<string> {
  const id = `snap-${Math.random().toString(36).slice(2, 8)}`;
  await writer.append({ type: 'claim.create', input: { id, kind: 'prediction', title: 'Landed mid-read', statement: 's', resolutionCriteria: 'r', openedAt: '2020-01-01T00:00:00Z', deadline } as never });
  for (const [i, sourceId] of sources.entries()) {
    await writer.append({ type: 'forecast.record', claimId: id, input: { sourceId, probability: 0.2 + 0.5 * i, madeAt: '2020-02-01T00:00:00Z' } });
  }
  return id;
}

describe('a leaderboard over a period on a remote database, with a resolution landing in the middle of its read', () => {
  it('is the leaderboard before the resolution or after it, never a mix of the two', async () => {
    const { query, f, source } = await periodWithUnproved();
    const other = ['w0', 'w1', 'w5'].find((s) => s !== source) as string;
    const claimId = await openQuestion([source, other], '2022-06-01');
    const before = await formerLeaderboard(local.client, f);
    const trips = server.roundTrips;

    // When the request reading the unproved source's rows arrives, the question is resolved first.
    let landed = false;
    server.beforePipeline = async (sqls) => {
      if (landed || !sqls.some((sql) => sql.includes('INDEXED BY claim_scores_source_idx'))) return;
      landed = true;
      await writer.append({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2022-05-20' } });
    };
    let res: Response;
    try {
      res = await app.request(`/api/leaderboard?${query}`);
    } finally {
      server.beforePipeline = undefined;
    }
    const trip = server.roundTrips - trips;
    const after = await formerLeaderboard(local.client, f);
    expect(landed).toBe(true);
    // The resolution changed both sources' sums: a mix of the two states is neither answer.
    const items = (text: string) => new Map((JSON.parse(text) as { items: Array<{ sourceId: string; questions: number }> }).items.map((i) => [i.sourceId, i.questions]));
    for (const s of [source, other]) expect(items(after).get(s), s).toBe((items(before).get(s) ?? 0) + 1);
    expect(res.status).toBe(200);
    expect([before, after]).toContain(await res.text());
    // The projection's read, then the unproved rows in one snapshot with the projection again.
    expect(trip).toBeLessThanOrEqual(2);
  });

  it('costs one round trip when every source’s sums are proved', async () => {
    const f = periodFilters({ from: '2019-01-01' });
    expect((await periodScoreSums(readRows(local), f.from, f.to))?.unproven).toEqual([]);
    const trips = server.roundTrips;
    const res = await app.request('/api/leaderboard?from=2019-01-01');
    expect(res.status).toBe(200);
    expect(server.roundTrips - trips).toBe(1);
    expect(await res.text()).toBe(await formerLeaderboard(local.client, f));
  });
});
