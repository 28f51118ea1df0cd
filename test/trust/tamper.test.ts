import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical.js';
import { createApp } from '../../src/http/app.js';
import { checkCheckpoint, loadSigningKey } from '../../src/ledger/checkpoint.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { call, freshApp, uid } from '../helpers/db.js';

/** A fresh ledger with `n` forecast events after a source and a claim, served with a signing key. */
async function world(n = 20) {
  const ctx = await freshApp();
  const signingKey = loadSigningKey(join(mkdtempSync(join(tmpdir(), 'reckon-key-')), 'key.pem'));
  const app = createApp({ db: ctx.db, ledger: ctx.ledger, signingKey });
  await fill(ctx.ledger, n, 0.3);
  return { ...ctx, app, signingKey };
}

async function fill(ledger: Ledger, n: number, p: number) {
  const src = uid('s');
  await ledger.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
  const claim = await ledger.append({ type: 'claim.create', input: { kind: 'prediction', title: 'T', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [] } });
  for (let i = 0; i < n; i++) await ledger.append({ type: 'forecast.record', claimId: claim.claimId as string, input: { sourceId: src, probability: p } });
}

/** What someone holding the file can do: drop the triggers and edit the ledger directly. */
async function dropTriggers(ctx: Awaited<ReturnType<typeof world>>) {
  await ctx.db.client.execute('DROP TRIGGER events_no_update');
  await ctx.db.client.execute('DROP TRIGGER events_no_delete');
}

describe('tampering is caught', () => {
  it('an edited row: verify names that event', async () => {
    const w = await world();
    await dropTriggers(w);
    await w.db.client.execute(`UPDATE events SET payload = replace(payload, '0.3', '0.9') WHERE seq = 9`);
    const r = await call(w.app, 'GET', '/api/verify');
    expect(r.body).toMatchObject({ ok: false, firstBadSeq: 9, events: 8 });
  });

  it('a deleted row: verify names the first event after the gap, and the missing number', async () => {
    const w = await world();
    await dropTriggers(w);
    await w.db.client.execute('DELETE FROM events WHERE seq = 12');
    const r = (await call(w.app, 'GET', '/api/verify')).body;
    expect(r).toMatchObject({ ok: false, firstBadSeq: 13, events: 11 });
    expect(r.reason).toContain('12');
  });

  it('re-ordered rows: verify names the first out of place', async () => {
    const w = await world();
    await dropTriggers(w);
    // Swap the recording times of events 5 and 6 (as a back-dating would).
    const rs = await w.db.client.execute('SELECT seq, recorded_at FROM events WHERE seq IN (5, 6) ORDER BY seq');
    const [a, b] = rs.rows.map((r) => String(r.recorded_at));
    await w.db.client.execute({ sql: 'UPDATE events SET recorded_at = ? WHERE seq = 5', args: [`${b}x`] });
    await w.db.client.execute({ sql: 'UPDATE events SET recorded_at = ? WHERE seq = 6', args: [a as string] });
    expect((await call(w.app, 'GET', '/api/verify')).body).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('a projection edited behind the ledger’s back is reported', async () => {
    const w = await world(3);
    expect((await call(w.app, 'GET', '/api/verify?projections=true')).body).toMatchObject({ ok: true, projections: { ok: true, mismatched: [] } });
    await w.db.client.execute("UPDATE forecasts SET probability = 0.99 WHERE seq = 3");
    const r = await call(w.app, 'GET', '/api/verify?projections=true');
    expect(r.body.ok).toBe(false);
    expect(r.body.projections.mismatched).toContain('forecasts');
  });
});

describe('signed checkpoints', () => {
  it('are Ed25519 signatures over the canonical { seq, hash, at } under the published key', async () => {
    const w = await world(2);
    const cp = (await call(w.app, 'GET', '/api/checkpoint')).body;
    const key = (await call(w.app, 'GET', '/api/checkpoint/key')).body;
    const head = (await call(w.app, 'GET', '/api/verify')).body;
    expect(cp).toMatchObject({ seq: head.events, hash: head.head, algorithm: 'Ed25519' });
    const message = Buffer.from(canonicalJson({ seq: cp.seq, hash: cp.hash, at: cp.at }));
    expect(verify(null, message, createPublicKey(key.publicKey), Buffer.from(cp.signature, 'base64'))).toBe(true);
    const forged = Buffer.from(canonicalJson({ seq: cp.seq + 1, hash: cp.hash, at: cp.at }));
    expect(verify(null, forged, createPublicKey(key.publicKey), Buffer.from(cp.signature, 'base64'))).toBe(false);
  });

  it('catch a log cut short, which the chain alone cannot see', async () => {
    const w = await world(10);
    const cp = (await call(w.app, 'GET', '/api/checkpoint')).body;
    expect(await checkCheckpoint(w.db.client, cp, w.signingKey.publicKeyPem)).toEqual({ ok: true });
    await dropTriggers(w);
    await w.db.client.execute({ sql: 'DELETE FROM events WHERE seq > ?', args: [cp.seq - 3] });
    expect((await call(w.app, 'GET', '/api/verify')).body.ok).toBe(true); // the shorter chain still links up
    const verdict = await checkCheckpoint(w.db.client, cp, w.signingKey.publicKeyPem);
    expect(verdict.ok).toBe(false);
  });

  it('catch a ledger rewritten whole with valid hashes', async () => {
    const w = await world(10);
    const cp = (await call(w.app, 'GET', '/api/checkpoint')).body;
    // Build another history of the same length elsewhere, with different forecasts…
    const other = await freshApp();
    await fill(other.ledger, 10, 0.8);
    const forged = await other.db.client.execute('SELECT * FROM events ORDER BY seq');
    // …and swap it in wholesale.
    await dropTriggers(w);
    await w.db.client.execute('DELETE FROM events');
    for (const r of forged.rows) {
      await w.db.client.execute({ sql: 'INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)', args: [r.seq, r.type, r.claim_id, r.recorded_at, r.recorded_by, r.payload, r.prev_hash, r.hash] as never });
    }
    expect((await call(w.app, 'GET', '/api/verify')).body.ok).toBe(true);
    const verdict = await checkCheckpoint(w.db.client, cp, w.signingKey.publicKeyPem);
    expect(verdict).toMatchObject({ ok: false });
  });

  it('refuse a checkpoint whose signature does not verify', async () => {
    const w = await world(2);
    const cp = (await call(w.app, 'GET', '/api/checkpoint')).body;
    const otherKey = loadSigningKey(join(mkdtempSync(join(tmpdir(), 'reckon-key-')), 'key.pem'));
    expect((await checkCheckpoint(w.db.client, cp, otherKey.publicKeyPem)).ok).toBe(false);
    expect((await checkCheckpoint(w.db.client, { ...cp, hash: 'f'.repeat(64) }, w.signingKey.publicKeyPem)).ok).toBe(false);
  });
});
