/**
 * Issue 13, item 11: verification is incremental from a signed verified mark, the full walk is
 * one shared background job, no read opens a write transaction, and expensive reads go
 * through a small concurrency limit (503 problem+json with Retry-After when full).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../../src/http/app.js';
import { checkCheckpoint, loadSigningKey } from '../../src/ledger/checkpoint.js';
import { Verifier } from '../../src/ledger/verifier.js';
import { verifiedMarkFile } from '../../src/ledger/verify-mark.js';
import { call, freshApp, uid } from '../helpers/db.js';

async function world(n: number, opts: AppOptions = {}) {
  const ctx = await freshApp();
  const signingKey = loadSigningKey(join(mkdtempSync(join(tmpdir(), 'reckon-key-')), 'key.pem'));
  const app = createApp({ db: ctx.db, ledger: ctx.ledger, signingKey }, opts);
  const src = uid('s');
  await ctx.ledger.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
  const claim = await ctx.ledger.append({ type: 'claim.create', input: { kind: 'prediction', title: 'T', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [] } });
  const more = (k: number) => ctx.ledger.appendAll(Array.from({ length: k }, () => ({ type: 'forecast.record' as const, claimId: claim.claimId as string, input: { sourceId: src, probability: 0.3 } })));
  await more(n);
  return { ...ctx, app, signingKey, more, claimId: claim.claimId as string };
}

/** The persisted mark, once the verifier has saved it at `seq` (it saves in the background). */
async function savedMark(w: Awaited<ReturnType<typeof world>>, seq: number): Promise<{ file: string; mark: Record<string, unknown> }> {
  const file = verifiedMarkFile(w.signingKey, w.db.url) as string;
  for (let i = 0; i < 200; i++) {
    const mark = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null;
    if (mark && mark.seq === seq) return { file, mark };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no verified mark at ${seq}`);
}

describe('incremental verification (item 11)', () => {
  it('walks only the events after the verified mark, and still counts and links them all', async () => {
    const w = await world(10);
    const first = (await call(w.app, 'GET', '/api/verify')).body;
    expect(first).toMatchObject({ ok: true, events: 12, checkedFrom: 0, fullCheck: { status: 'done', ok: true, events: 12 } });
    await w.more(5);
    const second = (await call(w.app, 'GET', '/api/verify')).body;
    expect(second).toMatchObject({ ok: true, events: 17, checkedFrom: 12 });
    const head = (await w.db.client.execute('SELECT hash FROM events WHERE seq = 17')).rows[0]?.hash;
    expect(second.head).toBe(head);
  });

  it('keeps the mark as a signed checkpoint beside the key; a new server resumes from it, a forged mark is ignored', async () => {
    const w = await world(10);
    await call(w.app, 'GET', '/api/verify');
    const { file, mark } = await savedMark(w, 12);
    expect(mark).toMatchObject({ seq: 12, algorithm: 'Ed25519', hash: (await w.db.client.execute('SELECT hash FROM events WHERE seq = 12')).rows[0]?.hash });
    expect(await checkCheckpoint(w.db.client, mark as never, w.signingKey.publicKeyPem)).toEqual({ ok: true });
    const again = createApp({ db: w.db, ledger: w.ledger, signingKey: w.signingKey });
    expect((await call(again, 'GET', '/api/verify')).body).toMatchObject({ ok: true, events: 12, checkedFrom: 12 });
    // A mark moved forward by hand (to skip a tampered stretch) does not verify under the key.
    await w.more(3);
    const hash15 = (await w.db.client.execute('SELECT hash FROM events WHERE seq = 15')).rows[0]?.hash;
    writeFileSync(file, JSON.stringify({ ...mark, seq: 15, hash: hash15 }));
    const third = createApp({ db: w.db, ledger: w.ledger, signingKey: w.signingKey });
    expect((await call(third, 'GET', '/api/verify')).body).toMatchObject({ ok: true, events: 15, checkedFrom: 0 });
  });

  it('a ledger cut short below the mark is walked again from the start', async () => {
    const w = await world(10);
    await call(w.app, 'GET', '/api/verify');
    await w.db.client.execute('DROP TRIGGER events_no_delete');
    await w.db.client.execute('DELETE FROM events WHERE seq > 8');
    expect((await call(w.app, 'GET', '/api/verify')).body).toMatchObject({ ok: true, events: 8, checkedFrom: 0 });
  });

  it('the full walk is one background job whose finding later callers read: it catches an edit before the mark', async () => {
    const w = await world(10);
    const verifier = new Verifier(w.db.client);
    const app = createApp({ db: w.db, ledger: w.ledger, verifier });
    expect((await call(app, 'GET', '/api/verify')).body.ok).toBe(true);
    await w.db.client.execute('DROP TRIGGER events_no_update');
    await w.db.client.execute("UPDATE events SET payload = replace(payload, '0.3', '0.9') WHERE seq = 5");
    // The incremental check sees nothing new; the last full walk still says the chain was fine.
    expect((await call(app, 'GET', '/api/verify')).body).toMatchObject({ ok: true, checkedFrom: 12 });
    const a = verifier.startFullWalk();
    expect(verifier.startFullWalk()).toBe(a); // concurrent callers share one run
    expect(verifier.fullCheck().status).toBe('running');
    await a;
    const after = (await call(app, 'GET', '/api/verify')).body;
    expect(after).toMatchObject({ ok: false, firstBadSeq: 5, fullCheck: { status: 'done', ok: false, firstBadSeq: 5 } });
  });

  it('callers at the same moment share one incremental walk', async () => {
    const w = await world(3);
    const verifier = new Verifier(w.db.client);
    const a = verifier.check();
    expect(verifier.check()).toBe(a);
    await a;
    expect(verifier.check()).not.toBe(a);
  });

  it('starts the full walk by itself once the last is older than the interval', async () => {
    const w = await world(3);
    const verifier = new Verifier(w.db.client, { fullEveryMs: 0 });
    await verifier.check();
    expect(verifier.fullCheck().status).toBe('running');
  });
});

describe('no read opens a write transaction (item 11)', () => {
  it('verify?projections=true answers while another connection holds the write lock', async () => {
    const w = await world(20);
    const other = createClient({ url: `file:${w.db.path}` });
    const tx = await other.transaction('write');
    await tx.execute("UPDATE sources SET name = name WHERE id = 'nobody'");
    try {
      const r = await call(w.app, 'GET', '/api/verify?projections=true');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ ok: true, projections: { ok: true, mismatched: [] } });
    } finally {
      await tx.rollback();
      other.close();
    }
  });
});

describe('expensive reads share a small concurrency limit (item 11)', () => {
  it('past the limit, verify, overview and time-weighted or quantile calibration answer 503 problem+json with Retry-After; cheap reads do not wait', async () => {
    const w = await world(8000, { heavyReads: 1 });
    const busy = call(w.app, 'GET', '/api/verify');
    await new Promise((r) => setImmediate(r)); // the walk has begun and yields between slices
    for (const path of ['/api/verify', '/api/overview', '/api/calibration?rule=time-weighted', '/api/calibration?binning=quantile', '/api/verify?projections=true']) {
      const r = await call(w.app, 'GET', path);
      expect([path, r.status]).toEqual([path, 503]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.type).toBe('urn:reckon:problem:too-many-expensive-reads');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await call(w.app, 'GET', `/api/claims/${w.claimId}`)).status).toBe(200);
    expect((await busy).status).toBe(200);
    // The slot is free again.
    expect((await call(w.app, 'GET', '/api/calibration?rule=time-weighted')).status).toBe(200);
    expect((await call(w.app, 'GET', '/api/overview')).status).toBe(200);
  });
});
