/**
 * Issue 13, item 3: one rule engine for the API, the CLI and every importer. What the API
 * refuses (`javascript:` / `data:` URLs, unknown estimative phrases, text over its length
 * limits, U+0000) no import can record either: the ledger checks every command's input as it
 * decides it. A value an older release stored anyway is read and scored, never a 5xx.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash, GENESIS_HASH } from '../../src/domain/canonical.js';
import type { LedgerEvent } from '../../src/domain/types.js';
import { projectEvent } from '../../src/db/projection.js';
import { writeStatements } from '../../src/db/write-ops.js';
import { BundleError } from '../../src/import/load-bundle.js';
import { ImportFailure, runImport } from '../../src/import/run-import.js';
import { readHead } from '../../src/ledger/view.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { call, freshApp, uid } from '../helpers/db.js';

const long = (n: number) => 'x'.repeat(n);

/** Events chained from the genesis hash, as `reckon export` writes them. */
function chain(bodies: ReadonlyArray<{ type: string; claimId: string | null; payload: unknown }>): LedgerEvent[] {
  let prev = GENESIS_HASH;
  return bodies.map((b, i) => {
    const body = { ...b, seq: i + 1, recordedAt: `2025-01-0${i + 1}T00:00:00.000Z`, recordedBy: 'local' } as LedgerEvent;
    const hash = chainHash(prev, canonicalEvent(body));
    const event = { ...body, prevHash: prev, hash } as LedgerEvent;
    prev = hash;
    return event;
  });
}

const source = { type: 'source.registered', claimId: null, payload: { id: 'dprk', name: 'DPRK', type: 'government' } } as const;
const claim = (id: string) =>
  ({ type: 'claim.created', claimId: id, payload: { id, kind: 'allegation', title: 'Shells shipped', statement: 'Shells were shipped.', resolutionCriteria: 'Confirmed by imagery.', tags: [] } }) as const;
const bogusStance = (claimId: string) =>
  ({ type: 'stance.recorded', claimId, payload: { id: 'st-3', claimId, sourceId: 'dprk', stance: 'denies', date: '2023-01-01', estimative: 'bogus' } }) as const;

const FATEBOOK_HEADER =
  'Question title,Multiple choice option,Forecast created by,Forecast (scale = 0-1),Forecast created at,Question created by,Question created at,Question resolve by,Resolution,Resolved at,Your Brier score for this question,Your relative Brier score for this question,Question notes,Question shared with,Question shared publicly,Question comments,Question tags';
const metaculus = (title: string) =>
  JSON.stringify({
    id: 1,
    title,
    question: { id: 2, title, type: 'binary', resolution_criteria: 'Yes if it happens.', open_time: '2024-01-01T00:00:00Z', scheduled_close_time: '2024-06-01T00:00:00Z', scheduled_resolve_time: '2024-06-01T00:00:00Z' },
  });
const claimReview = (url: string) =>
  JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    datePublished: '2024-09-03',
    url,
    claimReviewed: 'The tunnel was sold.',
    itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Jordan' }, datePublished: '2024-08-28' },
    author: { '@type': 'Organization', name: 'Fact Desk' },
    reviewRating: { '@type': 'Rating', alternateName: 'False' },
  });
const bundle = (change: (c: Record<string, unknown>) => void) => {
  const c: Record<string, unknown> = { kind: 'allegation', title: 'Shells shipped', statement: 'Shells were shipped.', resolutionCriteria: 'Confirmed by imagery.' };
  change(c);
  return JSON.stringify({ format: 'reckon-bundle', version: 1, sources: [{ id: 'dprk', name: 'DPRK', type: 'government' }], claims: [c] });
};

/** One input per importer, each holding something the API refuses. */
const REFUSED: Array<{ format: 'bundle' | 'reckon-jsonl' | 'claimreview' | 'fatebook' | 'metaculus' | 'csv'; what: string; field: RegExp; file: string; text: string }> = [
  { format: 'bundle', what: 'an unknown estimative phrase', field: /estimative/, file: 'b1.json', text: bundle((c) => (c.stances = [{ sourceId: 'dprk', stance: 'denies', date: '2023-01-01', estimative: 'bogus' }])) },
  { format: 'bundle', what: 'a javascript: URL', field: /url/, file: 'b2.json', text: bundle((c) => (c.evidence = [{ date: '2023-01-01', summary: 'Images', bearing: 'supports', url: 'javascript:alert(1)' }])) },
  { format: 'bundle', what: 'a data: URL', field: /url/, file: 'b3.json', text: bundle((c) => (c.stances = [{ sourceId: 'dprk', stance: 'denies', date: '2023-01-01', url: 'data:text/html,<script>alert(1)</script>' }])) },
  { format: 'bundle', what: 'U+0000 in text', field: /statement/, file: 'b4.json', text: bundle((c) => (c.statement = 'Shells\u0000 were shipped.')) },
  { format: 'reckon-jsonl', what: 'an unknown estimative phrase', field: /estimative/, file: 'e.jsonl', text: chain([source, claim('c1'), bogusStance('c1')]).map((e) => JSON.stringify(e)).join('\n') },
  { format: 'claimreview', what: 'a javascript: URL', field: /url/, file: 'cr.json', text: claimReview('javascript:alert(document.cookie)') },
  { format: 'fatebook', what: 'a title over 300 characters', field: /title/, file: 'fb.csv', text: `${FATEBOOK_HEADER}\n"Will ${long(320)} happen?",,"Ann",0.6,2025-01-15 03:50:45,"Ann",2025-01-15 03:49:5,2030-01-16 00:00:0,,,,,,,false,,\n` },
  { format: 'metaculus', what: 'U+0000 in the title', field: /title/, file: 'm.json', text: metaculus('Will it\u0000 happen?') },
  { format: 'csv', what: 'a title over 300 characters', field: /title/, file: 'c.csv', text: `question,kind,criteria,deadline,source,probability,made at,title\nWill it happen?,prediction,Yes if it does.,2030-01-01,Ann,0.6,2025-01-01,${long(301)}\n` },
];

