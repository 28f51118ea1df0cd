/**
 * Answers read with several statements are one state of the database. On a remote database a
 * read's requests travel apart; the Hrana test server lands a write (through a second ledger
 * on the same file) just before a chosen request of the read arrives. Each answer must then be
 * what the route answers on a quiet database before the write or after it — never a mix (a
 * claim confirmed in one part of the answer and open in another).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { clientRows, readRows } from '../../src/db/fast-read.js';
import { createApp } from '../../src/http/app.js';
import type { Command } from '../../src/ledger/commands.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb, uid } from '../helpers/db.js';
import type { HranaServer } from '../helpers/hrana-server.js';
import { useRemoteDb } from '../helpers/remote-db.js';

const local = await freshDb();
/** Writes landed in the middle of a read go through this ledger, on the file the server serves. */
const writer = new Ledger(local);
/** The same routes on the file itself, read when nothing is being written: the reference answers. */
const quiet = createApp({ db: local, ledger: writer });
const served = useRemoteDb(local.path);
let server: HranaServer;
let remote: Database;
let app: ReturnType<typeof createApp>;
beforeAll(() => void ({ server, db: remote, app } = served));

const text = async (a: typeof app, path: string) => {
  const res = await a.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
};

/**
 * GET `path` on the remote app while `write` lands just before the first request whose SQL
 * contains `when` (requests arriving meanwhile wait for it); the answer must be the quiet
 * answer before the write or after it. Returns which (and checks that the write landed and
 * changed the answer).
 */
async function readAcross(path: string, when: string, write: () => Promise<unknown>): Promise<'before' | 'after'> {
  const before = await text(quiet, path);
  let landed = false;
  let landing: Promise<unknown> | undefined;
  server.beforePipeline = async (sqls) => {
    if (landing) return void (await landing);
    if (!sqls.some((sql) => sql.includes(when))) return;
    landed = true;
    await (landing = write());
  };
  let answer: string;
  try {
    answer = await text(app, path);
  } finally {
    server.beforePipeline = undefined;
  }
  expect(landed, `${path}: no request held '${when}'`).toBe(true);
  const after = await text(quiet, path);
  expect(after, `${path}: the write changes the answer`).not.toBe(before);
  expect([before, after], path).toContain(answer);
  return answer === before ? 'before' : 'after';
}

async function sourceAndClaim(kind: 'prediction' | 'allegation' = 'prediction', deadline = '2031-01-01') {
  const src = uid('src');
  await writer.append({ type: 'source.register', input: { id: src, name: `Snapshot ${src}`, type: 'forecaster' } });
  const claimId = uid('cl');
  const tag = uid('tag');
  await writer.append({ type: 'claim.create', input: { id: claimId, kind, title: 'Snapshot', statement: 's', resolutionCriteria: 'r', deadline, tags: [tag] } as never });
  return { src, claimId, tag };
}

