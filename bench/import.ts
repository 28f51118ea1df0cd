/**
 * bench:import — generate a Reckon CSV of 100,000 claims with 1,000,000 forecasts, import it
 * with `reckon import` in a child process (as a user would), and report rows/s and the
 * child's peak memory; beside it, raw @libsql/client multi-row inserts of the same number
 * of rows into a bare table (the storage floor) measured in the same run.
 * Usage: npm run bench:import [-- --claims 100000 --per-claim 10]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';
import { mb, prng } from './lib.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '100000' }, 'per-claim': { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } } });
const claims = Number(values.claims);
const perClaim = Number(values['per-claim']);
const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-import-'));
const csv = join(dir, 'forecasts.csv');

async function writeCsv(): Promise<number> {
  const rand = prng(7);
  const out = createWriteStream(csv);
  const write = (s: string): Promise<void> | undefined => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  await write('id,question,kind,criteria,deadline,source,probability,made at,outcome,resolved on\n');
  let rows = 0;
  for (let c = 0; c < claims; c++) {
    const truth = rand();
    const outcome = rand() < 0.8 ? (rand() < truth ? 'yes' : 'no') : '';
    const resolved = outcome ? '2024-12-31' : '';
    for (let k = 0; k < perClaim; k++) {
      const p = Math.min(0.99, Math.max(0.01, Math.round((truth + (rand() - 0.5) * 0.5) * 100) / 100));
      const day = String(1 + k).padStart(2, '0');
      await write(`q${c},"Will generated event ${c} happen, in topic ${c % 97}?",prediction,Yes if it happens by the end of 2024.,2024-12-31,Forecaster ${(c + k) % 200},${p},2023-03-${day}T10:00:00Z,${outcome},${resolved}\n`);
      rows++;
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return rows;
}

let t = performance.now();
const rows = await writeCsv();
console.log(`generated ${csv}: ${rows.toLocaleString()} rows, ${claims.toLocaleString()} claims, ${mb(statSync(csv).size)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// The import, as a user runs it, in its own process so its peak memory is its own.
const db = join(dir, 'reckon.db');
t = performance.now();
// The same heap cap as bin/reckon.js (HEAP_MB), which is how users run it.
const run = spawnSync(process.execPath, ['--max-old-space-size=384', '--import', 'tsx', '-e', `process.argv=[process.argv[0],'reckon','import',${JSON.stringify(csv)},'--json'];await import('./src/cli/main.ts');const u=process.resourceUsage();process.stderr.write('MAXRSS '+u.maxRSS+'\\n')`], {
  env: { ...process.env, RECKON_DATABASE_URL: `file:${db}` },
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const seconds = (performance.now() - t) / 1000;
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const report = JSON.parse(run.stdout) as { events: { appended: number }; claims: { created: number }; seconds: number };
const summary = { events: report.events.appended, claims: report.claims.created, seconds: report.seconds };
const rss = Number(/MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? 0) * 1024;

// Baseline: the same number of rows as raw multi-row inserts into a bare table, in one transaction.
const raw = createClient({ url: `file:${join(dir, 'raw.db')}` });
await raw.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, claim TEXT, source TEXT, p REAL, made_at TEXT)');
const tx = await raw.transaction('write');
t = performance.now();
for (let i = 0; i < summary.events; i += 1000) {
  const n = Math.min(1000, summary.events - i);
  const args: Array<string | number> = [];
  for (let k = 0; k < n; k++) args.push(i + k, `q${i + k}`, 'f', 0.5, '2023-03-01T10:00:00Z');
  await tx.execute({ sql: `INSERT INTO t VALUES ${Array.from({ length: n }, () => '(?,?,?,?,?)').join(',')}`, args });
}
await tx.commit();
const rawSeconds = (performance.now() - t) / 1000;
raw.close();

console.log(`\nreckon import of ${rows.toLocaleString()} CSV rows → ${summary.claims.toLocaleString()} claims, ${summary.events.toLocaleString()} events:`);
console.log(`  wall time          ${seconds.toFixed(1)} s (goal < 60 s), of which the import itself ${summary.seconds.toFixed(1)} s`);
console.log(`  throughput         ${Math.round(rows / summary.seconds).toLocaleString()} CSV rows/s, ${Math.round(summary.events / summary.seconds).toLocaleString()} events/s`);
console.log(`  peak memory (RSS)  ${mb(rss)} (goal < 500 MB)`);
console.log(`  baseline: raw multi-row INSERTs of ${summary.events.toLocaleString()} rows into a bare table: ${rawSeconds.toFixed(1)} s, ${Math.round(summary.events / rawSeconds).toLocaleString()} rows/s`);
console.log(`  ratio              ${(summary.seconds / rawSeconds).toFixed(1)}× the raw insert time (each event is also validated, hashed and projected)`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
