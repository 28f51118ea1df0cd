/**
 * The read side's caches and query plans never show in an answer: the claim list and the claim
 * page follow every write at once and equal what is computed without a cache; a source on many
 * claims (walked in list order) and one on few (listed from its own index) page alike; search
 * by prefix expands words to the indexed terms and follows new words; track records follow
 * resolutions and reopenings; a rebuild of the projections drops what was cached from them.
 * The list is also checked against a plain reference (test/helpers/reference-list.ts) that
 * shares none of its SQL.
 */
import type { Client, InStatement } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { claimFromRow, claimSummaries, listClaimRows, type ClaimFilters } from '../../src/db/claim-list.js';
import { claimDetailJson, detailCacheOf, readClaimView } from '../../src/db/claim-read.js';
import { countedOnSharedClaims } from '../../src/db/scoring-queries.js';
import { relativeBrier } from '../../src/domain/scoring/index.js';
import type { Command } from '../../src/ledger/commands.js';
import { rebuildProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { referenceList, type ReferenceFilters } from '../helpers/reference-list.js';
import { post, prediction, source, word } from './fixtures.js';

const ctx = await freshApp();
const { app, ledger, db } = ctx;

/** The list page as computed without any cache: listClaimRows and claimSummaries, serialised. */
async function uncachedPage(f: Omit<ClaimFilters, 'limit'> & { limit?: number }): Promise<string> {
  const { rows, nextCursor } = await listClaimRows(db.client, { limit: 50, ...f });
  const claims = rows.map(claimFromRow);
  const { forecasts, tallies } = await claimSummaries(db.client, claims.map((c) => c.id));
  const items = claims.map((c) => ({ ...c, latestForecasts: forecasts.get(c.id) ?? [], stanceTally: tallies.get(c.id) ?? { asserts: 0, denies: 0 } }));
  return JSON.stringify({ items, nextCursor });
}

async function pageText(query: string): Promise<string> {
  const res = await app.request(`/api/claims?${query}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** Every id of a query, page by page. */
async function allIds(query: string, limit = 50): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const res = await call(app, 'GET', `/api/claims?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...res.body.items.map((c: { id: string }) => c.id));
    cursor = res.body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('paging did not end');
}

/**
 * Every page of the API's list for these filters equals the same slice of the plain reference
 * list (whole items: ids, order, claim fields, latest forecasts, stance tallies), and
 * nextCursor is there exactly while claims remain.
 */
async function expectAsReference(f: ReferenceFilters, limit: number): Promise<void> {
  const expected = (await referenceList(db.client))(f);
  const query = new URLSearchParams({ ...f, limit: String(limit) }).toString();
  let cursor: string | null = null;
  let at = 0;
  do {
    const res = await call(app, 'GET', `/api/claims?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items, `${query} from ${at}`).toEqual(expected.slice(at, at + limit));
    at += limit;
    cursor = res.body.nextCursor;
    expect(cursor !== null, `${query}: nextCursor after ${at} of ${expected.length}`).toBe(at < expected.length);
  } while (cursor);
}

describe('the claim list and the claim page', () => {
  it('follow each write of a claim, and equal their computation without a cache', async () => {
    const tag = uid('tag');
    const [s1, s2] = [await source(app), await source(app)];
    const id = await prediction(app, { tags: [tag] });
    const other = await prediction(app, { tags: [tag] });
    const check = async () => {
      expect(await pageText(`tag=${tag}`)).toBe(await uncachedPage({ tag }));
      expect(await pageText(`tag=${tag}&limit=1`)).toBe(await uncachedPage({ tag, limit: 1 }));
      const res = await app.request(`/api/claims/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe(JSON.stringify(await readClaimView(db.client, id)));
      await expectAsReference({ tag }, 1);
      await expectAsReference({ tag, sort: 'deadline' }, 50);
    };
    await check();
    const f1 = await post(app, `/api/claims/${id}/forecasts`, { sourceId: s1, probability: 0.3, madeAt: '2024-03-01T00:00:00Z' });
    await check();
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: s1, probability: 0.1, madeAt: '2024-01-01T00:00:00Z' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: s2, probability: 1 / 3, madeAt: '2024-02-01T00:00:00Z' });
    await check();
    await post(app, `/api/claims/${id}/stances`, { sourceId: s2, stance: 'denies', date: '2024' });
    await check();
    expect((await call(app, 'POST', `/api/events/${f1.seq}/retraction`, { reason: 'wrong claim' })).status).toBe(201);
    await check();
    const listed = JSON.parse(await pageText(`tag=${tag}`)).items.find((c: { id: string }) => c.id === id);
    expect(listed.latestForecasts.find((x: { sourceId: string }) => x.sourceId === s1)).toMatchObject({ probability: 0.1 });
    expect(listed.latestForecasts.find((x: { sourceId: string }) => x.sourceId === s2).probability).toBe(1 / 3);
    expect(listed.stanceTally).toEqual({ asserts: 0, denies: 1 });
    expect((await call(app, 'PATCH', `/api/claims/${id}`, { title: 'Renamed', reason: 'clearer' })).status).toBe(200);
    await check();
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-06-01' });
    await check();
    expect(await pageText(`tag=${tag}&status=confirmed`)).toBe(await uncachedPage({ tag, status: 'confirmed' }));
    await post(app, `/api/claims/${id}/reopen`, { reason: 'doubt' });
    await check();
    await post(app, `/api/claims/${other}/forecasts`, { sourceId: s2, probability: 0.7 });
    await check();
    expect((await app.request('/api/claims/no-such-claim')).status).toBe(404);
  });

  it('page alike whether a filter is walked in list order or listed from its own index', async () => {
    const p = uid('pl');
    const many = `${p}-many`;
    const few = `${p}-few`;
    const bursty = `${p}-bursty`;
    const speaker = `${p}-speaker`;
    const cmds: Command[] = [many, few, bursty, speaker].map((id) => ({ type: 'source.register', input: { id, name: id, type: 'forecaster' } }));
    const ids: string[] = [];
    for (let i = 0; i < 650; i++) {
      const id = `${p}-c${i}`;
      ids.push(id);
      // Deadlines all passed, each after the forecasts below (forecasting closes at the deadline).
      const deadline = i % 97 === 0 ? '2099-01-01' : i % 2 ? '2024-12-31' : `2025-0${1 + (i % 9)}-01`;
      cmds.push({ type: 'claim.create', input: { id, kind: i % 7 ? 'prediction' : 'allegation', title: `Plan ${i}`, statement: 's', resolutionCriteria: 'r', tags: [p], ...(i % 7 ? { deadline } : {}) } });
      cmds.push({ type: 'forecast.record', claimId: id, input: { sourceId: many, probability: 0.5, madeAt: '2024-01-01T00:00:00Z' } });
      if (i % 90 === 7) cmds.push({ type: 'forecast.record', claimId: id, input: { sourceId: few, probability: 0.2, madeAt: '2024-01-01T00:00:00Z' } });
      // Stances on most claims, twice on some: more stances than the sample, so probed too.
      if (i % 5) for (let k = 0; k < (i % 8 ? 1 : 2); k++) cmds.push({ type: 'stance.record', claimId: id, input: { sourceId: speaker, stance: k ? 'denies' : 'asserts', date: '2024' } });
      if (i === 3 || i === 400) for (let k = 0; k < 600; k++) cmds.push({ type: 'forecast.record', claimId: id, input: { sourceId: bursty, probability: 0.01 + (k % 98) / 100, madeAt: new Date(Date.UTC(2023, 0, 1) + k * 60_000).toISOString() } });
    }
    cmds.push({ type: 'stance.record', claimId: ids[200] as string, input: { sourceId: few, stance: 'asserts', date: '2024' } });
    await ledger.appendAll(cmds);
    const newest = [...ids].reverse();
    const reference = await referenceList(db.client);
    const expectFor = async (src: string, expected: string[]) => {
      for (const limit of [7, 50]) {
        // Recording order: the walk strategies; the world-date order (newest, oldest) as the reference list has it.
        expect(await allIds(`source=${src}&sort=recorded`, limit), `${src} ${limit}`).toEqual(expected);
        expect(await allIds(`source=${src}`, limit)).toEqual(reference({ source: src }).map((c) => c.id));
        expect(await allIds(`source=${src}&sort=oldest`, limit)).toEqual(reference({ source: src, sort: 'oldest' }).map((c) => c.id));
      }
      expect(await pageText(`source=${src}&kind=prediction&limit=20`)).toBe(await uncachedPage({ source: src, kind: 'prediction', limit: 20 }));
      expect(await pageText(`source=${src}&sort=deadline&limit=20`)).toBe(await uncachedPage({ source: src, sort: 'deadline', limit: 20 }));
    };
    await expectFor(many, newest);
    await expectFor(few, newest.filter((id) => Number(id.split('-c').pop()) % 90 === 7 || id === ids[200]));
    await expectFor(bursty, [ids[400] as string, ids[3] as string]);
    await expectFor(speaker, newest.filter((id) => Number(id.split('-c').pop()) % 5 !== 0));
    // Deadline passed (most) or upcoming (few), with and without the tag.
    const dueOf = (i: number) => (i % 7 ? (i % 97 === 0 ? '2099-01-01' : i % 2 ? '2024-12-31' : `2025-0${1 + (i % 9)}-01`) : null);
    const upcoming = newest.filter((id) => dueOf(Number(id.split('-c').pop())) === '2099-01-01');
    expect(upcoming.length).toBeGreaterThan(0);
    expect(await allIds(`source=${many}&due=upcoming`)).toEqual(upcoming);
    expect((await allIds(`tag=${p}&due=passed`, 100)).length).toBe(newest.filter((id) => dueOf(Number(id.split('-c').pop())) !== null).length - upcoming.length);
    for (const q of [`tag=${p}&due=passed&limit=20`, `due=upcoming&limit=20`, `due=passed&limit=20`, `tag=${p}&sort=deadline&limit=30`]) {
      const f = Object.fromEntries(new URLSearchParams(q)) as Record<string, string>;
      expect(await pageText(q), q).toBe(await uncachedPage({ ...f, limit: Number(f.limit) } as never));
    }
    // Some claims resolved (one reopened); forecasts and a stance retracted; a forecast tied
    // with another of its source on made_at (the later one stands). Then, against the reference:
    for (const i of [0, 11, 22, 33, 44, 55, 66, 77]) await post(app, `/api/claims/${ids[i]}/resolution`, { outcome: i % 22 ? 'refuted' : 'confirmed', knownOn: '2024-06-01', note: `n${i}` });
    await post(app, `/api/claims/${ids[22]}/reopen`, { reason: 'doubt' });
    const retracted = await post(app, `/api/claims/${ids[5]}/forecasts`, { sourceId: few, probability: 0.9, madeAt: '2024-02-01T00:00:00Z' });
    const stance = await post(app, `/api/claims/${ids[6]}/stances`, { sourceId: few, stance: 'denies', date: '2024' });
    const later = await post(app, `/api/claims/${ids[12]}/forecasts`, { sourceId: many, probability: 0.8, madeAt: '2024-03-01T00:00:00Z' });
    await post(app, `/api/claims/${ids[12]}/forecasts`, { sourceId: few, probability: 0.25, madeAt: '2024-01-01T00:00:00Z' });
    await post(app, `/api/claims/${ids[13]}/forecasts`, { sourceId: many, probability: 0.75, madeAt: '2024-01-01T00:00:00Z' });
    for (const e of [retracted, stance, later]) expect((await call(app, 'POST', `/api/events/${e.seq}/retraction`, { reason: 'mistake' })).status).toBe(201);
    const cases: Array<[ReferenceFilters, number]> = [
      [{ tag: p }, 97],
      [{ tag: p, sort: 'deadline' }, 60],
      [{ tag: p, kind: 'allegation', sort: 'oldest' }, 13],
      [{ tag: p, status: 'refuted', sort: 'deadline' }, 2],
      [{ tag: p, status: 'confirmed' }, 10],
      [{ tag: p, due: 'passed', sort: 'deadline' }, 80],
      [{ source: few, sort: 'deadline' }, 3],
      [{ source: few, sort: 'oldest' }, 50],
      [{ source: speaker, status: 'open', sort: 'oldest' }, 100],
      [{ source: bursty }, 1],
      [{ source: many, kind: 'prediction', due: 'upcoming', sort: 'deadline' }, 4],
      [{ due: 'upcoming', kind: 'prediction' }, 20],
      [{ kind: 'allegation', sort: 'deadline' }, 200],
    ];
    for (const [f, limit] of cases) await expectAsReference(f, limit);
    // The reference sees what these writes changed (so it is not vacuous).
    const ref = (await referenceList(db.client))({ tag: p });
    const item = (id: string) => ref.find((x) => x.id === id);
    expect(item(ids[22] as string)?.resolution).toBeNull();
    expect(item(ids[11] as string)?.resolution).toMatchObject({ outcome: 'refuted', note: 'n11' });
    expect(item(ids[5] as string)?.latestForecasts.map((x) => x.sourceId)).toEqual([many]);
    expect(item(ids[12] as string)?.latestForecasts).toEqual([
      { sourceId: few, probability: 0.25, madeAt: '2024-01-01T00:00:00.000Z' },
      { sourceId: many, probability: 0.5, madeAt: '2024-01-01T00:00:00.000Z' },
    ]);
    expect(item(ids[13] as string)?.latestForecasts).toEqual([{ sourceId: many, probability: 0.75, madeAt: '2024-01-01T00:00:00.000Z' }]);
    expect((await referenceList(db.client))({ source: few }).map((x) => x.id)).toContain(ids[5]);
  });

  it('keep the claim page cache exact when folds of one claim overlap: its byte count, and never an older version', async () => {
    const s = await source(app);
    const id = await prediction(app);
    // A client whose reads, while `hold` is set, read at once but answer only when released.
    const held: Array<() => void> = [];
    let hold = false;
    const slow = {
      execute: async (stmt: InStatement) => {
        const rs = await db.client.execute(stmt);
        if (hold) await new Promise<void>((release) => held.push(release));
        return rs;
      },
    } as unknown as Client;
    const target = { client: slow, url: db.url, local: false };
    const heldReads = async (n: number) => {
      while (held.length < n) await new Promise((r) => setTimeout(r, 1));
    };
    const version = async () => Number((await db.client.execute({ sql: 'SELECT max(seq) AS v FROM events WHERE claim_id = ?', args: [id] })).rows[0]?.v);
    const forecast = (p: number) => post(app, `/api/claims/${id}/forecasts`, { sourceId: s, probability: p, madeAt: '2024-01-01T00:00:00Z' });
    await claimDetailJson(target, id);
    await forecast(0.1);
    hold = true;
    const first = claimDetailJson(target, id);
    await heldReads(1);
    (held.shift() as () => void)(); // its version: its fold starts, and reads the claim's events
    await heldReads(1);
    await forecast(0.2);
    const second = claimDetailJson(target, id);
    await heldReads(2);
    (held.pop() as () => void)(); // its version: a later one, so a fold of its own
    await heldReads(2);
    hold = false;
    // The later fold stores first, then the earlier one finishes.
    (held.pop() as () => void)();
    const later = await second;
    (held.shift() as () => void)();
    const earlier = await first;
    expect(JSON.parse(Buffer.from(earlier as Uint8Array).toString()).forecasts).toHaveLength(1);
    expect(Buffer.from(later as Uint8Array).toString()).toBe(JSON.stringify(await readClaimView(db.client, id)));
    const cache = detailCacheOf(slow);
    expect(cache?.entries.get(id)?.version).toBe(await version());
    expect(cache?.bytes).toBe([...(cache?.entries.values() ?? [])].reduce((n, e) => n + e.body.byteLength, 0));
    expect(await claimDetailJson(target, id)).toBe(later);
  });
});

