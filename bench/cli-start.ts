/**
 * `npm run bench:cli`: how long `reckon` takes to start, as users run it (bin/reckon.js), for
 * `--version` and for `list` on a small database; beside it, in the same run, the floor (a
 * bare `node -e ""`) and the old way (the TypeScript sources compiled by tsx on every start).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const home = mkdtempSync(join(tmpdir(), 'reckon-bench-cli-'));
const env = { PATH: process.env.PATH, HOME: home, RECKON_DATABASE_URL: `file:${join(home, 'r.db')}` };

if (!existsSync(join(ROOT, 'dist/reckon.mjs'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
spawnSync(process.execPath, [join(ROOT, 'bin/reckon.js'), 'import', join(ROOT, 'demo/north-korea-russia.json')], { cwd: home, env });

/** Median and worst wall time (ms) of `RUNS` runs of a command, after one warm-up. */
function time(args: string[]): { median: number; max: number } {
  const runs: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: home, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    if (i > 0) runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)]!, max: runs[runs.length - 1]! };
}

const rows: Array<[string, { median: number; max: number }]> = [
  ['baseline: node -e ""', time(['-e', ''])],
  ['reckon --version', time([join(ROOT, 'bin/reckon.js'), '--version'])],
  ['reckon list', time([join(ROOT, 'bin/reckon.js'), 'list'])],
  ['old way: tsx src/cli/main.ts --version', time(['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/main.ts'), '--version'])],
];
console.log(`CLI start-up, ${RUNS} runs each (wall time, ms)`);
for (const [name, { median, max }] of rows) console.log(`${name.padEnd(42)} median ${median.toFixed(0).padStart(5)}   max ${max.toFixed(0).padStart(5)}`);
