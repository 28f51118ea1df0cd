/**
 * The claim list's newest/oldest order (by the world date) through each of its indexes: a
 * tag's and a source's claims (claim_tags.world_date, source_claims, kept by triggers), kind
 * and status, a due filter on few claims (listed and sorted), and full-text search on many
 * claims (a walk tested against the search's matches, which gives up for a sparse search and
 * lists instead) — every page equal to the plain reference list, also after writes that move
 * world dates and change the indexed text. And an upgrade fills the new copies from the rows
 * already there, as a rebuild would.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase } from '../../src/db/client.js';
import { refreshAnalytics } from '../../src/db/analytics.js';
import { eventFromRow } from '../../src/db/queries.js';
import { projectEvent } from '../../src/db/projection.js';
import { writeStatements } from '../../src/db/write-ops.js';
import type { Command } from '../../src/ledger/commands.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { referenceList, type ReferenceFilters } from '../helpers/reference-list.js';
import { post } from './fixtures.js';

const { app, ledger, db } = await freshApp();
const dir = mkdtempSync(join(tmpdir(), 'reckon-world-order-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Filters = ReferenceFilters & { q?: string };

/** Whether every word of `q` begins a word of the title (the list's prefix search). */
const matches = (title: string, q: string) => {
  const words = title.toLowerCase().split(/[^a-z0-9]+/);
  return q.toLowerCase().split(' ').every((w) => words.some((t) => t.startsWith(w)));
};

