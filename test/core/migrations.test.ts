/**
 * Upgrades: a database migrated by an earlier release takes the later migrations and ends with
 * the same schema as a fresh one. The release before 0007 had latest_forecasts and its
 * triggers on forecasts (0005, 0006); 0007 drops them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase } from '../../src/db/client.js';
import type { Command } from '../../src/ledger/commands.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { eventFromRow } from '../../src/db/queries.js';
import { projectEvent } from '../../src/db/projection.js';
import { writeStatements } from '../../src/db/write-ops.js';

const dir = mkdtempSync(join(tmpdir(), 'reckon-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as a release that ended at migration `last` shipped it. */
function migrationsUpTo(last: number): string {
  const folder = join(dir, `migrations-${last}`);
  cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number }> };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function schemaOf(url: string): Promise<string[]> {
  const client = createClient({ url });
  const rs = await client.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY type, name");
  client.close();
  return rs.rows.map((r) => `${r.type} ${r.name}: ${r.sql}`);
}

const SCORES_SQL = 'SELECT claim_id, source_id, baseline, peer, coverage FROM claim_scores ORDER BY claim_id, source_id';

/**
 * Write into `old` (a database an earlier release migrated) what these commands would have left
 * there: they are recorded by this release on a scratch database `name`, and their events with
 * their projected rows are written as that release wrote them (this release's writer also fills
 * tables the earlier release did not have). Returns the claim_scores rows this release computed on
 * the scratch database: the reference for scores filled in when this release opens `old`.
 */
async function recordAsEarlierRelease(old: Client, name: string, commands: Command[]): Promise<Array<Record<string, unknown>>> {
  const scratch = await openDatabase({ url: `file:${join(dir, `${name}.db`)}` });
  const scratchLedger = new Ledger(scratch);
  for (const command of commands) await scratchLedger.append(command);
  const scores = (await scratch.client.execute(SCORES_SQL)).rows.map((r) => ({ ...r }));
  const events = (await scratch.client.execute('SELECT * FROM events ORDER BY seq')).rows.map((r) => eventFromRow(r as never));
  scratch.close();
  await old.batch(writeStatements(events, events.map(projectEvent)), 'write');
  return scores;
}

const forecasters: Command[] = ['alice', 'bob'].map((id) => ({ type: 'source.register', input: { id, name: id, type: 'forecaster' } }));