describe('every importer refuses what the API refuses, and records nothing', () => {
  for (const r of REFUSED) {
    it(`${r.format}: ${r.what}`, async () => {
      const { db, ledger } = await freshApp();
      const path = join(db.dir, r.file);
      writeFileSync(path, r.text);
      const err = await runImport(ledger, path, { format: r.format }).catch((e: unknown) => e);
      // A bundle that does not validate is refused before the ledger sees it (BundleError); the rest by the ledger.
      expect(err instanceof ImportFailure || err instanceof BundleError).toBe(true);
      expect((err as Error).message).toMatch(r.field);
      expect((await readHead(db.client)).seq).toBe(0);
    });
  }

  it('the API refuses the same inputs (400 naming the field)', async () => {
    const { app } = await freshApp();
    await call(app, 'POST', '/api/sources', { id: 'dprk', name: 'DPRK', type: 'government' });
    const c = await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'Shells shipped', statement: 'Shells were shipped.', resolutionCriteria: 'Confirmed by imagery.' });
    const stances = `/api/claims/${c.body.id}/stances`;
    const cases: Array<[unknown, string]> = [
      [{ sourceId: 'dprk', stance: 'denies', date: '2023-01-01', estimative: 'bogus' }, '/estimative'],
      [{ sourceId: 'dprk', stance: 'denies', date: '2023-01-01', url: 'javascript:alert(1)' }, '/url'],
      [{ sourceId: 'dprk', stance: 'denies', date: '2023-01-01', quote: 'a\u0000b' }, '/quote'],
    ];
    for (const [body, pointer] of cases) {
      const r = await call(app, 'POST', stances, body);
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    const nul = await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'T\u0000', statement: 'S', resolutionCriteria: 'R' });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ pointer: '/title', message: 'title must not hold the NUL character (U+0000).' }]);
  });

  it('the ledger itself refuses such input, whoever calls it (422 naming the field)', async () => {
    const { ledger } = await freshApp();
    await ledger.append({ type: 'source.register', input: { id: 'dprk', name: 'DPRK', type: 'government' } });
    const err = await ledger.append({ type: 'source.register', input: { id: 'kcna', name: 'KCNA', type: 'media', url: 'javascript:alert(1)' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, pointer: '/url' });
  });
});

describe('a value stored under older rules is read, shown and scored, never a 5xx', () => {
  it('a stance with an unknown estimative phrase: the track record counts it right, with no stated confidence', async () => {
    const { db, app } = await freshApp();
    const id = uid('c');
    // As an older release's import recorded it: the events written straight to the ledger and projections.
    const events = chain([source, claim(id), bogusStance(id)]);
    const tx = await db.client.transaction('write');
    await tx.batch(writeStatements(events, events.map(projectEvent), true));
    await tx.commit();
    tx.close();
    expect(await verifyChain(db.client)).toMatchObject({ ok: true, events: 3 });

    const resolved = await call(app, 'POST', `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-01-01' });
    expect(resolved.status).toBe(201);
    const record = await call(app, 'GET', '/api/sources/dprk/track-record');
    expect(record.status).toBe(200);
    expect(record.body.stances).toEqual({ right: 1, wrong: 0, pending: 0, notScored: 0 });
    expect(record.body.statedConfidence).toEqual({ count: 0, brier: null });
    const shown = await call(app, 'GET', `/api/claims/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.stances[0].estimative).toBe('bogus');
    const overview = await call(app, 'GET', '/api/overview');
    expect(overview.status).toBe(200);
  });
});

describe('the CLI validates with the shared module, never through src/http', () => {
  it('no file under src/cli imports from src/http', () => {
    const dir = join(import.meta.dirname, '../../src/cli');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => /from '(\.\.\/)+http\//.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
