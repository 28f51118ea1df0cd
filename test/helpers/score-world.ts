/**
 * A generated body of scored work for the tests that compare a fast read with the plain
 * computation it replaces (track records, period leaderboards): many sources of several
 * types (platforms stay out of the crowd), predictions forecast with coarse probabilities (so
 * that many rows tie), backfilled and live forecasts, retracted forecasts, resolutions known
 * on days spread over years (some with a time of day), refuted, confirmed and annulled,
 * reopenings and resolutions again — written through the bulk path and then one by one.
 */
import type { Database } from '../../src/db/client.js';
import type { Command } from '../../src/ledger/commands.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { prng } from './prng.js';


const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const TYPES = ['forecaster', 'forecaster', 'person', 'forecasting-platform', 'organisation'] as const;

export interface ScoreWorld {
  sources: string[];
  claims: string[];
}

/** Build the world on a fresh database (`claims` predictions, `sources` sources); returns their ids. */
export async function buildScoreWorld(db: Database, opts: { claims: number; sources: number; seed?: number }): Promise<ScoreWorld> {
  const { next: rand, pick } = prng(opts.seed ?? 1);
  let now = START;
  const ledger = new Ledger(db, { clock: () => now });
  const sources = Array.from({ length: opts.sources }, (_, i) => `w${i}`);
  const claims = Array.from({ length: opts.claims }, (_, i) => `wc${i}`);
  // Forecasts dated in time order; the recording clock just after each (live) or a day after (backfilled).
  const timed: Array<{ at: number; cmd: Command; live: boolean }> = [];
  const deadlines = new Map<string, number>();
  for (const id of claims) {
    const deadline = START + Math.floor(200 + rand() * 1500) * DAY;
    deadlines.set(id, deadline);
    const speakers = new Set(Array.from({ length: 2 + Math.floor(rand() * 7) }, () => pick(sources)));
    for (const sourceId of speakers) {
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const at = START + Math.floor(rand() * (deadline - START - DAY));
        const probability = Math.max(0.05, Math.round(rand() * 20) / 20);
        timed.push({ at, live: rand() < 0.3, cmd: { type: 'forecast.record', claimId: id, input: { sourceId, probability: Math.min(0.95, probability), madeAt: new Date(at).toISOString() } } });
      }
    }
  }
  timed.sort((a, b) => a.at - b.at);
  function* first(): Generator<Command> {
    for (const [i, id] of sources.entries()) yield { type: 'source.register', input: { id, name: `World source ${i}`, type: TYPES[i % TYPES.length] as never } };
    for (const [i, id] of claims.entries()) {
      const deadline = new Date(deadlines.get(id) as number).toISOString().slice(0, 10);
      yield { type: 'claim.create', input: { id, kind: 'prediction', title: `World question ${i}`, statement: 's', resolutionCriteria: 'r', tags: [`wt${i % 4}`], openedAt: '2020-01-01T00:00:00Z', deadline } };
    }
    for (const t of timed) {
      now = Math.max(now, t.at + (t.live ? 60_000 : DAY));
      yield t.cmd;
    }
  }
  await ledger.appendAll(first());
  // Resolutions are recorded later than every forecast and their knownOn.
  now = Math.max(now, START + 2000 * DAY);
  // Retract some forecasts, then resolve most claims on days spread over their lives.
  const seqs = (await db.client.execute("SELECT seq FROM forecasts WHERE claim_id LIKE 'wc%' ORDER BY seq")).rows.map((r) => Number(r.seq));
  const second: Command[] = seqs.filter(() => rand() < 0.08).map((seq) => ({ type: 'event.retract', seq, input: { reason: 'recorded in error' } }));
  const resolved: string[] = [];
  for (const id of claims) {
    if (rand() < 0.2) continue;
    resolved.push(id);
    second.push(resolution(id, deadlines.get(id) as number, rand));
  }
  await ledger.appendAll(second);
  // Then one by one (the group-commit path): reopenings, some resolved again on another day.
  for (const id of resolved.filter(() => rand() < 0.12)) {
    await ledger.append({ type: 'claim.reopen', claimId: id, input: { reason: 'disputed' } });
    if (rand() < 0.6) await ledger.append(resolution(id, deadlines.get(id) as number, rand));
  }
  return { sources, claims };
}

/** A resolution some days before or after the deadline: refuted, confirmed or (rarely) annulled; known on a day or an instant. */
function resolution(claimId: string, deadline: number, rand: () => number): Command {
  const known = new Date(deadline - Math.floor(rand() * 300) * DAY + Math.floor(rand() * 200) * DAY + Math.floor(rand() * DAY));
  const knownOn = rand() < 0.7 ? known.toISOString().slice(0, 10) : known.toISOString();
  const u = rand();
  const outcome = u < 0.45 ? 'confirmed' : u < 0.93 ? 'refuted' : 'annulled';
  return { type: 'claim.resolve', claimId, input: { outcome, knownOn } } as Command;
}
