/**
 * The analytics counters against the entries they summarise: after a random run of stances
 * (all three precisions), resolutions (some known before a stance), reopenings and retractions,
 * the answers read from the counters (no filter, asOf today) equal those read entry by entry
 * (a tag every claim has), equal a reference made from each claim's own page with the pure
 * definitions, and a rebuild gives the same tables.
 */
import { describe, expect, it } from 'vitest';
import { overviewData } from '../../src/db/analytics-reads.js';
import { readRows } from '../../src/db/fast-read.js';
import { baseRates } from '../../src/domain/survival/base-rates.js';
import { survivalGroups, tallyOf } from '../../src/domain/survival/curves.js';
import { dayNumber, survivalEntry } from '../../src/domain/survival/entries.js';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { claim, post, source } from '../core/fixtures.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { prng } from '../helpers/prng.js';

const TODAY = Date.UTC(2025, 0, 1);
const ctx = await freshApp({ clock: () => TODAY });
const { app, db } = ctx;
const tag = uid('all');

const r = prng(20261207);
const date = () => {
  const y = 2021 + r.int(4);
  const m = String(1 + r.int(12)).padStart(2, '0');
  const d = String(1 + r.int(28)).padStart(2, '0');
  return r.pick([`${y}`, `${y}-${m}`, `${y}-${m}-${d}`, `${y}-${m}-${d}`]);
};
const day = () => {
  const d = date();
  return d.length === 10 ? d : d.length === 7 ? `${d}-15` : `${d}-06-30`;
};

const claims: string[] = [];
const sources: string[] = [];

async function build(): Promise<void> {
  for (const [type, country] of [['government', 'RU'], ['government', 'US'], ['media', 'US'], ['person', undefined], ['organisation', 'KP']] as const) {
    sources.push(await source(app, { type, ...(country ? { country } : {}) }));
  }
  for (let i = 0; i < 40; i++) {
    const kind = i % 5 === 0 ? 'prediction' : 'allegation';
    const id = await claim(app, { kind, tags: [tag], ...(kind === 'prediction' ? { deadline: '2030-01-01' } : {}) });
    claims.push(id);
    const stances: number[] = [];
    for (let k = r.int(5); k > 0; k--) {
      const st = await post(app, `/api/claims/${id}/stances`, { sourceId: r.pick(sources), stance: r.pick(['asserts', 'asserts', 'denies']), date: date() });
      stances.push(st.seq);
    }
    if (stances.length > 0 && r.int(4) === 0) await post(app, `/api/events/${r.pick(stances)}/retraction`, { reason: 'recorded in error' });
    if (r.int(3) > 0) {
      await post(app, `/api/claims/${id}/resolution`, { outcome: r.pick(['confirmed', 'confirmed', 'refuted', 'annulled', 'unresolvable']), knownOn: day() });
      if (r.int(4) === 0) {
        await post(app, `/api/claims/${id}/reopen`, { reason: 'new evidence' });
        if (r.int(2) === 0) await post(app, `/api/claims/${id}/resolution`, { outcome: r.pick(['confirmed', 'refuted']), knownOn: day() });
      }
    }
  }
}

const get = async (path: string) => {
  const res = await call(app, 'GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('analytics counters', () => {
  it('answer as the entries do, as a reference from the claim pages does, and as a rebuild does', async () => {
    await build();
    // The counters answer for 2025-01-01 (no date on record after it); a tag sends the same question entry by entry.
    const [latest] = (await db.client.execute("SELECT max(day) FROM analytics_counts WHERE scope = 'days'")).rows;
    expect(Number(latest![0])).toBeLessThanOrEqual(dayNumber('2025-01-01')!);
    for (const by of ['none', 'source', 'sourceType']) {
      const fast = await get(`/api/survival?by=${by}&asOf=2025-01-01`);
      expect(fast.asOf).toBe('2025-01-01');
      expect(fast.groups.length).toBeGreaterThan(0);
      expect(await get(`/api/survival?by=${by}&asOf=2025-01-01&tag=${tag}`)).toEqual(fast);
    }
    for (const by of ['sourceType', 'country', 'source']) expect(await get(`/api/base-rates?by=${by}&asOf=2025-01-01&tag=${tag}`)).toEqual(await get(`/api/base-rates?by=${by}&asOf=2025-01-01`));

    // The reference: entries from each claim's page (its stances, status and knownOn), through the pure definitions.
    const asOf = dayNumber('2025-01-01')!;
    const perSource: Array<{ key: string | null; stance: 'asserts' | 'denies'; facts: { start: string; status: any; knownOn: string | null } }> = [];
    const perClaim: Array<ReturnType<typeof tallyOf>> = [];
    for (const id of claims) {
      const c = await get(`/api/claims/${id}`);
      if (c.kind !== 'allegation') continue;
      const knownOn = c.resolution?.knownOn ?? null;
      const earliest = new Map<string, string>();
      for (const s of c.stances.filter((x: any) => !x.retracted)) {
        const k = `${s.sourceId}|${s.stance}`;
        const prev = earliest.get(k);
        if (prev === undefined || dayNumber(s.date)! < dayNumber(prev)!) earliest.set(k, s.date);
      }
      for (const [k, start] of earliest) {
        const [sourceId, stance] = k.split('|') as [string, 'asserts' | 'denies'];
        perSource.push({ key: sourceId, stance, facts: { start, status: c.status, knownOn } });
      }
      const asserted = [...earliest].filter(([k]) => k.endsWith('|asserts')).map(([, d]) => d).sort((a, b) => dayNumber(a)! - dayNumber(b)!);
      const e = asserted[0] === undefined ? null : survivalEntry({ start: asserted[0], status: c.status, knownOn }, asOf);
      if (e) perClaim.push(tallyOf(null, e));
    }
    expect((await get('/api/survival?asOf=2025-01-01')).groups).toEqual(survivalGroups(perClaim));
    const sourceTallies = perSource.filter((x) => x.stance === 'asserts').flatMap((x) => {
      const e = survivalEntry(x.facts, asOf);
      return e ? [tallyOf(x.key, e)] : [];
    });
    expect((await get('/api/survival?by=source&asOf=2025-01-01')).groups).toEqual(survivalGroups(sourceTallies));
    const rates = perSource.flatMap((x) => {
      const e = survivalEntry(x.facts, asOf);
      return e ? [{ key: x.key, stance: x.stance, end: e.end, count: 1 }] : [];
    });
    expect((await get('/api/base-rates?by=source&asOf=2025-01-01')).groups).toEqual(baseRates(rates));

    // The overview from the counters (by month) and from the entries and claims (by day) agree.
    for (const interval of ['month', 'quarter', 'year'] as const) {
      const fast = await get(`/api/overview?interval=${interval}&sources=100&asOf=2025-01-01`);
      const slow = await overviewData(db, readRows(db), interval, asOf, 100, false);
      expect(fast).toEqual(JSON.parse(JSON.stringify(slow)));
    }
    expect(await checkProjections(db.client)).toEqual([]);
  });
});
