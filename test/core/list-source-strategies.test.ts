/**
 * The claim list filtered by a source (`GET /api/claims?source=`), with every walk strategy of
 * src/db/claim-list-plan.ts — `walk` (a source on many claims, its stances listed), `walk-all`
 * (many stances too, probed) and `list` (a source on few claims, listed from its own rows) —
 * driven with sources whose forecasts are only yes/no (forecasts), only of the other question
 * types (question_forecasts, issue 17) or both, on many claims and on few. Each answer —
 * membership, order, every page, nextCursor, the total — must equal the plain reference list
 * (test/helpers/reference-list.ts), whichever strategy the sample chooses and whichever is
 * forced; and the sample must size a source by all of its forecasts, not its yes/no ones alone.
 */
import type { InValue } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { deadlineRows, recordedRows } from '../../src/db/claim-list-orders.js';
import { sourceStrategy, type Plan, type Strategy } from '../../src/db/claim-list-plan.js';
import { KEYS, type ClaimFilters, type CursorValue, type Db } from '../../src/db/claim-list-sql.js';
import { clientRows } from '../../src/db/fast-read.js';
import type { Command } from '../../src/ledger/commands.js';
import { checkProjections, rebuildProjections } from '../../src/ledger/rebuild.js';
import { call, freshApp, uid } from '../helpers/db.js';
import { referenceList, type ReferenceFilters } from '../helpers/reference-list.js';

const { app, ledger, db } = await freshApp();
const p = uid('ss');
/** The list's `due` filter reads the clock: every 2025 deadline has passed, 2099 is to come. */
const NOW = new Date().toISOString();

/** The sources, named by what they forecast and how many claims they are on. */
const S = {
  binMany: `${p}-bin-many`,
  binFew: `${p}-bin-few`,
  qMany: `${p}-q-many`,
  qFew: `${p}-q-few`,
  mixMany: `${p}-mix-many`,
  mixFew: `${p}-mix-few`,
  binSpeaker: `${p}-bin-speaker`,
  qSpeaker: `${p}-q-speaker`,
  mixSpeaker: `${p}-mix-speaker`,
};
/** The strategy each source's size calls for (claim-list-plan.ts: 400 claims, 512 stances). */
const SIZED: Record<string, Strategy> = {
  [S.binMany]: 'walk',
  [S.binFew]: 'list',
  [S.qMany]: 'walk',
  [S.qFew]: 'list',
  [S.mixMany]: 'walk',
  [S.mixFew]: 'list',
  [S.binSpeaker]: 'walk-all',
  [S.qSpeaker]: 'walk-all',
  [S.mixSpeaker]: 'walk-all',
};

const CDF = Array.from({ length: 201 }, (_, i) => i / 200);
const B = 500;
const Q = 500;
const A = 160;
const bin = (i: number) => `${p}-b${i}`;
const q = (i: number) => `${p}-q${i}`;
const al = (i: number) => `${p}-a${i}`;

/** Deadlines with ties (several claims on one day), some still to come at NOW. */
const deadline = (i: number) => (i % 13 === 0 ? '2099-01-01' : `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 5) * 6).padStart(2, '0')}`);
/** An opening on some, so that the world date (newest / oldest) is not the recording order. */
const opened = (i: number) => (i % 4 === 0 ? { openedAt: `2023-${String(1 + (i % 9)).padStart(2, '0')}-01T00:00:00Z` } : {});

function forecast(claimId: string, sourceId: string, kind: 'bin' | 'q', i: number, madeAt = '2024-01-01T00:00:00Z'): Command {
  if (kind === 'bin') return { type: 'forecast.record', claimId, input: { sourceId, probability: 0.1 + (i % 8) / 10, madeAt } };
  // Even question claims are multiple choice, odd ones numeric.
  const values = i % 2 === 0 ? { probabilities: [0.2, 0.3, 0.5] } : { cdf: CDF };
  return { type: 'forecast.record', claimId, input: { sourceId, ...values, madeAt } };
}

/** The claims each source was given a forecast or stance on, as the commands below give them. */
const given = new Map<string, Set<string>>();
const give = (source: string, claim: string) => given.set(source, (given.get(source) ?? new Set()).add(claim));

