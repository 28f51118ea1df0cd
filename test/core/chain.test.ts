/**
 * The hash chain: it verifies after many writes, anyone can recompute it from the exported
 * events, the triggers refuse UPDATE and DELETE, and tampering with the file (as someone
 * holding it could, by dropping the triggers) is reported at the right sequence number.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/ledger.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { events, type App } from './fixtures.js';

/** Write `n` mixed events, most of them concurrently so they go through group commits. */
async function fill(app: App, ledger: Ledger, n: number): Promise<void> {
  const src = uid('src');
  await ledger.append({ type: 'source.register', input: { id: src, name: 'Forecaster', type: 'forecaster' } });
  const claims = Array.from({ length: 10 }, () => uid('cl'));
  await Promise.all(claims.map((id) => ledger.append({ type: 'claim.create', input: { id, kind: 'prediction', title: `Claim ${id}`, statement: 's', resolutionCriteria: 'r', tags: ['chain'], deadline: '2030-01-01' } })));
  const rest = n - 11;
  const writes: Array<Promise<unknown>> = [];
  for (let i = 0; i < rest; i++) {
    const id = claims[i % claims.length]!;
    if (i % 5 === 0) writes.push(call(app, 'POST', `/api/claims/${id}/stances`, { sourceId: src, stance: i % 2 ? 'asserts' : 'denies', date: '2024-01' }));
    else writes.push(ledger.append({ type: 'forecast.record', claimId: id, input: { sourceId: src, probability: 0.01 + (i % 98) / 100 } }));
  }
  await Promise.all(writes);
}

const GENESIS = '0'.repeat(64);

// Every database is made at the top level, so that the helper's afterAll removes it.
const long = await freshApp();
await fill(long.app, long.ledger, 320);
const [payloadCase, backdateCase, rehashCase, deleteCase, deleteFirstCase, emptyCase] = await Promise.all(Array.from({ length: 6 }, () => freshApp()));

describe('a long chain', () => {
  const { db, app } = long;

  it('verifies after a few hundred writes', async () => {
    expect(await events(db)).toBe(320);
    const res = await call(app, 'GET', '/api/verify');
    expect(res.status).toBe(200);
    const last = await call(app, 'GET', '/api/events/320');
    expect(res.body).toMatchObject({ ok: true, events: 320, head: last.body.hash, checkedFrom: 0 });
  });

  it('can be recomputed by anyone from GET /api/events: SHA-256 of prevHash + RFC 8785 JSON', async () => {
    let prev = { seq: 0, hash: GENESIS };
    let after = 0;
    let pages = 0;
    for (;;) {
      const res = await call(app, 'GET', `/api/events?after=${after}&limit=100`);
      expect(res.status).toBe(200);
      pages++;
      for (const e of res.body.items) {
        expect(e.seq).toBe(prev.seq + 1);
        expect(e.prevHash).toBe(prev.hash);
        const { seq, type, claimId, recordedAt, recordedBy, payload } = e;
        const expected = createHash('sha256').update(prev.hash + canonicalize({ seq, type, claimId, recordedAt, recordedBy, payload })).digest('hex');
        expect(e.hash).toBe(expected);
        prev = { seq: e.seq, hash: e.hash };
      }
      if (res.body.nextCursor === null) break;
      expect(res.body.nextCursor).toBe(String(prev.seq));
      after = Number(res.body.nextCursor);
    }
    expect(prev.seq).toBe(320);
    expect(pages).toBe(4);
  });

  it('is guarded by triggers: UPDATE and DELETE on events are refused', async () => {
    const before = await db.client.execute('SELECT * FROM events WHERE seq = 5');
    await expect(db.client.execute(`UPDATE events SET payload = '{}' WHERE seq = 5`)).rejects.toThrow(/append-only/);
    await expect(db.client.execute('DELETE FROM events WHERE seq = 5')).rejects.toThrow(/append-only/);
    await expect(db.client.execute('DELETE FROM events')).rejects.toThrow(/append-only/);
    expect((await db.client.execute('SELECT * FROM events WHERE seq = 5')).rows).toEqual(before.rows);
    expect(await events(db)).toBe(320);
    expect((await call(app, 'GET', '/api/verify')).body.ok).toBe(true);
  });
});