describe('full-text search', () => {
  it('expands a prefix to the indexed terms, and follows new and edited words', async () => {
    const w = word();
    const a = (await post(app, '/api/claims', { kind: 'allegation', title: `First ${w}`, statement: 's', resolutionCriteria: 'r' })).id;
    expect(await allIds(`q=${w.slice(0, 7)}`)).toEqual([a]);
    // A new claim with a longer word of the same prefix: a term the cached expansion did not have.
    const b = (await post(app, '/api/claims', { kind: 'allegation', title: `Second ${w}ing`, statement: 's', resolutionCriteria: 'r' })).id;
    expect(await allIds(`q=${w.slice(0, 7)}`)).toEqual([b, a]);
    expect(await allIds(`q=${w}`)).toEqual([b, a]);
    expect(await allIds(`q=${w}i`)).toEqual([b]);
    // An edit bringing a new word.
    const v = word();
    expect(await allIds(`q=${v}`)).toEqual([]);
    expect((await call(app, 'PATCH', `/api/claims/${a}`, { details: `Now about ${v}s`, reason: 'more' })).status).toBe(200);
    expect(await allIds(`q=${v}`)).toEqual([a]);
    expect(await allIds(`q=${v.toUpperCase()}%20${w}`)).toEqual([a]);
    expect(await allIds(`q=${v}%20${w}i`)).toEqual([]);
    for (const sort of ['oldest', 'deadline']) expect(await pageText(`q=${w}&sort=${sort}`)).toBe(await uncachedPage({ q: w, sort: sort as 'oldest' }));
  });

  it('keeps a prefix of many terms, and a word beyond ASCII, as prefix queries', async () => {
    const w = word();
    const cmds: Command[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = uid('many');
      ids.push(id);
      // 40 distinct terms with one prefix: more than an expansion takes.
      cmds.push({ type: 'claim.create', input: { id, kind: 'allegation', title: `Term ${w}${String.fromCharCode(97 + (i % 26))}${i}`, statement: 's', resolutionCriteria: 'r', tags: [] } });
    }
    const umlaut = uid('umlaut');
    cmds.push({ type: 'claim.create', input: { id: umlaut, kind: 'allegation', title: `Überraschung ${w}`, statement: 'Ärger', resolutionCriteria: 'r', tags: [] } });
    await ledger.appendAll(cmds);
    expect(await allIds(`q=${w}`)).toEqual([umlaut, ...[...ids].reverse()]);
    expect(await allIds(`q=${w}a`)).toEqual([...ids].reverse().filter((id) => ids.indexOf(id) % 26 === 0));
    for (const q of ['%C3%BCberr', 'uberr', '%C3%84rg', 'arg%20%C3%BCber']) expect(await allIds(`q=${q}%20${w}`), q).toEqual([umlaut]);
  });
});

