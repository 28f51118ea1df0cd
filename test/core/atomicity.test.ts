/**
 * Every write lands whole or not at all: a bulk append that fails half-way leaves the
 * ledger and every projection exactly as they were; in a group commit a bad append is
 * refused alone while the others land.
 */
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import { RuleError } from '../../src/domain/rules.js';
import type { Command } from '../../src/ledger/commands.js';
import { BulkError, Ledger } from '../../src/ledger/ledger.js';
import { checkProjections, snapshotProjections } from '../../src/ledger/rebuild.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { freshDb, uid } from '../helpers/db.js';

const db = await freshDb();
const ledger = new Ledger(db);

const src = uid('src');
const base = uid('cl');
await ledger.appendAll([
  { type: 'source.register', input: { id: src, name: 'Analyst', type: 'forecaster' } },
  { type: 'claim.create', input: { id: base, kind: 'prediction', title: 'Base', statement: 's', resolutionCriteria: 'r', tags: ['base'], deadline: '2030-01-01' } },
  { type: 'forecast.record', claimId: base, input: { sourceId: src, probability: 0.5 } },
]);
const baseCreatedSeq = Number((await db.client.execute({ sql: 'SELECT created_seq FROM claims WHERE id = ?', args: [base] })).rows[0]?.created_seq);

function validRun(): { claimId: string; cmds: Command[] } {
  const claimId = uid('cl');
  const s = uid('src');
  return {
    claimId,
    cmds: [
      { type: 'source.register', input: { id: s, name: 'New source', type: 'media' } },
      { type: 'claim.create', input: { id: claimId, kind: 'allegation', title: `Claim ${claimId}`, statement: 's', resolutionCriteria: 'r', tags: ['x', 'y'] } },
      { type: 'stance.record', claimId, input: { sourceId: s, stance: 'asserts', date: '2024-05' } },
      { type: 'evidence.record', claimId, input: { id: `${claimId}-ev`, date: '2024-05-02', summary: 'Photo', bearing: 'supports' } },
      { type: 'forecast.record', claimId: base, input: { sourceId: s, probability: 0.7 } },
      { type: 'claim.edit', claimId: base, input: { changes: { statement: 'edited' }, reason: 'why not' } },
      { type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2024-06-01', evidenceIds: [`${claimId}-ev`] } },
    ],
  };
}

async function state() {
  return { events: await eventCount(db.client), tables: await snapshotProjections(db.client), chain: await verifyChain(db.client) };
}

describe('appendAll', () => {
  const bad: Array<[string, (claimId: string) => Command]> = [
    ['a probability out of bounds', () => ({ type: 'forecast.record', claimId: base, input: { sourceId: src, probability: 0.999 } })],
    ['a forecast on the claim resolved earlier in the same run', (claimId) => ({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.5 } })],
    ['an unknown claim', () => ({ type: 'stance.record', claimId: uid('none'), input: { sourceId: src, stance: 'denies', date: '2024' } })],
    ['a duplicate claim id', () => ({ type: 'claim.create', input: { id: base, kind: 'allegation', title: 't', statement: 's', resolutionCriteria: 'r', tags: [] } })],
    ['a retraction of a claim.created event', () => ({ type: 'event.retract', seq: baseCreatedSeq, input: { reason: 'no' } })],
  ];

  for (const [what, makeBad] of bad) {
    it(`changes nothing when the last command is refused: ${what}`, async () => {
      const before = await state();
      const { claimId, cmds } = validRun();
      const err = await ledger.appendAll([...cmds, makeBad(claimId)]).catch((e) => e);
      expect(err).toBeInstanceOf(BulkError);
      expect(err.index).toBe(cmds.length);
      expect(err.cause).toBeInstanceOf(RuleError);
      expect(await state()).toEqual(before);
      expect(await checkProjections(db.client)).toEqual([]);
    });
  }

  it('changes nothing when a refusal comes after a flushed chunk', async () => {
    const before = await state();
    const { claimId, cmds } = validRun();
    const err = await ledger.appendAll([...cmds, { type: 'claim.reopen', claimId, input: { reason: 'x' } }, { type: 'claim.reopen', claimId, input: { reason: 'again' } }], { chunk: 2 }).catch((e) => e);
    expect(err).toBeInstanceOf(BulkError);
    expect(err.index).toBe(cmds.length + 1);
    expect(await state()).toEqual(before);
  });

  it('lands whole when every command is valid, and a dry run lands nothing', async () => {
    const before = await state();
    const dry = validRun();
    const result = await ledger.appendAll(dry.cmds, { dryRun: true });
    expect(result.count).toBe(dry.cmds.length);
    expect(await state()).toEqual(before);
    const { cmds } = validRun();
    const done = await ledger.appendAll(cmds);
    expect(done.count).toBe(cmds.length);
    expect(await eventCount(db.client)).toBe(before.events + cmds.length);
    expect(done.head?.seq).toBe(before.events + cmds.length);
    expect((await verifyChain(db.client)).ok).toBe(true);
    expect(await checkProjections(db.client)).toEqual([]);
  });
});

