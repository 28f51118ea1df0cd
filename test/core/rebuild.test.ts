/**
 * The projections are a pure function of the ledger: after a long random run of writes
 * (single appends, group commits and bulk appends, with refusals mixed in) a rebuild from
 * the events alone gives exactly the live tables, and checkProjections notices tampering.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/client.js';
import { eventCount } from '../../src/db/queries.js';
import { countedOnSharedClaims, sourceForecastScores } from '../../src/db/scoring-queries.js';
import { relativeBrier } from '../../src/domain/scoring/index.js';
import type { Command } from '../../src/ledger/commands.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { checkProjections, rebuildProjections, snapshotProjections } from '../../src/ledger/rebuild.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { freshDb, uid } from '../helpers/db.js';
import { prng } from '../helpers/prng.js';

interface ClaimModel {
  kind: 'prediction' | 'allegation';
  resolved: boolean;
  evidence: string[];
  statement: string;
  tags: string[];
}
interface Model {
  sources: string[];
  claims: Map<string, ClaimModel>;
  /** seq → retracted? for forecasts, stances and evidence; with the evidence id. */
  items: Map<number, { retracted: boolean; claimId: string; evidenceId?: string }>;
  fixed: number[];
}

const clone = (m: Model): Model => ({
  sources: [...m.sources],
  claims: new Map([...m.claims].map(([k, v]) => [k, { ...v, evidence: [...v.evidence], tags: [...v.tags] }])),
  items: new Map([...m.items].map(([k, v]) => [k, { ...v }])),
  fixed: [...m.fixed],
});

const TAGS = ['a', 'b', 'c', 'd'];
const DATES = ['2023', '2023-10', '2023-10-13', '2024-02-29', '2024-06'];

