import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
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
    yield { type: 'claim.create', input: { id, kind: 'prediction', title: `Generated question ${c} about topic ${c % 97}`, statement: `Will event ${c} happen?`, resolutionCriteria: 'Yes if it happens before the deadline.', tags: [`t${c % 50}`], openedAt: '2020-01-01T00:00:00Z', deadline: '2024-12-31' } };
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


/**
 * A generated database (`claims` predictions × 10 forecasts, one claim with 1,000 forecasts,
 * stances for the track record, and `claims / 20` allegations with their stances for the
 * analytics: survival, base rates, overview), built once through the ledger's bulk path into ./data/bench
 * and copied for each run, so every benchmark starts from the same state.
 */
export async function benchDatabase(claims: number, name: string): Promise<{ dir: string; path: string; url: string }> {
  // `-a`: with the allegations (issue 14); a database generated before them is not reused.
  const cache = `./data/bench/generated-${claims}-a.db`;
  if (!existsSync(cache)) {
    mkdirSync('./data/bench', { recursive: true });
    const t = performance.now();
    const db = await openDatabase({ url: `file:${cache}` });
    const ledger = new Ledger(db);
    await ledger.appendAll(generate({ claims, forecastsPerClaim: 10, sources: 50, resolvedShare: 0.8 }));
    await ledger.appendAll(bigClaim());
    await ledger.appendAll(allegations(Math.round(claims / 20)));
    await db.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    console.log(`(generated ${cache} in ${((performance.now() - t) / 1000).toFixed(0)} s; later runs reuse it)`);
  }
  // Migrations added since the cache was made are applied to it once, not to every copy.
  const migrated = await openDatabase({ url: `file:${cache}` });
  await migrated.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  migrated.close();
  const dir = mkdtempSync(join(tmpdir(), `reckon-bench-${name}-`));
  const path = join(dir, 'bench.db');
  copyFileSync(cache, path);
  return { dir, path, url: `file:${path}` };
}

/** One open claim with 1,000 forecasts and stances from 20 sources: the heavy claim page. */
function* bigClaim(): Generator<Command> {
  yield { type: 'claim.create', input: { id: 'big-claim', kind: 'prediction', title: 'A much-forecast question about the election', statement: 'Will it happen?', resolutionCriteria: 'Yes if it does.', tags: ['big'], deadline: '2030-01-01' } };
  for (let i = 0; i < 1000; i++) yield { type: 'forecast.record', claimId: 'big-claim', input: { sourceId: `f${i % 50}`, probability: 0.2 + ((i * 37) % 60) / 100, madeAt: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString() } };
  for (let i = 0; i < 20; i++) yield { type: 'stance.record', claimId: 'big-claim', input: { sourceId: `f${i}`, stance: i % 3 ? 'asserts' : 'denies', date: '2023-06' } };
}

const ALLEGATION_SOURCES: Array<[string, string | undefined]> = [
  ['government', 'US'], ['government', 'RU'], ['government', 'KP'], ['government', 'KR'], ['government', 'UA'], ['government', 'GB'],
  ['media', 'US'], ['media', 'GB'], ['media', 'FR'], ['media', 'RU'], ['media', 'KR'], ['media', undefined],
  ['organisation', undefined], ['organisation', 'US'], ['international-body', undefined], ['international-body', undefined],
  ['person', undefined], ['person', 'US'], ['person', 'RU'], ['person', undefined],
];

/**
 * `count` allegations over 2020–2024, each asserted or denied by 1–3 of 20 sources of every
 * type (the first sources speak most: source k is picked with weight 1/(k + 1)), stances
 * dated to the day or (one in four) to the month; three in four resolved — confirmed,
 * refuted, annulled or unresolvable — some days to a few years after the first stance.
 */
function* allegations(count: number, seed = 7): Generator<Command> {
  const rand = prng(seed);
  for (let k = 0; k < ALLEGATION_SOURCES.length; k++) {
    const [type, country] = ALLEGATION_SOURCES[k]!;
    yield { type: 'source.register', input: { id: `a${k}`, name: `Allegation source ${k}`, type: type as never, ...(country ? { country } : {}) } };
  }
  const weights = ALLEGATION_SOURCES.map((_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickSource = () => {
    let x = rand() * total;
    for (let k = 0; k < weights.length; k++) if ((x -= weights[k]!) < 0) return `a${k}`;
    return `a${weights.length - 1}`;
  };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const start = Date.UTC(2020, 0, 1);
  for (let c = 0; c < count; c++) {
    const id = `al${c}`;
    yield { type: 'claim.create', input: { id, kind: 'allegation', title: `Generated allegation ${c} about topic ${c % 97}`, statement: `Something ${c} happened.`, resolutionCriteria: 'Confirmed by two independent outlets.', tags: [`t${c % 50}`] } };
    const first = start + Math.floor(rand() * 4 * 365) * 86_400_000;
    const speakers = new Set<string>();
    for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) speakers.add(pickSource());
    let i = 0;
    for (const sourceId of speakers) {
      const at = first + i++ * Math.floor(rand() * 60) * 86_400_000;
      const date = rand() < 0.25 ? day(at).slice(0, 7) : day(at);
      yield { type: 'stance.record', claimId: id, input: { sourceId, stance: rand() < 0.75 ? 'asserts' : 'denies', date } };
    }
    if (rand() < 0.75) {
      const after = Math.floor(-Math.log(1 - rand()) * 200);
      const knownOn = day(Math.min(first + after * 86_400_000, Date.UTC(2025, 5, 30)));
      const u = rand();
      const outcome = u < 0.5 ? 'confirmed' : u < 0.85 ? 'refuted' : u < 0.93 ? 'annulled' : 'unresolvable';
      yield { type: 'claim.resolve', claimId: id, input: { outcome, knownOn } };
    }
  }
}

/** Start `reckon serve` as its own process on a free port. */
export function serveProcess(url: string, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the server to dir (where the time goes).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    env: { ...process.env, RECKON_DATABASE_URL: url, HOST: '127.0.0.1', RECKON_WRITE_RATE: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return waitForUrl(child);
}

/** Start the bare Hono handler (the HTTP ceiling) as its own process. */
export function bareProcess(extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
  return waitForUrl(child);
}

function waitForUrl(child: ChildProcess): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, base: m[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`process exited ${code}: ${out}`)));
  });
}

/** Peak resident memory of a live process (Linux VmHWM). */
export function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** CPU time (user + system, all threads) a live process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

/**
 * `count` open questions whose deadline lies years ahead, appended through the ledger before a
 * write benchmark starts its server. The generated claims' deadline (2024-12-31) has passed, so a
 * forecast on them is refused (409 forecasting-closed, issue 13) and would measure nothing.
 */
export async function addOpenClaims(url: string, count: number): Promise<string[]> {
  const db = await openDatabase({ url });
  const ids = Array.from({ length: count }, (_, i) => `bench-open-${i}`);
  await new Ledger(db).appendAll(
    ids.map((id, i): Command => ({ type: 'claim.create', input: { id, kind: 'prediction', title: `Open bench question ${i}`, statement: 'Will it happen?', resolutionCriteria: 'Yes if it does.', tags: [`t${i % 50}`], deadline: '2035-12-31' } })),
  );
  db.close();
  return ids;
}
