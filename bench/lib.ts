import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import type { Command } from '../src/ledger/commands.js';
import { Ledger } from '../src/ledger/ledger.js';

/** A small seeded PRNG (mulberry32), so every run builds the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scale {
  claims: number;
  forecastsPerClaim: number;
  sources: number;
  resolvedShare: number;
}

/**
 * Commands for a generated body of work: `sources` forecasters; `claims` predictions, each
 * with `forecastsPerClaim` forecasts by distinct sources (two decimals, backdated so they
 * are backfilled history), and a share of them resolved with an outcome drawn from the
 * forecasters' average belief.
 */
export function* generate(scale: Scale, seed = 42): Generator<Command> {
  const rand = prng(seed);
  for (let s = 0; s < scale.sources; s++) yield { type: 'source.register', input: { id: `f${s}`, name: `Forecaster ${s}`, type: 'forecaster' } };
  const start = Date.UTC(2020, 0, 1);
  for (let c = 0; c < scale.claims; c++) {
    const id = `c${c}`;
    const truth = rand();
    yield { type: 'claim.create', input: { id, kind: 'prediction', title: `Generated question ${c} about topic ${c % 97}`, statement: `Will event ${c} happen?`, resolutionCriteria: 'Yes if it happens before the deadline.', tags: [`t${c % 50}`], deadline: '2024-12-31' } };
    const first = start + Math.floor(rand() * 3 * 365) * 86_400_000;
    const offset = Math.floor(rand() * scale.sources);
    for (let k = 0; k < scale.forecastsPerClaim; k++) {
      const p = Math.min(0.99, Math.max(0.01, Math.round((truth + (rand() - 0.5) * 0.6) * 100) / 100));
      yield { type: 'forecast.record', claimId: id, input: { sourceId: `f${(offset + k) % scale.sources}`, probability: p, madeAt: new Date(first + k * 3_600_000).toISOString() } };
    }
    if (rand() < scale.resolvedShare) yield { type: 'claim.resolve', claimId: id, input: { outcome: rand() < truth ? 'confirmed' : 'refuted', knownOn: '2024-12-31' } };
  }
}

export async function freshBenchLedger(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `reckon-bench-${name}-`));
  const url = `file:${join(dir, 'bench.db')}`;
  const db = await openDatabase({ url });
  return { dir, url, db, ledger: new Ledger(db) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