describe('reads that take several statements, with a resolution landing among them (remote database)', () => {
  it('a track record: the stances’ verdicts and the forecast scores are of one state', async () => {
    const { src, claimId } = await sourceAndClaim();
    await writer.append({ type: 'stance.record', claimId, input: { sourceId: src, stance: 'asserts', date: '2025-01-02' } });
    await writer.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.7, madeAt: '2025-01-02T00:00:00Z' } });
    // The resolution lands when the forecast scores are read (after the stances were).
    const resolve = () => writer.append({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2025-06-01' } });
    expect(await readAcross(`/api/sources/${src}/track-record`, 'counted_source_sum_idx', resolve)).toBe('after');
  });

  it('the due feed: a claim resolved meanwhile is overdue or resolved, never both or neither', async () => {
    const { claimId } = await sourceAndClaim('prediction', '2020-01-01');
    const resolve = () => writer.append({ type: 'claim.resolve', claimId, input: { outcome: 'refuted', knownOn: '2020-01-02' } });
    expect(await readAcross('/feeds/due.atom', 'FROM resolutions r', resolve)).toBe('after');
  });

  it('a calibration with closedOnly: the questions counted and those left out are of one state', async () => {
    const { src, claimId: past, tag } = await sourceAndClaim('prediction', '2020-01-01');
    const future = uid('cl');
    await writer.append({ type: 'claim.create', input: { id: future, kind: 'prediction', title: 'Later', statement: 's', resolutionCriteria: 'r', deadline: '2031-01-01', tags: [tag] } as never });
    for (const claimId of [past, future]) await writer.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.7, madeAt: '2019-06-01T00:00:00Z' } });
    // Both resolved when the questions left out are read (after the counted ones were).
    const resolve = () => writer.appendAll([past, future].map((claimId) => ({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2019-12-01' } }) as const));
    expect(await readAcross(`/api/calibration?tag=${tag}&closedOnly=true`, 'NOT IN (SELECT id FROM claims WHERE due_at', resolve)).toBe('after');
  });

  it('a claim’s scores: its outcome and its sources’ scores are of one state', async () => {
    const { src, claimId } = await sourceAndClaim('prediction', '2025-01-01');
    await writer.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.7, madeAt: '2024-01-02T00:00:00Z' } });
    await writer.append({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2024-12-01' } });
    // Reopened when the scores are read (after the claim was).
    const reopen = () => writer.append({ type: 'claim.reopen', claimId, input: { reason: 'disputed' } });
    expect(await readAcross(`/api/claims/${claimId}/scores`, 'FROM claim_scores WHERE claim_id', reopen)).toBe('after');
  });

  it('a question’s scores (its forecasts read after it): its outcome and its scores are of one state', async () => {
    const { src } = await sourceAndClaim();
    const claimId = uid('mc');
    await writer.append({ type: 'claim.create', input: { id: claimId, kind: 'prediction', title: 'Which', statement: 's', resolutionCriteria: 'r', deadline: '2025-01-01', openedAt: '2024-01-01T00:00:00Z', questionType: 'multiple-choice', options: ['A', 'B', 'C'] } as never });
    await writer.append({ type: 'forecast.record', claimId, input: { sourceId: src, probabilities: [0.2, 0.5, 0.3], madeAt: '2024-02-01T00:00:00Z' } as never });
    await writer.append({ type: 'claim.resolve', claimId, input: { value: 'B', knownOn: '2024-12-01' } as never });
    // Reopened when the question is read (after the claim's status was).
    const reopen = () => writer.append({ type: 'claim.reopen', claimId, input: { reason: 'disputed' } });
    await readAcross(`/api/claims/${claimId}/scores`, 'AS value FROM claims c WHERE c.id = ?', reopen);
  });

  it('the sources ranked: the sources and their stats are of one state', async () => {
    const { src, claimId } = await sourceAndClaim('allegation');
    await writer.append({ type: 'stance.record', claimId, input: { sourceId: src, stance: 'asserts', date: '2025-01-02' } });
    // A source registered and the claim resolved when the sources are read (after their stats were).
    const write = () =>
      writer.appendAll([
        { type: 'source.register', input: { id: uid('src'), name: 'Registered meanwhile', type: 'person' } },
        { type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2025-03-01' } },
      ]);
    expect(await readAcross('/api/sources?sort=accuracy&limit=200', 'FROM sources ORDER BY name, id', write)).toBe('after');
  });

  it('the overview: its totals and the sources’ verdicts are of one state', async () => {
    const { src, claimId } = await sourceAndClaim('allegation');
    await writer.append({ type: 'stance.record', claimId, input: { sourceId: src, stance: 'asserts', date: '2025-01-02' } });
    // Resolved when the sources' months are read (after the claims' were).
    const resolve = () => writer.append({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2025-03-01' } });
    expect(await readAcross('/api/overview?interval=month&sources=100', 'AND key IN (', resolve)).toBe('after');
  });

  it('the claim list by deadline: a claim given a check-by date meanwhile is listed once', async () => {
    const { tag } = await sourceAndClaim('prediction', '2030-01-01');
    const undated = uid('cl');
    await writer.append({ type: 'claim.create', input: { id: undated, kind: 'allegation', title: 'Undated', statement: 's', resolutionCriteria: 'r', tags: [tag] } as never });
    // Dated when the undated claims are read (after the dated ones were).
    const date = () => writer.append({ type: 'claim.edit', claimId: undated, input: { changes: { checkBy: '2029-01-01' }, reason: 'dated' } });
    expect(await readAcross(`/api/claims?sort=deadline&tag=${tag}`, 'due_at IS NULL', date)).toBe('after');
  });

  it('a search matching many claims (its matches read first, then a walk): a claim edited meanwhile is listed as it read when it matched', async () => {
    const tag = uid('tag');
    const word = `common${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6)}`;
    const create = (id: string, openedAt: string): Command => ({ type: 'claim.create', input: { id, kind: 'prediction', title: `A ${word} question`, statement: 's', resolutionCriteria: 'r', deadline: '2031-01-01', openedAt, tags: [tag] } });
    await writer.appendAll(Array.from({ length: 1000 }, (_, i) => create(uid('many'), `2020-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`)));
    // The newest in the world: first on the page.
    const edited = uid('cl');
    await writer.append(create(edited, '2024-01-01T00:00:00Z'));
    // Edited so that it no longer matches, when the walk starts (after the matches were read).
    const edit = () => writer.append({ type: 'claim.edit', claimId: edited, input: { changes: { title: 'Something else' }, reason: 'retitled' } });
    const path = `/api/claims?q=${word}&tag=${tag}&limit=5`;
    expect((JSON.parse(await text(quiet, path)) as { items: Array<{ id: string }> }).items[0]?.id).toBe(edited);
    await readAcross(path, 'SELECT t.created_seq, t.world_date FROM claim_tags t', edit);
  });
});

describe('the round trips of these reads on a remote database', () => {
  it('are no more than before they were made one state (fewer for most)', async () => {
    const { src, claimId, tag } = await sourceAndClaim('prediction', '2025-01-01');
    await writer.append({ type: 'stance.record', claimId, input: { sourceId: src, stance: 'asserts', date: '2024-01-02' } });
    await writer.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.7, madeAt: '2024-01-02T00:00:00Z' } });
    const mc = uid('mc');
    await writer.append({ type: 'claim.create', input: { id: mc, kind: 'prediction', title: 'Which', statement: 's', resolutionCriteria: 'r', deadline: '2025-01-01', openedAt: '2024-01-01T00:00:00Z', questionType: 'multiple-choice', options: ['A', 'B'] } as never });
    await writer.append({ type: 'forecast.record', claimId: mc, input: { sourceId: src, probabilities: [0.4, 0.6], madeAt: '2024-02-01T00:00:00Z' } as never });
    await writer.append({ type: 'claim.resolve', claimId: mc, input: { value: 'B', knownOn: '2024-12-01' } as never });
    // Each after a write (so that no answer kept from before serves it): [path, round trips at most] (and how many before).
    const budgets: Array<[string, number]> = [
      [`/api/sources/${src}/track-record`, 3], // was 5: version, source, stances, scoring version, scores
      [`/api/claims/${claimId}/scores`, 1], // was 1 for an open claim, 2 for a resolved one
      [`/api/claims/${mc}/scores`, 3], // was 3
      [`/api/claims/${claimId}/scores?at=2024-06-01T00:00:00Z`, 2], // was 1 for an open claim, 2 for a resolved one
      [`/api/claims/${mc}/aggregate`, 2], // was 3
      [`/api/calibration?tag=${tag}&closedOnly=true`, 1], // was 2
      ['/feeds/due.atom', 1], // was 3
      ['/api/sources?sort=accuracy', 2], // was 3: version, stats, sources
      ['/api/overview?interval=month&sources=10', 2], // was 6
      ['/api/survival', 2], // was 3
      [`/api/claims?sort=deadline&tag=${tag}`, 2], // was 3 when the dated claims do not fill the page
    ];
    for (const [path, most] of budgets) {
      await writer.append({ type: 'evidence.record', claimId, input: { date: '2024-03-01', summary: 'x', bearing: 'context' } });
      const trips = server.roundTrips;
      await text(app, path);
      expect(server.roundTrips - trips, path).toBeLessThanOrEqual(most);
    }
  });
});

describe('ReadRows.snapshot', () => {
  it('keeps every read of one call on one state while writes land between them (file, client, remote)', async () => {
    const events = 'SELECT count(*) FROM events';
    const value = (read: unknown[][] | undefined) => Number(read?.[0]?.[0]);
    for (const [label, rows] of [['file', readRows(local)], ['client', clientRows(local.client)], ['remote', readRows(remote)]] as const) {
      const before = value(await rows(events));
      const seen = await rows.snapshot(async (r) => {
        const first = await r(events);
        await writer.append({ type: 'source.register', input: { id: uid('src'), name: 'Meanwhile', type: 'person' } });
        const [again, other] = await r.batch([{ sql: events }, { sql: 'SELECT ? + 1', args: [1] }]);
        return [first, await r(events), again, other];
      });
      expect(seen.map(value), label).toEqual([before, before, before, 2]);
      expect(value(await rows(events)), label).toBe(before + 1);
    }
  });
});