describe('tampering', () => {
  it('with one payload is reported at that row', async () => {
    const { db, ledger, app } = payloadCase!;
    await fill(app, ledger, 60);
    await db.client.execute('DROP TRIGGER events_no_update');
    const row = (await db.client.execute('SELECT payload FROM events WHERE seq = 37')).rows[0]!;
    const payload = JSON.parse(String(row.payload));
    expect(payload.probability ?? payload.stance).toBeDefined();
    const forged = payload.probability !== undefined ? { ...payload, probability: 0.99 } : { ...payload, stance: payload.stance === 'asserts' ? 'denies' : 'asserts' };
    await db.client.execute({ sql: 'UPDATE events SET payload = ? WHERE seq = 37', args: [JSON.stringify(forged)] });
    const res = await call(app, 'GET', '/api/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, firstBadSeq: 37, events: 36, reason: expect.any(String) });
  });

  it('by back-dating a recording time is reported at that row', async () => {
    const { db, ledger, app } = backdateCase!;
    await fill(app, ledger, 30);
    await db.client.execute('DROP TRIGGER events_no_update');
    await db.client.execute(`UPDATE events SET recorded_at = '2001-01-01T00:00:00.000Z' WHERE seq = 12`);
    expect((await call(app, 'GET', '/api/verify')).body).toMatchObject({ ok: false, firstBadSeq: 12 });
    // An earlier row whose payload is no longer JSON at all is reported first.
    await db.client.execute(`UPDATE events SET payload = '{not json' WHERE seq = 5`);
    expect((await call(app, 'GET', '/api/verify')).body).toMatchObject({ ok: false, firstBadSeq: 5, events: 4 });
  });

  it('that also recomputes the row’s own hash is caught at the next link', async () => {
    const { db, ledger, app } = rehashCase!;
    await fill(app, ledger, 30);
    await db.client.execute('DROP TRIGGER events_no_update');
    const e = (await call(app, 'GET', '/api/events/20')).body;
    const payload = { ...e.payload, note: 'inserted later' };
    const { seq, type, claimId, recordedAt, recordedBy } = e;
    const hash = createHash('sha256').update(e.prevHash + canonicalize({ seq, type, claimId, recordedAt, recordedBy, payload })).digest('hex');
    await db.client.execute({ sql: 'UPDATE events SET payload = ?, hash = ? WHERE seq = 20', args: [canonicalize(payload)!, hash] });
    expect((await call(app, 'GET', '/api/verify')).body).toMatchObject({ ok: false, firstBadSeq: 21, events: 20 });
  });

  it('by deleting a row is reported at the seq after the gap', async () => {
    const { db, ledger, app } = deleteCase!;
    await fill(app, ledger, 40);
    await db.client.execute('DROP TRIGGER events_no_delete');
    // Foreign keys hold on projections, not on events: the row goes.
    await db.client.execute('DELETE FROM events WHERE seq = 25');
    expect(await events(db)).toBe(39);
    const res = await call(app, 'GET', '/api/verify');
    expect(res.body).toMatchObject({ ok: false, firstBadSeq: 26, events: 24 });
    expect(res.body.reason).toMatch(/25/);
  });

  it('by deleting the first row is reported at seq 2', async () => {
    const { db, ledger, app } = deleteFirstCase!;
    await fill(app, ledger, 20);
    await db.client.execute('DROP TRIGGER events_no_delete');
    await db.client.execute('DELETE FROM events WHERE seq = 1');
    expect((await call(app, 'GET', '/api/verify')).body).toMatchObject({ ok: false, firstBadSeq: 2, events: 0 });
  });

  it('is absent on an empty ledger, which verifies', async () => {
    expect((await call(emptyCase!.app, 'GET', '/api/verify')).body).toMatchObject({ ok: true, events: 0, head: null });
  });
});