describe('migrations', () => {
  it('a database from the release with latest_forecasts (0006) upgrades to the same schema as a fresh one, and records forecasts', async () => {
    const url = `file:${join(dir, 'old.db')}`;
    // The earlier release's database, with a forecast recorded while its triggers were live.
    const old = createClient({ url });
    const orm = drizzle(old);
    await migrate(orm, { migrationsFolder: migrationsUpTo(6) });
    const before = await schemaOf(url);
    expect(before.some((s) => s.startsWith('table latest_forecasts'))).toBe(true);
    expect(before.some((s) => s.startsWith('trigger latest_forecasts_recorded'))).toBe(true);
    // Its events, as that release wrote them: the same events and projected rows (made here on a
    // scratch database, since this release's writer also fills tables that release did not have).
    await recordAsEarlierRelease(old, 'scratch', [
      { type: 'source.register', input: { id: 'metaculus', name: 'Metaculus', type: 'forecaster' } },
      { type: 'claim.create', input: { id: 'dprk-troops', kind: 'prediction', title: 'More than 100 DPRK troops in Ukraine before 2024', statement: 'North Korea sends more than 100 troops to Ukraine before 2024.', resolutionCriteria: 'Credible reports of more than 100 troops.', deadline: '2023-12-31', tags: [] } },
      { type: 'forecast.record', claimId: 'dprk-troops', input: { sourceId: 'metaculus', probability: 0.1, madeAt: '2023-01-15T00:00:00Z' } },
    ]);
    expect((await old.execute('SELECT probability FROM latest_forecasts')).rows.map((r) => r.probability)).toEqual([0.1]);
    old.close();

    // Opened by this release: the remaining migrations run.
    const db = await openDatabase({ url });
    const ledger = new Ledger(db);
    // A forecast insert no longer touches the dropped table (a trigger left behind would fail it).
    await ledger.append({ type: 'forecast.record', claimId: 'dprk-troops', input: { sourceId: 'metaculus', probability: 0.15, madeAt: '2023-02-15T00:00:00Z' } });
    expect((await db.client.execute("SELECT probability FROM forecasts WHERE claim_id = 'dprk-troops' ORDER BY seq")).rows.map((r) => r.probability)).toEqual([0.1, 0.15]);
    const applied = await db.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    expect((await verifyChain(db.client)).ok).toBe(true);
    // The analytics projections (0009) were filled on opening: nothing differs from a rebuild.
    expect(await checkProjections(db.client)).toEqual([]);
    db.close();

    const fresh = await openDatabase({ url: `file:${join(dir, 'fresh.db')}` });
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(Number(applied.rows[0]?.n)).toBe(journal.entries.length);
    fresh.close();
    const after = await schemaOf(url);
    expect(after.some((s) => s.includes('latest_forecasts'))).toBe(false);
    expect(after).toEqual(await schemaOf(`file:${join(dir, 'fresh.db')}`));
  });

  it('a database from before the score projections (0007) gets its resolved claims scored when this release opens it', async () => {
    const url = `file:${join(dir, 'pre-scores.db')}`;
    const old = createClient({ url });
    await migrate(drizzle(old), { migrationsFolder: migrationsUpTo(7) });
    // A resolved question with two forecasters, recorded (on a scratch database) by this release,
    // whose scores are the reference; its events and their rows as the older release wrote them.
    const expected = await recordAsEarlierRelease(old, 'scratch-scores', [
      ...forecasters,
      { type: 'claim.create', input: { id: 'q1', kind: 'prediction', title: 'Q1', statement: 'Q1 happens.', resolutionCriteria: 'It happens.', deadline: '2023-12-31', tags: [], openedAt: '2023-01-01T00:00:00Z' } },
      { type: 'forecast.record', claimId: 'q1', input: { sourceId: 'alice', probability: 0.8, madeAt: '2023-02-01T00:00:00Z' } },
      { type: 'forecast.record', claimId: 'q1', input: { sourceId: 'bob', probability: 0.3, madeAt: '2023-06-01T00:00:00Z' } },
      { type: 'claim.resolve', claimId: 'q1', input: { outcome: 'confirmed', knownOn: '2023-10-01' } },
    ]);
    expect(expected).toHaveLength(2);
    old.close();

    const db = await openDatabase({ url });
    expect((await db.client.execute(SCORES_SQL)).rows.map((r) => ({ ...r }))).toEqual(expected);
    expect((await db.client.execute('SELECT source_id, questions FROM source_score_totals ORDER BY source_id')).rows.map((r) => ({ ...r }))).toEqual([
      { source_id: 'alice', questions: 1 },
      { source_id: 'bob', questions: 1 },
    ]);
    // Its analytics too (claims recorded before migration 0009 had no world date).
    expect((await db.client.execute('SELECT count(*) AS n FROM claims WHERE world_date IS NULL')).rows[0]?.n).toBe(0);
    // Done once: the pending mark is gone, so the next open does nothing.
    expect((await db.client.execute('SELECT name FROM projection_catchups')).rows).toEqual([]);
    db.close();
  });
  it('a database with claims resolved with a value but no score rows for them (0019) gets them scored when this release opens it', async () => {
    const url = `file:${join(dir, 'pre-question-scores.db')}`;
    const old = createClient({ url });
    await migrate(drizzle(old), { migrationsFolder: migrationsUpTo(19) });
    const cdf = Array.from({ length: 201 }, (_, i) => i / 200);
    const expected = await recordAsEarlierRelease(old, 'scratch-question-scores', [
      ...forecasters,
      { type: 'claim.create', input: { id: 'n1', kind: 'prediction', title: 'N1', statement: 'How many?', resolutionCriteria: 'Counted.', deadline: '2023-12-31', tags: [], openedAt: '2023-01-01T00:00:00Z', questionType: 'numeric', range: { min: 0, max: 200 } } },
      { type: 'forecast.record', claimId: 'n1', input: { sourceId: 'alice', cdf, madeAt: '2023-02-01T00:00:00Z' } },
      { type: 'forecast.record', claimId: 'n1', input: { sourceId: 'bob', cdf: cdf.map((v) => Math.round(Math.sqrt(v) * 1e10) / 1e10), madeAt: '2023-06-01T00:00:00Z' } },
      { type: 'claim.resolve', claimId: 'n1', input: { value: 30, knownOn: '2023-10-01' } },
    ]);
    expect(expected).toHaveLength(2);
    expect((await old.execute('SELECT count(*) AS n FROM claim_scores')).rows[0]!.n).toBe(0);
    old.close();

    const db = await openDatabase({ url });
    expect((await db.client.execute(SCORES_SQL)).rows.map((r) => ({ ...r }))).toEqual(expected);
    expect(await checkProjections(db.client)).toEqual([]);
    expect((await db.client.execute('SELECT name FROM projection_catchups')).rows).toEqual([]);
    db.close();
  });
});
