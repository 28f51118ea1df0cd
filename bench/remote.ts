/**
 * bench:remote — Reckon on a remote database, over the Hrana test server with 0, 10 and 40 ms
 * added per round trip, beside the same run on a local file: forecasts written per second
 * (POST, 50 connections), a claim page's latency (GET, 50 connections, p50/p99) and the
 * writer's round trips per group commit (counted by the server). Every run starts from a copy
 * of the same database; each server runs in a process of its own.
 * Each figure is the median of `--runs` runs (forecasts/s), printed with the range of all of them:
 * the run-to-run spread on a 2-core machine is several per cent.
 * Usage: npm run bench:remote [-- --seconds 5 --connections 50 --latencies 0,10,40 --runs 3 --profile DIR]
 * `--profile DIR` writes a V8 CPU profile of each `reckon serve` into DIR (node --cpu-prof; open it
 * in Chrome's DevTools): where the server's time goes, measured rather than guessed.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/client.js';
import type { Command } from '../src/ledger/commands.js';
import { Ledger } from '../src/ledger/ledger.js';
import { stop } from './lib.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '50' }, latencies: { type: 'string', default: '0,10,40' }, runs: { type: 'string', default: '3' }, profile: { type: 'string' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const latencies = values.latencies.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));
const CLAIMS = 200;
const SOURCES = 50;

/** The starting database: sources, open claims (deadline far ahead) with a few forecasts each. */
async function seed(path: string): Promise<void> {
  const db = await openDatabase({ url: `file:${path}`, durability: 'normal' });
  const cmds: Command[] = [];
  for (let s = 0; s < SOURCES; s++) cmds.push({ type: 'source.register', input: { id: `f${s}`, name: `Forecaster ${s}`, type: 'forecaster' } });
  for (let c = 0; c < CLAIMS; c++) {
    cmds.push({ type: 'claim.create', input: { id: `c${c}`, kind: 'prediction', title: `Remote bench question ${c}`, statement: 's', resolutionCriteria: 'r', deadline: '2035-01-01', tags: [`t${c % 10}`] } });
    for (let k = 0; k < 5; k++) cmds.push({ type: 'forecast.record', claimId: `c${c}`, input: { sourceId: `f${(c + k) % SOURCES}`, probability: 0.1 + k * 0.15 } });
  }
  await new Ledger(db).appendAll(cmds);
  db.close();
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

/**
 * `reckon serve` as its own process on a free port (as bench/lib.ts's serveProcess, reading
 * the address after "at": the start-up line names a server database's http:// URL first).
 */
function serve(url: string): Promise<{ child: ChildProcess; base: string }> {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    env: { ...process.env, RECKON_DATABASE_URL: url, HOST: '127.0.0.1', RECKON_WRITE_RATE: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = / at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, base: m[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`reckon serve exited ${code}: ${out}`)));
  });
}

/** The Hrana test server as its own process. */
function hranaProcess(path: string, latency: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/hrana-process.ts', path, String(latency)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve({ child, url: d.toString().trim() }));
    child.once('exit', (code) => reject(new Error(`the Hrana server exited ${code}`)));
  });
}

interface Stats {
  roundTrips: number;
  pipelines: { reads: number; writeBatches: number };
}
const stats = async (url: string): Promise<Stats> => (await fetch(`${url}/stats`)).json() as Promise<Stats>;

interface Row {
  target: string;
  /** Forecasts/s of every run of this target (the row is the median run). */
  rates?: number[];
  writes: autocannon.Result;
  reads: autocannon.Result;
  perGroup: string;
  groupSize: string;
}

async function measure(target: string, url: string, hrana?: string): Promise<Row> {
  const server = await serve(url);
  try {
    let i = 0;
    const before = hrana ? await stats(hrana) : null;
    const writes = await run({
      url: server.base,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            i++;
            return { ...req, path: `/api/claims/c${i % CLAIMS}/forecasts`, body: JSON.stringify({ sourceId: `f${i % SOURCES}`, probability: ((i * 7) % 97) / 100 + 0.01 }) };
          },
        },
      ],
    });
    const after = hrana ? await stats(hrana) : null;
    let j = 0;
    const reads = await run({ url: server.base, connections, duration: seconds, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/claims/c${j++ % CLAIMS}` }) }] });
    // Each group commit is one write batch (BEGIN IMMEDIATE). Every request the server answered
    // while the writes ran counts against them: the groups' reads, and anything else (the
    // "is there a token?" question of tokenless writes, the webhook dispatcher's polls).
    const groups = after && before ? after.pipelines.writeBatches - before.pipelines.writeBatches : 0;
    const perGroup = after && before && groups > 0 ? ((after.roundTrips - before.roundTrips) / groups).toFixed(2) : '—';
    const groupSize = groups > 0 ? (writes['2xx'] / groups).toFixed(1) : '—';
    return { target, writes, reads, perGroup, groupSize };
  } finally {
    await stop(server.child);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-remote-'));
try {
  const start = join(dir, 'start.db');
  await seed(start);
  const rows: Row[] = [];
  // A new file for each run: a file copied over one whose -wal and -shm remain would be read with them.
  let copies = 0;
  const fresh = (name: string) => {
    const path = join(dir, `${name}-${++copies}.db`);
    copyFileSync(start, path);
    return path;
  };
  /** The median of `runs` runs, each on a fresh copy of the starting database. */
  const median = async (run: () => Promise<Row>): Promise<Row> => {
    const all: Row[] = [];
    for (let k = 0; k < runs; k++) all.push(await run());
    all.sort((a, b) => a.writes.requests.average - b.writes.requests.average);
    return { ...(all[all.length >> 1] as Row), rates: all.map((r) => Math.round(r.writes.requests.average)) };
  };
  rows.push(await median(() => measure('local file (baseline)', `file:${fresh('local')}`)));
  for (const latency of latencies) {
    rows.push(
      await median(async () => {
        const hrana = await hranaProcess(fresh(`remote-${latency}`), latency);
        try {
          return await measure(`Hrana server, +${latency} ms round trip`, hrana.url, hrana.url);
        } finally {
          await stop(hrana.child);
        }
      }),
    );
  }
  console.log(`\nbench:remote — ${connections} connections, ${seconds} s per figure, ${CLAIMS} claims, median of ${runs} run(s)`);
  console.log('| storage | forecasts/s | all runs | write p50 / p99 | errors | round trips per group | forecasts per group | claim read p50 / p99 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const errors = r.writes.errors + r.writes.non2xx + r.reads.errors + r.reads.non2xx;
    console.log(`| ${r.target} | ${Math.round(r.writes.requests.average).toLocaleString()} | ${(r.rates ?? []).map((x) => x.toLocaleString()).join(', ')} | ${r.writes.latency.p50} / ${r.writes.latency.p99} ms | ${errors} | ${r.perGroup} | ${r.groupSize} | ${r.reads.latency.p50} / ${r.reads.latency.p99} ms |`);
  }
  console.log('Goals at +10 ms, 50 connections: ≥ 2,000 forecasts/s, ≤ 2.5 round trips per group, claim read p50 ≤ 2 round trips (≤ 20 ms).');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