/** A random command, and whether the model says the ledger must accept it (applied to the model if so). */
function generate(r: ReturnType<typeof prng>, m: Model, n: number, p: string): { cmd: Command; ok: boolean; onSeq?: (seq: number) => void } {
  const claimIds = [...m.claims.keys()];
  const anyClaim = () => (claimIds.length && r.next() < 0.95 ? r.pick(claimIds) : `${p}-missing-${n}`);
  const anySource = () => (m.sources.length && r.next() < 0.95 ? r.pick(m.sources) : `${p}-nobody-${n}`);
  const roll = r.int(100);
  if (roll < 6 || m.sources.length === 0) {
    const dup = m.sources.length > 0 && r.next() < 0.15;
    const id = dup ? r.pick(m.sources) : `${p}-s${n}`;
    if (!dup) m.sources.push(id);
    return { cmd: { type: 'source.register', input: { id, name: r.pick(['Alpha', 'Beta', 'Gamma']), type: r.pick(['person', 'media', 'government'] as const) } }, ok: !dup };
  }
  if (roll < 16 || claimIds.length === 0) {
    const kind = r.pick(['prediction', 'allegation'] as const);
    const noDeadline = kind === 'prediction' && r.next() < 0.15;
    const id = claimIds.length && r.next() < 0.05 ? r.pick(claimIds) : `${p}-c${n}`;
    const ok = !noDeadline && !m.claims.has(id);
    const tags = [...new Set([r.pick(TAGS), r.pick(TAGS)])];
    const statement = `Statement ${n}`;
    if (ok) m.claims.set(id, { kind, resolved: false, evidence: [], statement, tags });
    const deadline = kind === 'prediction' && !noDeadline ? r.pick(['2029-01-01', '2030-06-30', '2031-12-31T12:00:00Z']) : undefined;
    return { cmd: { type: 'claim.create', input: { id, kind, title: `Title ${n} ${r.pick(['shells', 'troops', 'talks'])}`, statement, resolutionCriteria: `Criteria ${n}`, tags, ...(deadline ? { deadline } : {}), ...(r.next() < 0.3 ? { details: `Details ${n}` } : {}) } }, ok };
  }
  if (roll < 24) {
    const id = anyClaim();
    const c = m.claims.get(id);
    const same = c !== undefined && r.next() < 0.1;
    const changes: { statement?: string; tags?: string[]; deadline?: string; checkBy?: string } = same ? { statement: c.statement } : r.next() < 0.5 ? { statement: `Edited ${n}` } : { tags: [`${p}-t${n}`], ...(c?.kind === 'prediction' ? { deadline: '2032-01-01' } : { checkBy: '2032-01-01' }) };
    const ok = c !== undefined && !c.resolved && !same;
    if (ok && changes.statement) c.statement = changes.statement;
    if (ok && changes.tags) c.tags = changes.tags;
    return { cmd: { type: 'claim.edit', claimId: id, input: { changes, reason: `reason ${n}` } }, ok };
  }
  if (roll < 48) {
    const id = anyClaim();
    const src = anySource();
    const p = r.next() < 0.08 ? r.pick([0.001, 0.995]) : Math.round((0.01 + r.next() * 0.98) * 1000) / 1000;
    const c = m.claims.get(id);
    const ok = c !== undefined && !c.resolved && m.sources.includes(src) && p >= 0.01 && p <= 0.99;
    const madeAt = `2024-0${1 + r.int(9)}-1${r.int(10)}T0${r.int(10)}:00:00Z`;
    return { cmd: { type: 'forecast.record', claimId: id, input: { sourceId: src, probability: p, madeAt, ...(r.next() < 0.2 ? { note: 'why' } : {}) } }, ok, onSeq: ok ? (seq) => m.items.set(seq, { retracted: false, claimId: id }) : undefined };
  }
  if (roll < 62) {
    const id = anyClaim();
    const src = anySource();
    const ok = m.claims.has(id) && m.sources.includes(src);
    const extra = r.next() < 0.3 ? { confidence: 0.8 } : r.next() < 0.3 ? { estimative: 'very likely' } : {};
    return { cmd: { type: 'stance.record', claimId: id, input: { sourceId: src, stance: r.pick(['asserts', 'denies'] as const), date: r.pick(DATES), ...extra } }, ok, onSeq: ok ? (seq) => m.items.set(seq, { retracted: false, claimId: id }) : undefined };
  }
  if (roll < 74) {
    const id = anyClaim();
    const c = m.claims.get(id);
    const evId = `${p}-e${n}`;
    const grade = r.next() < 0.4 ? { grade: { reliability: r.pick(['A', 'B', 'F'] as const), credibility: r.pick([1, 3, 6] as const) } } : {};
    // Citable at once, also by a resolution later in the same bulk append.
    c?.evidence.push(evId);
    return {
      cmd: { type: 'evidence.record', claimId: id, input: { id: evId, date: r.pick(DATES), summary: `Evidence ${n}`, bearing: r.pick(['supports', 'contradicts', 'context'] as const), ...grade } },
      ok: c !== undefined,
      onSeq: c ? (seq) => void m.items.set(seq, { retracted: false, claimId: id, evidenceId: evId }) : undefined,
    };
  }
  if (roll < 84) {
    const id = anyClaim();
    const c = m.claims.get(id);
    const cite = c && c.evidence.length && r.next() < 0.6 ? [r.pick(c.evidence)] : [];
    const foreign = r.next() < 0.1 ? [`${p}-e-foreign`] : [];
    const ok = c !== undefined && !c.resolved && foreign.length === 0;
    if (ok) c.resolved = true;
    return { cmd: { type: 'claim.resolve', claimId: id, input: { outcome: r.pick(['confirmed', 'refuted', 'annulled', 'unresolvable'] as const), knownOn: r.pick(['2024-11-01', '2025-01-15T08:00:00Z']), evidenceIds: [...cite, ...foreign], ...(r.next() < 0.5 ? { note: 'n' } : {}) } }, ok };
  }
  if (roll < 90) {
    const id = anyClaim();
    const c = m.claims.get(id);
    const ok = c !== undefined && c.resolved;
    if (ok) c.resolved = false;
    return { cmd: { type: 'claim.reopen', claimId: id, input: { reason: `reopen ${n}` } }, ok };
  }
  // Retractions: of an item (maybe already retracted), of a fixed event, or of no event.
  const items = [...m.items.keys()];
  const kind = r.int(10);
  if (kind < 7 && items.length) {
    const seq = r.pick(items);
    const item = m.items.get(seq)!;
    // A forecast or stance of a resolved claim is not retracted in hindsight (evidence may be).
    const ok = !item.retracted && (item.evidenceId !== undefined || !m.claims.get(item.claimId)?.resolved);
    if (ok) {
      item.retracted = true;
      if (item.evidenceId) {
        const c = m.claims.get(item.claimId)!;
        c.evidence = c.evidence.filter((e) => e !== item.evidenceId);
      }
    }
    return { cmd: { type: 'event.retract', seq, input: { reason: `mistake ${n}` } }, ok };
  }
  const seq = kind < 9 && m.fixed.length ? r.pick(m.fixed) : 1_000_000 + n;
  return { cmd: { type: 'event.retract', seq, input: { reason: 'no' } }, ok: false };
}

