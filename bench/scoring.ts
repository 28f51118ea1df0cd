/**
 * bench:scoring — GET /api/calibration over 1,000,000 resolved forecasts, beside a bare SQL
 * GROUP BY over the same forecast rows measured in the same run, and the pure function alone.
 * Then the leaderboard and claim scores (Metaculus's peer/baseline, bench/scoring-metaculus.ts).
 * Usage: npm run bench:scoring [-- --claims 100000 --per-claim 10]
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { calibrate } from '../src/domain/scoring/index.js';
import { createApp } from '../src/http/app.js';
import { freshBenchLedger, generate, mb, median } from './lib.js';
import { benchMetaculusScores } from './scoring-metaculus.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '100000' }, 'per-claim': { type: 'string', default: '10' }, runs: { type: 'string', default: '7' } } });
const claims = Number(values.claims);
const perClaim = Number(values['per-claim']);
const runs = Number(values.runs);

const { dir, db, ledger } = await freshBenchLedger('scoring');
let t = performance.now();
const { count } = await ledger.appendAll(generate({ claims, forecastsPerClaim: perClaim, sources: 50, resolvedShare: 1 }));
const buildS = (performance.now() - t) / 1000;
console.log(`built ${count.toLocaleString()} events (${(claims * perClaim).toLocaleString()} forecasts) in ${buildS.toFixed(1)} s — ${Math.round(count / buildS).toLocaleString()} events/s`);

const app = createApp({ db, ledger });
async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const endpoint: number[] = [];
const baseline: number[] = [];
const quantile: number[] = [];
let answer: { count: number } | undefined;
for (let i = 0; i < runs; i++) {
  baseline.push(await time(() => db.client.execute('SELECT CAST(probability * 10 AS INTEGER) AS bin, count(*) AS n, avg(probability) AS p FROM forecasts GROUP BY bin')));
  endpoint.push(
    await time(async () => {
      const res = await app.request('/api/calibration');
      answer = (await res.json()) as { count: number };
    }),
  );
  quantile.push(await time(async () => (await app.request('/api/calibration?binning=quantile')).json()));
}

t = performance.now();
const rs = await db.client.execute("SELECT p_last AS probability, outcome FROM counted_forecasts WHERE variant = 'all'");
const items = rs.rows.map((r) => ({ probability: Number(r.probability), outcome: Number(r.outcome) as 0 | 1 }));
const loadMs = performance.now() - t;
const pure: number[] = [];
for (let i = 0; i < runs; i++) pure.push(await time(() => calibrate(items)));

const e = median(endpoint);
const b = median(baseline);
console.log(`\nGET /api/calibration over ${answer?.count.toLocaleString()} counted forecasts (median of ${runs}):`);
console.log(`  endpoint (equal bins)      ${e.toFixed(1)} ms`);
console.log(`  endpoint (quantile bins)   ${median(quantile).toFixed(1)} ms`);
console.log(`  baseline: bare GROUP BY    ${b.toFixed(1)} ms over ${(claims * perClaim).toLocaleString()} forecast rows`);
console.log(`  ratio endpoint / baseline  ${(e / b).toFixed(2)}×   (goal ≤ 1.5×)`);
console.log(`  pure calibrate() in memory ${median(pure).toFixed(1)} ms over ${items.length.toLocaleString()} items (reading them out took ${loadMs.toFixed(0)} ms)`);
await benchMetaculusScores(app, db, claims, runs);
console.log(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
db.close();
rmSync(dir, { recursive: true, force: true });