/** Every page of the API's list equals the same slice of the reference (searched in JavaScript), with nextCursor exactly while claims remain. */
async function expectAsReference(f: Filters, limit: number): Promise<void> {
  const { q, ...rest } = f;
  const expected = (await referenceList(db.client))(rest).filter((c) => q === undefined || matches(c.title, q));
  const query = new URLSearchParams({ ...f, limit: String(limit) } as Record<string, string>).toString();
  let cursor: string | null = null;
  let at = 0;
  do {
    const res = await call(app, 'GET', `/api/claims?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id), `${query} from ${at}`).toEqual(expected.slice(at, at + limit).map((c) => c.id));
    expect(res.body.items, `${query} from ${at}`).toEqual(expected.slice(at, at + limit));
    at += limit;
    cursor = res.body.nextCursor;
    expect(cursor !== null, `${query}: nextCursor after ${at} of ${expected.length}`).toBe(at < expected.length);
  } while (cursor);
}

const day = (i: number) => new Date(Date.UTC(2019, 0, 1) + ((i * 7919) % 2000) * 86_400_000).toISOString().slice(0, 10);

/**
 * 2,100 claims under one tag, in world dates unlike their recording order: predictions opened
 * on scattered days (a ninth of them due in 2099), allegations dated by their stances. "orchard"
 * in the first half and "lantern" in the second (each in over 1,000 claims, so searched by the
 * walk), both in three.
 */
function corpus(p: string, speaker: string, forecaster: string): Command[] {
  const cmds: Command[] = [speaker, forecaster].map((id) => ({ type: 'source.register', input: { id, name: id, type: 'media' } }));
  for (let i = 0; i < 2100; i++) {
    const id = `${p}-c${i}`;
    const words = [i < 1050 || i % 700 === 3 ? 'orchard' : '', i >= 1050 || i % 500 === 7 ? 'lantern' : ''].join(' ');
    const allegation = i % 5 === 0;
    const tags = i % 3 === 0 ? [p, `${p}-x`] : [p];
    cmds.push({ type: 'claim.create', input: { id, kind: allegation ? 'allegation' : 'prediction', title: `Claim ${i} ${words}`, statement: 's', resolutionCriteria: 'r', tags, ...(allegation ? {} : { openedAt: day(i), deadline: i % 9 === 0 ? '2099-01-01' : '2024-12-31' }) } });
    if (allegation && i % 10 === 0) cmds.push({ type: 'stance.record', claimId: id, input: { sourceId: speaker, stance: 'asserts', date: day(i * 3) } });
    if (!allegation && i % 4 === 1) cmds.push({ type: 'forecast.record', claimId: id, input: { sourceId: forecaster, probability: 0.4, madeAt: '2019-01-01T00:00:00Z' } });
  }
  return cmds;
}

describe('the list in world-date order', () => {
  const p = uid('wo');
  const [speaker, forecaster] = [`${p}-speaker`, `${p}-forecaster`];

  it('walks tags, sources, kinds and statuses by their own indexes, and follows world dates as they move', async () => {
    await ledger.appendAll(corpus(p, speaker, forecaster));
    const cases: Array<[Filters, number]> = [
      [{ tag: `${p}-x` }, 50],
      [{ tag: `${p}-x`, sort: 'oldest', kind: 'allegation' }, 30],
      [{ source: speaker }, 9],
      [{ source: forecaster, sort: 'oldest', tag: `${p}-x` }, 40],
      [{ tag: p, kind: 'prediction', due: 'upcoming' }, 25],
      [{ tag: p, due: 'passed', sort: 'oldest' }, 100],
      [{ source: forecaster, due: 'upcoming' }, 10],
      [{ tag: p, status: 'refuted' }, 5],
    ];
    for (const [f, limit] of cases) await expectAsReference(f, limit);
    // Moves: an allegation asserted earlier (by a source new to it), one first asserted now, an
    // assertion retracted (its world date falls back to its recording), a claim refuted.
    const ids = (i: number) => `${p}-c${i}`;
    await post(app, `/api/claims/${ids(10)}/stances`, { sourceId: forecaster, stance: 'asserts', date: '2018-03-04' });
    await post(app, `/api/claims/${ids(15)}/stances`, { sourceId: speaker, stance: 'asserts', date: '2026-01' });
    const stance = await call(app, 'GET', `/api/claims/${ids(20)}`);
    const seq = stance.body.stances.find((s: { stance: string }) => s.stance === 'asserts').seq;
    expect((await call(app, 'POST', `/api/events/${seq}/retraction`, { reason: 'misattributed' })).status).toBe(201);
    await post(app, `/api/claims/${ids(21)}/resolution`, { outcome: 'refuted', knownOn: '2024-01-01' });
    for (const [f, limit] of cases) await expectAsReference(f, limit);
    const first = await call(app, 'GET', `/api/claims?source=${forecaster}&sort=oldest&limit=1`);
    expect(first.body.items[0].id).toBe(ids(10));
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('searches many claims in that order, a sparse search too, and follows new and edited text', async () => {
    const cases: Array<[Filters, number]> = [
      [{ tag: p, q: 'orchard' }, 50],
      [{ tag: p, q: 'orch', sort: 'oldest' }, 200],
      [{ tag: `${p}-x`, q: 'lantern', kind: 'allegation' }, 20],
      [{ source: forecaster, q: 'lantern' }, 30],
      [{ tag: p, q: 'orchard', due: 'upcoming' }, 10],
      // Three claims: with two a page, the walk gives up and the matches are listed.
      [{ tag: p, q: 'orchard lantern' }, 2],
      [{ tag: p, q: 'orchard lantern', sort: 'oldest' }, 50],
    ];
    for (const [f, limit] of cases) await expectAsReference(f, limit);
    const created = await post(app, '/api/claims', { kind: 'prediction', title: 'A new orchard', statement: 's', resolutionCriteria: 'r', tags: [p], deadline: '2030-01-01' });
    const edited = `${p}-c42`;
    expect((await call(app, 'PATCH', `/api/claims/${edited}`, { title: 'Claim 42 lantern', reason: 'retitled' })).status).toBe(200);
    const page = await call(app, 'GET', `/api/claims?tag=${p}&q=orchard&limit=5`);
    expect(page.body.items[0].id).toBe(created.id);
    for (const [f, limit] of cases) await expectAsReference(f, limit);
  });
});

describe('an upgrade to the world-date copies', () => {
  it('fills claim_tags.world_date and source_claims from the rows already there, as a rebuild does', async () => {
    const url = `file:${join(dir, 'old.db')}`;
    const folder = join(dir, 'migrations-13');
    cpSync(MIGRATIONS_DIR, folder, { recursive: true });
    const journalPath = join(folder, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number }> };
    journal.entries = journal.entries.filter((e) => e.idx <= 13);
    writeFileSync(journalPath, JSON.stringify(journal));
    const old = createClient({ url });
    await migrate(drizzle(old), { migrationsFolder: folder });
    // The events and projected rows as that release wrote them (made on a scratch database).
    const scratch = await openDatabase({ url: `file:${join(dir, 'scratch.db')}` });
    const q = uid('up');
    await new Ledger(scratch).appendAll(corpus(q, `${q}-s`, `${q}-f`).slice(0, 200));
    const events = (await scratch.client.execute('SELECT * FROM events ORDER BY seq')).rows.map((r) => eventFromRow(r as never));
    scratch.close();
    const tx = await old.transaction('write');
    await tx.batch(writeStatements(events, events.map(projectEvent)));
    await refreshAnalytics(tx, (await tx.execute('SELECT id FROM claims')).rows.map((r) => String(r[0])));
    await tx.commit();
    old.close();
    const upgraded = await openDatabase({ url });
    try {
      const [tags, pairs] = [await upgraded.client.execute('SELECT count(*) AS n, count(world_date) AS dated FROM claim_tags'), await upgraded.client.execute('SELECT count(*) AS n, count(world_date) AS dated FROM source_claims')];
      expect(Number(tags.rows[0]?.n)).toBeGreaterThan(0);
      expect(Number(tags.rows[0]?.dated)).toBe(Number(tags.rows[0]?.n));
      expect(Number(pairs.rows[0]?.n)).toBeGreaterThan(0);
      expect(Number(pairs.rows[0]?.dated)).toBe(Number(pairs.rows[0]?.n));
      expect(await checkProjections(upgraded.client)).toEqual([]);
    } finally {
      upgraded.close();
    }
  });
});