/** Seqs of events that may never be retracted (sources, claims, edits, resolutions…). */
const FIXED = new Set(['source.register', 'claim.create', 'claim.edit', 'claim.resolve', 'claim.reopen']);

async function randomRun(ledger: Ledger, seed: number, steps: number) {
  const r = prng(seed);
  // Ids are made from the step number (replayable) under a prefix of this run's own.
  const prefix = uid('r');
  let model: Model = { sources: [], claims: new Map(), items: new Map(), fixed: [] };
  let n = 0;
  let accepted = 0;
  let refused = 0;
  const record = (g: { cmd: Command; onSeq?: (seq: number) => void }, seq: number) => {
    g.onSeq?.(seq);
    if (FIXED.has(g.cmd.type)) model.fixed.push(seq);
  };
  while (n < steps) {
    const mode = r.int(10);
    if (mode < 4) {
      const g = generate(r, model, n++, prefix);
      const res = await ledger.append(g.cmd).then((e) => e, (err: unknown) => err as Error);
      expect('seq' in res, `step ${n - 1} ${JSON.stringify(g.cmd)}: ${res instanceof Error ? res.message : 'accepted'}`).toBe(g.ok);
      if ('seq' in res) record(g, res.seq);
      g.ok ? accepted++ : refused++;
    } else if (mode < 8) {
      const gs = Array.from({ length: 2 + r.int(6) }, () => generate(r, model, n++, prefix));
      const results = await Promise.allSettled(gs.map((g) => ledger.append(g.cmd)));
      results.forEach((res, i) => {
        const g = gs[i]!;
        expect(res.status, `batch ${JSON.stringify(g.cmd)}: ${res.status === 'rejected' ? String(res.reason) : ''}`).toBe(g.ok ? 'fulfilled' : 'rejected');
        if (res.status === 'fulfilled') record(g, res.value.seq);
        g.ok ? accepted++ : refused++;
      });
    } else {
      const saved = clone(model);
      const gs = Array.from({ length: 2 + r.int(8) }, () => generate(r, model, n++, prefix));
      const head = await eventCount(ledger.db.client);
      const allOk = gs.every((g) => g.ok);
      const res = await ledger.appendAll(gs.map((g) => g.cmd)).then((x) => x, (err: unknown) => err as Error);
      expect('count' in res, `bulk ${JSON.stringify(gs.map((g) => [g.cmd.type, g.ok]))}: ${res instanceof Error ? res.message : ''}`).toBe(allOk);
      if ('count' in res) {
        gs.forEach((g, i) => record(g, head + i + 1));
        accepted += gs.length;
      } else {
        model = saved;
        refused++;
      }
    }
  }
  return { accepted, refused };
}

