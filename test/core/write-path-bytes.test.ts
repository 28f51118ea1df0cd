/**
 * What the write path answers and stores, byte for byte (it is tuned for CPU, bench:write):
 * a forecast's 201 body keeps its member order, its event row holds the RFC 8785 text of its
 * payload, and its hash is SHA-256 over the previous hash and the canonical event, as anyone
 * recomputes it with the `canonicalize` library; the claim page shows the same items.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { freshApp, uid } from '../helpers/db.js';

const ctx = await freshApp({ clock: () => Date.parse('2026-12-07T21:00:00.000Z') });

async function post(path: string, body: unknown) {
  const res = await ctx.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

describe('a forecast through the API', () => {
  it('answers its members in the documented order and stores the canonical payload and hash', async () => {
    const src = uid('src');
    const claim = uid('cl');
    expect((await post('/api/sources', { id: src, name: 'Bytes', type: 'forecaster' })).status).toBe(201);
    expect((await post('/api/claims', { id: claim, kind: 'prediction', title: 'Bytes?', statement: 'S', resolutionCriteria: 'R', tags: ['b'], deadline: '2035-01-01' })).status).toBe(201);
    const plain = await post(`/api/claims/${claim}/forecasts`, { sourceId: src, probability: 0.25 });
    const noted = await post(`/api/claims/${claim}/forecasts`, { sourceId: src, probability: 0.7, madeAt: '2026-12-01T10:00:00+01:00', note: 'Ελληνικά "quoted"' });
    expect(plain.status).toBe(201);
    expect(noted.status).toBe(201);
    const seq = (text: string) => (JSON.parse(text) as { seq: number }).seq;
    const s1 = seq(plain.text);
    const s2 = seq(noted.text);
    expect(plain.text).toBe(`{"id":"fc-${s1}","claimId":"${claim}","sourceId":"${src}","probability":0.25,"madeAt":"2026-12-07T21:00:00.000Z","backfilled":false,"seq":${s1},"recordedAt":"2026-12-07T21:00:00.000Z","retracted":false}`);
    expect(noted.text).toBe(
      `{"id":"fc-${s2}","claimId":"${claim}","sourceId":"${src}","probability":0.7,"madeAt":"2026-12-01T09:00:00.000Z","note":"Ελληνικά \\"quoted\\"","backfilled":true,"seq":${s2},"recordedAt":"2026-12-07T21:00:00.000Z","retracted":false}`,
    );
    expect(plain.location).toBe(`/api/events/${s1}`);

    const rows = await ctx.db.client.execute({ sql: 'SELECT seq, type, claim_id, recorded_at, recorded_by, payload, prev_hash, hash FROM events WHERE seq IN (?, ?) ORDER BY seq', args: [s1, s2] });
    for (const r of rows.rows) {
      const payload = JSON.parse(String(r.payload)) as unknown;
      expect(String(r.payload)).toBe(canonicalize(payload));
      const body = { seq: Number(r.seq), type: String(r.type), claimId: String(r.claim_id), recordedAt: String(r.recorded_at), recordedBy: r.recorded_by === null ? null : String(r.recorded_by), payload };
      expect(String(r.hash)).toBe(createHash('sha256').update(String(r.prev_hash)).update(canonicalize(body) as string).digest('hex'));
    }
    expect(rows.rows[1]?.prev_hash).toBe(rows.rows[0]?.hash);

    // The claim page shows the same items (its members in the stored payload's order, plus their counted marks).
    const page = (await (await ctx.app.request(`/api/claims/${claim}`)).json()) as { forecasts: Array<Record<string, unknown>> };
    const answered = [JSON.parse(plain.text) as Record<string, unknown>, JSON.parse(noted.text) as Record<string, unknown>];
    expect(page.forecasts).toHaveLength(2);
    for (const [i, f] of page.forecasts.entries()) expect(f).toMatchObject(answered[i]!);
  });
});