function commands(): Command[] {
  const cmds: Command[] = Object.values(S).map((id) => ({ type: 'source.register', input: { id, name: id, type: 'forecaster' } }));
  const base = { statement: 's', resolutionCriteria: 'r', tags: [p] };
  // Claims interleaved, so that each source's claims are spread over the recording order.
  for (let i = 0; i < Math.max(B, Q, A); i++) {
    if (i < B) cmds.push({ type: 'claim.create', input: { id: bin(i), kind: 'prediction', title: `Yes/no ${i}`, deadline: deadline(i), ...opened(i), ...base } });
    if (i < Q) {
      const question = i % 2 === 0 ? { questionType: 'multiple-choice' as const, options: ['x', 'y', 'z'] } : { questionType: 'numeric' as const, range: { min: 0, max: 100 } };
      cmds.push({ type: 'claim.create', input: { id: q(i), kind: 'prediction', title: `Question ${i}`, deadline: deadline(i + 3), ...opened(i + 1), ...question, ...base } });
    }
    // Allegations, a third with a check-by date (the others are last in the deadline sort).
    if (i < A) cmds.push({ type: 'claim.create', input: { id: al(i), kind: 'allegation', title: `Allegation ${i}`, ...(i % 3 === 0 ? { checkBy: deadline(i) } : {}), ...base } });
  }
  const on = (ids: (i: number) => string, kind: 'bin' | 'q', source: string, indices: number[]) => indices.forEach((i) => (cmds.push(forecast(ids(i), source, kind, i)), give(source, ids(i))));
  const range = (from: number, to: number, step = 1) => Array.from({ length: Math.ceil((to - from) / step) }, (_, k) => from + k * step);
  on(bin, 'bin', S.binMany, range(0, 450));
  on(bin, 'bin', S.binFew, range(5, B, 41));
  on(q, 'q', S.qMany, range(0, 450));
  on(q, 'q', S.qFew, range(7, Q, 43));
  on(bin, 'bin', S.mixMany, range(0, 250));
  on(q, 'q', S.mixMany, range(100, 350));
  on(bin, 'bin', S.mixFew, range(3, B, 83));
  on(q, 'q', S.mixFew, range(11, Q, 97));
  on(bin, 'bin', S.binSpeaker, range(0, 350));
  on(q, 'q', S.qSpeaker, range(50, 400));
  on(bin, 'bin', S.mixSpeaker, range(300, 500));
  on(q, 'q', S.mixSpeaker, range(0, 200));
  // A later forecast on some claims: a claim is listed once, however many forecasts it has.
  for (const i of range(0, 450, 9)) cmds.push(forecast(q(i), S.qMany, 'q', i, '2024-03-01T00:00:00Z'), forecast(bin(i), S.binMany, 'bin', i, '2024-03-01T00:00:00Z'));
  // Four stances each on 150 allegations (600: past the 512-stance sample) for the speakers.
  for (const speaker of [S.binSpeaker, S.qSpeaker, S.mixSpeaker]) {
    for (const i of range(0, 150)) for (let k = 0; k < 4; k++, give(speaker, al(i))) cmds.push({ type: 'stance.record', claimId: al(i), input: { sourceId: speaker, stance: k % 2 ? 'denies' : 'asserts', date: `2024-0${1 + (i % 9)}` } });
  }
  // A few stances from the few, on allegations nobody else forecast.
  cmds.push({ type: 'stance.record', claimId: al(155), input: { sourceId: S.qFew, stance: 'asserts', date: '2024' } });
  cmds.push({ type: 'stance.record', claimId: al(156), input: { sourceId: S.mixFew, stance: 'denies', date: '2023-11' } });
  give(S.qFew, al(155));
  give(S.mixFew, al(156));
  return cmds;
}

await ledger.appendAll(commands());
// A retracted question forecast still puts its claim in the source's list (the list counts retracted ones too).
const lone = q(452); // multiple choice, forecast by no one else in the few
const retracted = await call(app, 'POST', `/api/claims/${lone}/forecasts`, { sourceId: S.qFew, probabilities: [0.6, 0.2, 0.2], madeAt: '2024-02-01T00:00:00Z' });
expect(retracted.status, JSON.stringify(retracted.body)).toBe(201);
expect((await call(app, 'POST', `/api/events/${retracted.body.seq}/retraction`, { reason: 'mistake' })).status).toBe(201);
give(S.qFew, lone);
const reference = await referenceList(db.client);
const dbView: Db = { client: db.client, rows: clientRows(db.client) };