/**
 * Claims forecast by several sources (backfilled and live, retracted, superseded, tied
 * madeAt), resolved: crowd terms with odd and even numbers of others. Returns one source.
 */
async function crowdScenario(ledger: Ledger): Promise<string> {
  const p = uid('cr');
  const src = [0, 1, 2, 3, 4].map((i) => `${p}-s${i}`);
  const cmds: Command[] = src.map((id) => ({ type: 'source.register', input: { id, name: id, type: 'forecaster' } }));
  for (let k = 0; k < 6; k++) {
    const claimId = `${p}-c${k}`;
    cmds.push({ type: 'claim.create', input: { id: claimId, kind: 'prediction', title: `Crowd ${k}`, statement: 's', resolutionCriteria: 'r', tags: [], deadline: '2030-01-01' } });
    for (const [i, s] of src.slice(0, 1 + ((k + 1) % 5)).entries()) {
      cmds.push({ type: 'forecast.record', claimId, input: { sourceId: s, probability: 0.1 + ((i * 17 + k * 7) % 80) / 100, madeAt: `2024-0${1 + i}-01T00:00:00Z` } });
      cmds.push({ type: 'forecast.record', claimId, input: { sourceId: s, probability: 0.05 + ((i * 13 + k) % 90) / 100, madeAt: `2024-0${1 + i}-01T00:00:00Z` } });
    }
  }
  // Many claims of two sources with probabilities whose sums round differently in different
  // orders, resolved out of id order (the track record sums them in the order they were stored).
  for (let k = 0; k < 300; k++) {
    const claimId = `${p}-m${k}`;
    cmds.push({ type: 'claim.create', input: { id: claimId, kind: 'prediction', title: `Many ${k}`, statement: 's', resolutionCriteria: 'r', tags: [], deadline: '2030-01-01' } });
    for (const [i, s] of src.slice(0, 2 + (k % 2)).entries()) cmds.push({ type: 'forecast.record', claimId, input: { sourceId: s, probability: 0.01 + ((k * 7919 + i * 104729) % 9799) / 10000, madeAt: `2024-0${1 + i}-01T00:00:00Z` } });
  }
  const order = Array.from({ length: 300 }, (_, k) => (k * 131) % 300);
  for (const k of order) cmds.push({ type: 'claim.resolve', claimId: `${p}-m${k}`, input: { outcome: k % 3 ? 'confirmed' : 'refuted', knownOn: '2024-12-01' } });
  await ledger.appendAll(cmds);
  for (const k of [3, 0, 5, 1, 4, 2]) {
    // A live forecast too, then a retraction of it on some claims.
    const e = await ledger.append({ type: 'forecast.record', claimId: `${p}-c${k}`, input: { sourceId: src[0] as string, probability: 0.42 } });
    if (k % 2 === 0) await ledger.append({ type: 'event.retract', seq: e.seq, input: { reason: 'mistake' } });
    await ledger.append({ type: 'claim.resolve', claimId: `${p}-c${k}`, input: { outcome: k % 3 ? 'confirmed' : 'refuted', knownOn: new Date(Date.now() + 60_000).toISOString() } });
  }
  return src[0] as string;
}

/** One statement of a migration file, found by its beginning. */
function migrationStatement(file: string, start: string): string {
  const text = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
  const found = text.split('--> statement-breakpoint').map((x) => x.replace(/^(\s*--[^\n]*\n)*/, '').trim()).find((x) => x.startsWith(start));
  if (!found) throw new Error(`no statement starting ${start} in ${file}`);
  return found;
}

/** Replay another run with RECKON_SEED=<n>. */
const SEED = Number(process.env.RECKON_SEED ?? 20240613);

const live = await freshDb();
const liveLedger = new Ledger(live);
const bulkDb = await freshDb();
const singleDb = await freshDb();
const tamperDb = await freshDb();

