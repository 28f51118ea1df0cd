/**
 * The bulk append's writer thread (src/ledger/bulk-sink.ts, src/db/bulk-worker.mjs): what it
 * writes is what the in-thread path writes, and a large append that rebuilds the indexes of
 * counted_forecasts leaves the schema exactly as it was (same names and definitions, same
 * order of a table's indexes), and so does one that is rolled back.
 */
import { LibsqlError } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { Command } from '../../src/ledger/commands.js';
import { bulkTuning } from '../../src/ledger/bulk-sink.js';
import { BulkError, Ledger } from '../../src/ledger/ledger.js';
import { checkProjections, snapshotProjections } from '../../src/ledger/rebuild.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { freshDb } from '../helpers/db.js';

const saved = structuredClone(bulkTuning);
afterEach(() => Object.assign(bulkTuning, structuredClone(saved)));

/** `claims` resolved claims with a forecast from each of `sources` sources (plus the sources). */
function commands(prefix: string, claims: number, sources: number): Command[] {
  const cmds: Command[] = [];
  for (let s = 0; s < sources; s++) cmds.push({ type: 'source.register', input: { id: `${prefix}-s${s}`, name: `Source ${s}`, type: 'forecaster' } });
  for (let c = 0; c < claims; c++) {
    const claimId = `${prefix}-c${c}`;
    cmds.push({ type: 'claim.create', input: { id: claimId, kind: 'prediction', title: `Claim ${c}`, statement: `Will ${c} happen?`, resolutionCriteria: 'Yes if it does.', tags: [`t${c % 3}`], deadline: '2025-12-31' } });
    for (let s = 0; s < sources; s++) {
      cmds.push({ type: 'forecast.record', claimId, input: { sourceId: `${prefix}-s${s}`, probability: ((c * 7 + s * 13) % 97) / 100 + 0.01, madeAt: `2024-0${1 + (s % 9)}-1${c % 10}T10:00:00Z` } });
    }
    if (c % 5 !== 0) cmds.push({ type: 'claim.resolve', claimId, input: { outcome: c % 2 ? 'confirmed' : 'refuted', knownOn: '2025-01-01' } });
  }
  return cmds;
}

type Db = Awaited<ReturnType<typeof freshDb>>;

async function schema(db: Db) {
  const rs = await db.client.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name");
  return rs.rows.map((r) => [r.type, r.name, r.tbl_name, r.sql]);
}

async function indexList(db: Db, table: string) {
  return (await db.client.execute(`PRAGMA index_list(${table})`)).rows.map((r) => [r.name, r.unique, r.origin]);
}

describe('the bulk writer thread', () => {
  it('writes what the in-thread path writes: the same chain, the same projections', async () => {
    const onDisk = await freshDb();
    const inMemory = await openDatabase({ url: ':memory:' });
    const clock = () => Date.parse('2026-01-01T00:00:00.000Z');
    const cmds = commands('same', 40, 6);
    const a = await new Ledger(onDisk, { clock }).appendAll(cmds, { actor: 'cli:test' });
    const b = await new Ledger(inMemory, { clock }).appendAll(cmds, { actor: 'cli:test' });
    expect(a.head?.hash).toBe(b.head?.hash);
    expect(await snapshotProjections(onDisk.client)).toEqual(await snapshotProjections(inMemory.client));
    inMemory.close();
  });

  it('rebuilds the counted_forecasts indexes of a large append and leaves the schema as it was', async () => {
    bulkTuning.rebuildIndexes = { tables: ['counted_forecasts'], rows: 50 };
    bulkTuning.chunk = 100;
    const db = await freshDb();
    const ledger = new Ledger(db);
    const before = await schema(db);
    const indexes = await indexList(db, 'counted_forecasts');
    await ledger.appendAll(commands('big', 60, 5));
    expect(Number((await db.client.execute('SELECT count(*) AS n FROM counted_forecasts')).rows[0]?.n)).toBeGreaterThan(100);
    expect(await schema(db)).toEqual(before);
    expect(await indexList(db, 'counted_forecasts')).toEqual(indexes);
    expect((await db.client.execute('PRAGMA integrity_check')).rows[0]?.integrity_check).toBe('ok');
    expect((await verifyChain(db.client)).ok).toBe(true);
    expect(await checkProjections(db.client)).toEqual([]);

    // A smaller append into the same tables keeps the indexes up row by row (no rebuild of what is already there).
    await ledger.appendAll(commands('small', 5, 5));
    expect(await schema(db)).toEqual(before);
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('rolls back a failing large append whole, indexes included', async () => {
    bulkTuning.rebuildIndexes = { tables: ['counted_forecasts'], rows: 20 };
    bulkTuning.chunk = 50;
    const db = await freshDb();
    const ledger = new Ledger(db);
    await ledger.appendAll(commands('base', 3, 3));
    const before = { schema: await schema(db), rows: await snapshotProjections(db.client) };
    const cmds = commands('fail', 30, 4);
    // A forecast on a claim resolved earlier in the same append: refused at the very end.
    cmds.push({ type: 'forecast.record', claimId: 'fail-c1', input: { sourceId: 'fail-s0', probability: 0.5 } });
    const err = await ledger.appendAll(cmds).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BulkError);
    expect((err as BulkError).index).toBe(cmds.length - 1);
    expect({ schema: await schema(db), rows: await snapshotProjections(db.client) }).toEqual(before);
    const dry = await ledger.appendAll(commands('dry', 30, 4), { dryRun: true });
    expect(dry.count).toBeGreaterThan(100);
    expect({ schema: await schema(db), rows: await snapshotProjections(db.client) }).toEqual(before);
    expect(await indexList(db, 'counted_forecasts')).toEqual(await indexList(await freshDb(), 'counted_forecasts'));
  });

  it('reports a write the database refuses as the client would, and writes nothing', async () => {
    const db = await freshDb();
    const ledger = new Ledger(db);
    await ledger.appendAll(commands('ok', 2, 2));
    const before = await snapshotProjections(db.client);
    // The rules accept every command; the database itself refuses the forecasts' rows.
    await db.client.execute("CREATE TRIGGER refuse BEFORE INSERT ON forecasts BEGIN SELECT RAISE(ABORT, 'no forecasts today'); END");
    const err = await ledger.appendAll(commands('later', 2, 2)).catch((e: unknown) => e);
    await db.client.execute('DROP TRIGGER refuse');
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err).toMatchObject({ code: 'SQLITE_CONSTRAINT', message: expect.stringContaining('no forecasts today') });
    expect(await snapshotProjections(db.client)).toEqual(before);
    expect(await checkProjections(db.client)).toEqual([]);
  });
});