describe('track records', () => {
  it('follow resolutions and reopenings, with relative Brier exactly as computed from every counted forecast', async () => {
    const [a, b, c] = [await source(app), await source(app), await source(app)];
    const claims = [await prediction(app), await prediction(app), await prediction(app)];
    for (const [i, id] of claims.entries()) {
      await post(app, `/api/claims/${id}/forecasts`, { sourceId: a, probability: 0.2 + i / 10, madeAt: '2024-01-01T00:00:00Z' });
      await post(app, `/api/claims/${id}/forecasts`, { sourceId: b, probability: 0.7 - i / 10, madeAt: '2024-01-02T00:00:00Z' });
      if (i > 0) await post(app, `/api/claims/${id}/forecasts`, { sourceId: c, probability: 0.55, madeAt: '2024-01-03T00:00:00Z' });
    }
    const record = async (id: string, rule = 'last') => (await call(app, 'GET', `/api/sources/${id}/track-record?rule=${rule}`)).body.forecasts;
    const expectExact = async (id: string) => {
      for (const rule of ['last', 'time-weighted'] as const) {
        const counted = await countedOnSharedClaims(db.client, id, rule);
        const expected = relativeBrier(counted, id);
        const got = await record(id, rule);
        expect(got.count).toBe(counted.filter((x) => x.sourceId === id).length);
        expect(got.relativeBrier).toBe(expected.relativeBrier);
        expect(got.sharedClaims).toBe(expected.sharedClaims);
      }
    };
    expect(await record(a)).toEqual({ count: 0, brier: null, logScore: null, relativeBrier: null, sharedClaims: 0 });
    await post(app, `/api/claims/${claims[0]}/resolution`, { outcome: 'confirmed', knownOn: '2024-06-01' });
    expect((await record(a)).count).toBe(1);
    expect((await record(a)).brier).toBeCloseTo(0.64, 12);
    await expectExact(a);
    await post(app, `/api/claims/${claims[1]}/resolution`, { outcome: 'refuted', knownOn: '2024-06-01' });
    await post(app, `/api/claims/${claims[2]}/resolution`, { outcome: 'confirmed', knownOn: '2024-06-01' });
    expect((await record(a)).count).toBe(3);
    expect((await record(c)).sharedClaims).toBe(2);
    for (const s of [a, b, c]) await expectExact(s);
    await post(app, `/api/claims/${claims[1]}/reopen`, { reason: 'disputed' });
    expect((await record(a)).count).toBe(2);
    expect((await record(c)).sharedClaims).toBe(1);
    for (const s of [a, b, c]) await expectExact(s);
  });
});

describe('a rebuild of the projections', () => {
  it('drops what was cached from them', async () => {
    const s = await source(app);
    const id = await prediction(app, { title: 'Kept title' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: s, probability: 0.4, madeAt: '2024-01-01T00:00:00Z' });
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'refuted', knownOn: '2024-06-01' });
    // Projections altered behind the ledger's back, then read (and cached) as they are.
    await db.client.execute({ sql: "UPDATE claims SET title = 'Forged' WHERE id = ?", args: [id] });
    await db.client.execute({ sql: 'UPDATE counted_forecasts SET brier_last = 0.5 WHERE source_id = ?', args: [s] });
    const listed = async () => (await call(app, 'GET', `/api/claims?source=${s}`)).body.items[0].title;
    const brier = async () => (await call(app, 'GET', `/api/sources/${s}/track-record`)).body.forecasts.brier;
    expect(await listed()).toBe('Forged');
    expect(await brier()).toBe(0.5);
    await rebuildProjections(db.client);
    expect(await listed()).toBe('Kept title');
    expect(await brier()).toBeCloseTo(0.16, 12);
  });
});