describe('rebuild', () => {
  it('reproduces every projection table after a long random run of writes', async () => {
    const fx = uid('fx');
    // A claim resolved, reopened and resolved again, so the rebuild replays a reopen between two resolutions.
    await liveLedger.appendAll([
      { type: 'source.register', input: { id: `${fx}-src`, name: 'Fixed', type: 'person' } },
      { type: 'claim.create', input: { id: `${fx}-claim`, kind: 'allegation', title: 'Fixed', statement: 's', resolutionCriteria: 'r', tags: ['a'] } },
    ]);
    await liveLedger.append({ type: 'claim.resolve', claimId: `${fx}-claim`, input: { outcome: 'confirmed', knownOn: '2024-01-01' } });
    await liveLedger.append({ type: 'claim.reopen', claimId: `${fx}-claim`, input: { reason: 'new facts' } });
    await liveLedger.append({ type: 'claim.resolve', claimId: `${fx}-claim`, input: { outcome: 'refuted', knownOn: '2024-02-01' } });

    const { accepted, refused } = await randomRun(liveLedger, SEED, 450);
    expect(accepted).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(20);
    const events = await eventCount(live.client);
    expect((await verifyChain(live.client)).ok).toBe(true);

    const before = await snapshotProjections(live.client);
    expect(JSON.parse(before.resolutions!).length).toBeGreaterThan(10);
    expect(JSON.parse(before.claim_revisions!).length).toBeGreaterThan(JSON.parse(before.claims!).length);
    expect(await rebuildProjections(live.client)).toBe(events);
    const after = await snapshotProjections(live.client);
    for (const table of Object.keys(before)) expect(after[table], table).toBe(before[table]);
    expect(await checkProjections(live.client)).toEqual([]);
  });

  it('keeps the crowd terms of counted forecasts equal to a recomputation from their definition', async () => {
    // After the random run above, on the same live database (rebuilt once already), and more
    // writes: so the rows compared are the live writers' (single, grouped and bulk appends).
    await randomRun(liveLedger, SEED + 1, 200);
    const shared = await crowdScenario(liveLedger);
    const c = live.client;
    // Crowd terms: each source's relative Brier from its own rows is exactly relativeBrier over
    // every counted forecast on its claims (the computation the track record made before).
    const sources = (await c.execute("SELECT DISTINCT source_id FROM counted_forecasts WHERE variant = 'all'")).rows.map((r) => String(r.source_id));
    let withShared = 0;
    for (const id of [...sources, shared]) {
      for (const rule of ['last', 'time-weighted'] as const) {
        const counted = await countedOnSharedClaims(c, id, rule);
        const own = counted.filter((x) => x.sourceId === id);
        const expected = relativeBrier(counted, id);
        const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
        // Exactly the numbers the track record computed from every counted forecast before.
        expect(await sourceForecastScores(c, id, rule), `${id} ${rule}`).toEqual({
          count: own.length,
          brier: mean(own.map((x) => x.brier)),
          logScore: mean(own.map((x) => x.logScore)),
          relativeBrier: expected.relativeBrier,
          sharedClaims: expected.sharedClaims,
        });
        if (expected.sharedClaims > 0) withShared++;
      }
    }
    expect(withShared).toBeGreaterThan(2);
    // The migration's SQL computes the crowd terms of rows already stored exactly as the writer does.
    const before = await snapshotProjections(c);
    await c.execute('UPDATE counted_forecasts SET crowd_last = NULL, crowd_tw = NULL');
    await c.execute(migrationStatement('0006_latest_forecasts_triggers.sql', 'UPDATE `counted_forecasts`'));
    expect((await snapshotProjections(c)).counted_forecasts).toBe(before.counted_forecasts);
    expect(await checkProjections(c)).toEqual([]);
  });

  it('gives the same tables whether commands are appended one by one or in one bulk append', async () => {
    const clock = () => Date.parse('2025-05-05T05:05:05.000Z');
    const one = new Ledger(singleDb, { clock });
    const bulk = new Ledger(bulkDb, { clock });
    const k = uid('k');
    const cmds: Command[] = [
      { type: 'source.register', input: { id: `${k}-src`, name: 'S', type: 'person' } },
      { type: 'claim.create', input: { id: `${k}-cl`, kind: 'prediction', title: 'T', statement: 's', resolutionCriteria: 'r', tags: ['x'], deadline: '2030-01-01' } },
      { type: 'forecast.record', claimId: `${k}-cl`, input: { id: `${k}-f1`, sourceId: `${k}-src`, probability: 0.3, madeAt: '2024-01-01T00:00:00Z' } },
      { type: 'claim.edit', claimId: `${k}-cl`, input: { changes: { statement: 's2', tags: ['y'] }, reason: 'r' } },
      { type: 'evidence.record', claimId: `${k}-cl`, input: { id: `${k}-e1`, date: '2024-03', summary: 'E', bearing: 'supports' } },
      { type: 'claim.resolve', claimId: `${k}-cl`, input: { outcome: 'confirmed', knownOn: '2024-04-01', evidenceIds: [`${k}-e1`] } },
      { type: 'claim.reopen', claimId: `${k}-cl`, input: { reason: 'doubt' } },
      { type: 'forecast.record', claimId: `${k}-cl`, input: { id: `${k}-f2`, sourceId: `${k}-src`, probability: 0.6, madeAt: '2024-05-01T00:00:00Z' } },
      { type: 'claim.resolve', claimId: `${k}-cl`, input: { outcome: 'refuted', knownOn: '2024-06-01' } },
      { type: 'claim.reopen', claimId: `${k}-cl`, input: { reason: 'doubt again' } },
      { type: 'event.retract', seq: 3, input: { reason: 'wrong' } },
      { type: 'claim.resolve', claimId: `${k}-cl`, input: { outcome: 'annulled', knownOn: '2024-07-01' } },
    ];
    for (const cmd of cmds) await one.append(cmd);
    await bulk.appendAll(cmds);
    const a = await snapshotProjections(singleDb.client);
    const b = await snapshotProjections(bulkDb.client);
    for (const table of Object.keys(a)) expect(b[table], table).toBe(a[table]);
    const reopened = await bulkDb.client.execute('SELECT seq, reopened_seq FROM resolutions ORDER BY seq');
    expect(reopened.rows.map((r) => [r.seq, r.reopened_seq])).toEqual([[6, 7], [9, 10], [12, null]]);
    expect(await checkProjections(singleDb.client)).toEqual([]);
    expect(await checkProjections(bulkDb.client)).toEqual([]);
  });

  it('checkProjections names each table whose rows were altered behind the ledger’s back', async () => {
    const ledger = new Ledger(tamperDb);
    await randomRun(ledger, 7, 120);
    expect(await checkProjections(tamperDb.client)).toEqual([]);
    await tamperDb.client.execute("UPDATE forecasts SET probability = 0.5 WHERE rowid = (SELECT min(rowid) FROM forecasts)");
    expect(await checkProjections(tamperDb.client)).toEqual(['forecasts']);
    await tamperDb.client.execute("UPDATE claims SET title = 'Forged' WHERE rowid = (SELECT min(rowid) FROM claims)");
    expect(await checkProjections(tamperDb.client)).toEqual(['claims', 'claims_fts', 'forecasts']);
    // The check rolls back its own rebuild: the tampering is still there until a real rebuild.
    expect((await tamperDb.client.execute("SELECT count(*) AS n FROM claims WHERE title = 'Forged'")).rows[0]?.n).toBe(1);
    await rebuildProjections(tamperDb.client);
    expect(await checkProjections(tamperDb.client)).toEqual([]);
  });
});