/** Every page of the API's list, each equal to the reference's slice; nextCursor exactly while claims remain; the total. */
async function expectApiAsReference(f: ReferenceFilters, limit: number): Promise<number> {
  const expected = reference(f, NOW);
  const query = new URLSearchParams({ ...f, limit: String(limit) }).toString();
  let cursor: string | null = null;
  let at = 0;
  let seen = 0;
  do {
    const res = await call(app, 'GET', `/api/claims?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items, `${query} from ${at}`).toEqual(expected.slice(at, at + limit));
    seen += res.body.items.length;
    at += limit;
    cursor = res.body.nextCursor;
    expect(cursor !== null, `${query}: nextCursor after ${at} of ${expected.length}`).toBe(at < expected.length);
  } while (cursor);
  expect(seen, `${query}: total`).toBe(expected.length);
  return seen;
}

/**
 * Every page of the recorded or deadline sort with the strategy forced, paged by the cursor
 * values the list's pages carry (created_seq, and due_at in the deadline sort): the ids in order.
 */
async function forcedIds(source: string, strategy: Strategy, sort: 'recorded' | 'deadline', limit: number, extra: Partial<ClaimFilters> = {}): Promise<string[]> {
  const f: ClaimFilters = { source, sort, limit, ...extra };
  const plan: Plan = { source: strategy, now: NOW };
  const ids: string[] = [];
  let cursor: CursorValue | undefined;
  for (let guard = 0; guard < 500; guard++) {
    const rows = sort === 'recorded' ? await recordedRows(dbView, KEYS, f, cursor, plan, limit) : await deadlineRows(dbView, KEYS, f, cursor, plan, limit);
    ids.push(...rows.map((r) => String(r.id)));
    const last = rows[rows.length - 1];
    if (rows.length < limit || !last) return ids;
    cursor = { s: Number(last.created_seq), ...(sort === 'deadline' ? { d: last.due_at === null ? null : String(last.due_at as InValue) } : {}) };
  }
  throw new Error('paging did not end');
}

describe('a source filter with each walk strategy, for yes/no, question and mixed forecasts', () => {
  it('the reference is not vacuous: each source has exactly the claims it was given, question forecasts included', () => {
    for (const source of Object.values(S)) expect(new Set(reference({ source }, NOW).map((c) => c.id)), source).toEqual(given.get(source));
    expect(given.get(S.qMany)?.size).toBe(450);
    expect(given.get(S.mixMany)?.size).toBe(500);
    expect(given.get(S.mixSpeaker)?.size).toBe(550);
    expect(given.get(S.qFew)?.has(lone)).toBe(true);
  });

  it('sizes a source by all its forecasts: question forecasts count like yes/no ones toward walking it', async () => {
    const chosen = Object.fromEntries(await Promise.all(Object.keys(SIZED).map(async (s) => [s, await sourceStrategy(dbView, s)])));
    expect(chosen).toEqual(SIZED);
  });

  it('each strategy, forced, gives the reference list for every source (recorded and deadline sorts, every page)', async () => {
    for (const source of Object.values(S)) {
      for (const strategy of ['walk', 'walk-all', 'list'] as const) {
        for (const [sort, limit] of [['recorded', 37], ['deadline', 60]] as const) {
          expect(await forcedIds(source, strategy, sort, limit), `${source} ${strategy} ${sort}`).toEqual(reference({ source, sort }, NOW).map((c) => c.id));
        }
        const due = await forcedIds(source, strategy, 'deadline', 25, { kind: 'prediction', due: 'passed', now: NOW });
        expect(due, `${source} ${strategy} due=passed`).toEqual(reference({ source, sort: 'deadline', kind: 'prediction', due: 'passed' }, NOW).map((c) => c.id));
      }
    }
  });

  it('GET /api/claims?source= equals the reference: membership, order, pages, nextCursor and total, in every sort', async () => {
    for (const source of Object.values(S)) {
      for (const sort of ['recorded', 'deadline', 'newest', 'oldest'] as const) {
        const total = await expectApiAsReference({ source, sort }, sort === 'recorded' || sort === 'deadline' ? 50 : 200);
        expect(total, `${source} ${sort}`).toBeGreaterThan(0);
      }
      await expectApiAsReference({ source, sort: 'deadline', due: 'upcoming' }, 10);
      await expectApiAsReference({ source, sort: 'recorded', kind: 'prediction', status: 'open' }, 100);
      await expectApiAsReference({ source, sort: 'newest', due: 'passed' }, 120);
    }
  });

  it('the source index the newest / oldest walk reads (source_claims) holds question forecasts after a rebuild too', async () => {
    expect(await checkProjections(db.client)).toEqual([]);
    await rebuildProjections(db.client);
    await expectApiAsReference({ source: S.qMany, sort: 'oldest' }, 200);
    await expectApiAsReference({ source: S.mixSpeaker, sort: 'newest' }, 200);
  });
});