describe('group commit', () => {
  it('refuses the bad append alone; the others of the same batch land and the chain verifies', async () => {
    const before = await eventCount(db.client);
    const claimIds = [uid('cl'), uid('cl'), uid('cl')];
    const appends = [
      ledger.append({ type: 'claim.create', input: { id: claimIds[0]!, kind: 'allegation', title: 'one', statement: 's', resolutionCriteria: 'r', tags: [] } }),
      ledger.append({ type: 'forecast.record', claimId: base, input: { sourceId: src, probability: 0.42 } }),
      ledger.append({ type: 'forecast.record', claimId: base, input: { sourceId: src, probability: 1.5 } }),
      ledger.append({ type: 'claim.create', input: { id: claimIds[1]!, kind: 'prediction', title: 'no deadline', statement: 's', resolutionCriteria: 'r', tags: [] } }),
      ledger.append({ type: 'claim.create', input: { id: claimIds[2]!, kind: 'allegation', title: 'three', statement: 's', resolutionCriteria: 'r', tags: [] } }),
      ledger.append({ type: 'stance.record', claimId: claimIds[0]!, input: { sourceId: src, stance: 'asserts', date: '2024' } }),
    ];
    const results = await Promise.allSettled(appends);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ status: 422, pointer: '/probability' });
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ status: 422, pointer: '/deadline' });
    const seqs = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ seq: number }>).value.seq);
    expect(seqs).toEqual([before + 1, before + 2, before + 3, before + 4]);
    expect(await eventCount(db.client)).toBe(before + 4);
    const rows = await db.client.execute({ sql: 'SELECT id FROM claims WHERE id IN (?, ?, ?) ORDER BY created_seq', args: claimIds });
    expect(rows.rows.map((r) => r.id)).toEqual([claimIds[0], claimIds[2]]);
    expect((await db.client.execute({ sql: 'SELECT count(*) AS n FROM forecasts WHERE claim_id = ? AND probability = 0.42', args: [base] })).rows[0]?.n).toBe(1);
    expect(await verifyChain(db.client)).toMatchObject({ ok: true, events: before + 4 });
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('refuses alone an append that passes the rules but fails in the database (a duplicate evidence id)', async () => {
    const before = await eventCount(db.client);
    const evId = uid('ev');
    const results = await Promise.allSettled([
      ledger.append({ type: 'evidence.record', claimId: base, input: { id: evId, date: '2024', summary: 'first', bearing: 'context' } }),
      ledger.append({ type: 'evidence.record', claimId: base, input: { id: evId, date: '2024', summary: 'same id', bearing: 'context' } }),
      ledger.append({ type: 'stance.record', claimId: base, input: { sourceId: src, stance: 'denies', date: '2024' } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<{ seq: number }>).value.seq).toBe(before + 2);
    expect(await eventCount(db.client)).toBe(before + 2);
    const rows = await db.client.execute({ sql: 'SELECT summary FROM evidence WHERE id = ?', args: [evId] });
    expect(rows.rows.map((r) => r.summary)).toEqual(['first']);
    expect((await verifyChain(db.client)).ok).toBe(true);
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('rolls back a bulk append that fails in the database', async () => {
    const before = await state();
    const evId = uid('ev');
    const { cmds } = validRun();
    const dup: Command = { type: 'evidence.record', claimId: base, input: { id: evId, date: '2024', summary: 'twice', bearing: 'context' } };
    await expect(ledger.appendAll([dup, ...cmds, dup])).rejects.toThrow();
    expect(await state()).toEqual(before);
  });

  it('decides each append against the ones before it in the same batch', async () => {
    const claimId = uid('cl');
    const results = await Promise.allSettled([
      ledger.append({ type: 'claim.create', input: { id: claimId, kind: 'allegation', title: 't', statement: 's', resolutionCriteria: 'r', tags: [] } }),
      ledger.append({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2024-01-01' } }),
      ledger.append({ type: 'claim.resolve', claimId, input: { outcome: 'refuted', knownOn: '2024-01-02' } }),
      ledger.append({ type: 'claim.create', input: { id: claimId, kind: 'allegation', title: 't', statement: 's', resolutionCriteria: 'r', tags: [] } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ status: 409, pointer: '/id' });
    const row = await db.client.execute({ sql: 'SELECT status FROM claims WHERE id = ?', args: [claimId] });
    expect(row.rows[0]?.status).toBe('confirmed');
    expect((await verifyChain(db.client)).ok).toBe(true);
  });
});
