/** GET /api/claims: filters, full-text search, sorts and keyset paging. */
import { describe, expect, it } from 'vitest';
import { call, freshApp, uid } from '../helpers/db.js';
import { claim, expectProblem, post, prediction, source, word, type App } from './fixtures.js';

const ctx = await freshApp();
const app: App = ctx.app;

/** Every page of a query, following nextCursor; fails on a repeated id. */
async function allPages(query: string, limit: number): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const res = await call(app, 'GET', `/api/claims?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('paging did not end');
}

const ids = async (query: string) => (await allPages(query, 200)).map((c) => c.id);

describe('filters', () => {
  it('by kind, status, tag and source', async () => {
    const tag = uid('tag');
    const src = await source(app);
    const a = await claim(app, { tags: [tag] });
    const p = await prediction(app, { tags: [tag, 'other'] });
    const r = await claim(app, { tags: [tag] });
    await post(app, `/api/claims/${r}/resolution`, { outcome: 'refuted', knownOn: '2024-01-01' });
    await post(app, `/api/claims/${p}/forecasts`, { sourceId: src, probability: 0.4 });
    await post(app, `/api/claims/${a}/stances`, { sourceId: src, stance: 'asserts', date: '2024' });
    const untagged = await claim(app);

    expect(await ids(`tag=${tag}`)).toEqual([r, p, a]);
    expect(await ids(`tag=${tag}&kind=prediction`)).toEqual([p]);
    expect(await ids(`tag=${tag}&kind=allegation`)).toEqual([r, a]);
    expect(await ids(`tag=${tag}&status=refuted`)).toEqual([r]);
    expect(await ids(`tag=${tag}&status=open`)).toEqual([p, a]);
    expect(await ids(`tag=${tag}&status=confirmed`)).toEqual([]);
    expect(await ids(`source=${src}`)).toEqual([p, a]);
    expect(await ids(`source=${src}&kind=allegation`)).toEqual([a]);
    expect(await ids('kind=allegation')).toContain(untagged);
    expect(await ids(`tag=${uid('nothing')}`)).toEqual([]);
    // A reopened claim is open again.
    await post(app, `/api/claims/${r}/reopen`, { reason: 'new facts' });
    expect(await ids(`tag=${tag}&status=open`)).toEqual([r, p, a]);
  });

  it('by tag follows edits of the tags', async () => {
    const t1 = uid('tag');
    const t2 = uid('tag');
    const id = await claim(app, { tags: [t1] });
    await call(app, 'PATCH', `/api/claims/${id}`, { tags: [t2], reason: 'retag' });
    expect(await ids(`tag=${t1}`)).toEqual([]);
    expect(await ids(`tag=${t2}`)).toEqual([id]);
  });

  it('by due date: passed or upcoming', async () => {
    const tag = uid('tag');
    const past = await prediction(app, { tags: [tag], deadline: '2020-01-01' });
    const future = await prediction(app, { tags: [tag], deadline: '2099-01-01' });
    const checkPast = await claim(app, { tags: [tag], checkBy: '2021-06-01' });
    await claim(app, { tags: [tag] }); // no date: in neither
    expect(await ids(`tag=${tag}&due=passed`)).toEqual([checkPast, past]);
    expect(await ids(`tag=${tag}&due=upcoming`)).toEqual([future]);
    expectProblem(await call(app, 'GET', '/api/claims?due=soon'), 400, '/due');
  });

  it('refuses bad filter values with 400 and a pointer', async () => {
    expectProblem(await call(app, 'GET', '/api/claims?kind=rumour'), 400, '/kind');
    expectProblem(await call(app, 'GET', '/api/claims?status=maybe'), 400, '/status');
    expectProblem(await call(app, 'GET', '/api/claims?sort=random'), 400, '/sort');
    expectProblem(await call(app, 'GET', '/api/claims?limit=abc'), 400, '/limit');
    expectProblem(await call(app, 'GET', `/api/claims?q=${'x'.repeat(501)}`), 400, '/q');
  });
});

describe('full-text search (q)', () => {
  it('matches words of the title, statement, criteria and details, as prefixes, all words required', async () => {
    const [w1, w2, w3, w4] = [word(), word(), word(), word()];
    const a = await claim(app, { title: `Shipments of ${w1} shells`, statement: `Rail cars carried ${w2}.` });
    const b = await claim(app, { title: `Other ${w1}`, resolutionCriteria: `Satellite ${w3} imagery`, details: `Notes on ${w4}` });
    expect(await ids(`q=${w1}`)).toEqual([b, a]);
    expect(await ids(`q=${w1.slice(0, 5)}`)).toEqual([b, a]);
    expect(await ids(`q=${w1}%20${w2}`)).toEqual([a]);
    expect(await ids(`q=${w3}`)).toEqual([b]);
    expect(await ids(`q=${w4.slice(0, 6)}`)).toEqual([b]);
    expect(await ids(`q=${w2}%20${w3}`)).toEqual([]);
    expect(await ids(`q=${w1.toUpperCase()}`)).toEqual([b, a]);
  });

  it('ignores diacritics and follows edits', async () => {
    const w = word();
    const id = await claim(app, { title: `Ministère ${w}` });
    expect(await ids(`q=ministere%20${w}`)).toEqual([id]);
    const w2 = word();
    await call(app, 'PATCH', `/api/claims/${id}`, { title: `Renamed ${w2}`, reason: 'rename' });
    expect(await ids(`q=${w}`)).toEqual([]);
    expect(await ids(`q=${w2}`)).toEqual([id]);
  });

  it('is punctuation-safe: FTS syntax in q never reaches the engine as syntax', async () => {
    const w = word();
    const id = await claim(app, { title: `Odd ${w}` });
    for (const q of ['"(*', '*', '"', 'AND', 'OR NOT', 'NEAR(a b)', 'title:x', '^', '(', ')', '-', "'", '""""', '{a b}', '\\']) {
      const res = await call(app, 'GET', `/api/claims?q=${encodeURIComponent(q)}`);
      expect(res.status, `q=${q}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
    }
    expect(await ids(`q=${encodeURIComponent(`"${w}"(*`)}`)).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent(`${w} AND`)}`)).toEqual([]);
  });
});

describe('sorting and cursor paging', () => {
  it('walks every sort page by page without duplicates or gaps', async () => {
    const tag = uid('tag');
    const deadlines = ['2031-05-01', undefined, '2030-01-01', '2031-05-01', undefined, '2029-12-31', '2031-05-01', '2030-06-15', undefined];
    const made: Array<{ id: string; due: string | null; n: number }> = [];
    for (const [n, d] of deadlines.entries()) {
      const id = d ? await prediction(app, { tags: [tag], deadline: d }) : await claim(app, { tags: [tag] });
      made.push({ id, due: d ?? null, n });
    }
    const oldest = made.map((m) => m.id);
    const newest = [...oldest].reverse();
    const byDeadline = [...made]
      .sort((x, y) => (x.due === y.due ? x.n - y.n : x.due === null ? 1 : y.due === null ? -1 : x.due < y.due ? -1 : 1))
      .map((m) => m.id);
    const expected: Record<string, string[]> = { newest, oldest, deadline: byDeadline };
    for (const sort of ['newest', 'oldest', 'deadline']) {
      for (const limit of [1, 2, 4]) {
        const got = (await allPages(`tag=${tag}&sort=${sort}`, limit)).map((c) => c.id);
        expect(got, `sort=${sort} limit=${limit}`).toEqual(expected[sort]);
      }
    }
    // Default sort is newest.
    expect(await ids(`tag=${tag}`)).toEqual(newest);
  });

  it('gives nextCursor null on the last page', async () => {
    const tag = uid('tag');
    await claim(app, { tags: [tag] });
    await claim(app, { tags: [tag] });
    const full = await call(app, 'GET', `/api/claims?tag=${tag}&limit=2`);
    expect(full.body.items).toHaveLength(2);
    expect(full.body.nextCursor).toBeNull();
    const part = await call(app, 'GET', `/api/claims?tag=${tag}&limit=1`);
    expect(typeof part.body.nextCursor).toBe('string');
  });

  it('refuses a cursor it did not issue with 400 /cursor', async () => {
    for (const cursor of ['garbage', Buffer.from('{"s":"x"}').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"s":1.5}').toString('base64url')]) {
      expectProblem(await call(app, 'GET', `/api/claims?cursor=${cursor}`), 400, '/cursor');
    }
  });
});

describe('list items', () => {
  it('carry the latest standing forecast per source and the stance tally', async () => {
    const [s1, s2] = [await source(app), await source(app)];
    const id = await prediction(app);
    const f = (sourceId: string, probability: number, madeAt: string) => post(app, `/api/claims/${id}/forecasts`, { sourceId, probability, madeAt });
    await f(s1, 0.3, '2024-03-01T00:00:00Z');
    await f(s1, 0.1, '2024-01-01T00:00:00Z'); // recorded later, made earlier: not the latest
    await f(s2, 0.9, '2024-02-01T00:00:00Z');
    await post(app, `/api/claims/${id}/stances`, { sourceId: s1, stance: 'asserts', date: '2024' });
    await post(app, `/api/claims/${id}/stances`, { sourceId: s2, stance: 'asserts', date: '2024' });
    await post(app, `/api/claims/${id}/stances`, { sourceId: s2, stance: 'denies', date: '2024' });
    const item = (await allPages(`source=${s1}`, 200)).find((c) => c.id === id);
    const latest = [...item.latestForecasts].sort((a: any, b: any) => (a.sourceId < b.sourceId ? -1 : 1));
    const expected = [
      { sourceId: s1, probability: 0.3, madeAt: '2024-03-01T00:00:00.000Z' },
      { sourceId: s2, probability: 0.9, madeAt: '2024-02-01T00:00:00.000Z' },
    ].sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
    expect(latest).toEqual(expected);
    expect(item.stanceTally).toEqual({ asserts: 2, denies: 1 });
  });
});
