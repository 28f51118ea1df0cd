/**
 * bench:scoring, second part — GET /api/leaderboard (unfiltered, by mean, by tag, by period)
 * and GET /api/claims/{id}/scores over the same database, p50/p99 of many requests (goal:
 * p99 < 100 ms), each beside a same-run baseline: the bare SQL read of the same projection
 * rows (the source totals; one claim's rows), without the route, validation or JSON.
 */
import type { Database } from '../src/db/client.js';
import type { createApp } from '../src/http/app.js';
import { prng } from './lib.js';

type App = ReturnType<typeof createApp>;

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((q / 100) * s.length) - 1)] ?? NaN;
}

async function times(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

const line = (label: string, xs: number[]) => `  ${label.padEnd(44)} p50 ${percentile(xs, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(xs, 99).toFixed(1).padStart(6)} ms`;

export async function benchMetaculusScores(app: App, db: Database, claims: number, runs: number): Promise<void> {
  const n = Math.max(50, runs * 15);
  const rows = Number((await db.client.execute('SELECT count(*) AS n FROM claim_scores')).rows[0]?.n);
  const json = async (path: string) => {
    const res = await app.request(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  const first = (await json('/api/leaderboard')) as { items: unknown[] };
  console.log(`\nMetaculus scores over ${rows.toLocaleString()} claim × source score rows, ${first.items.length} sources on the leaderboard (${n} requests each):`);
  const bareTotals = await times(n, () => db.client.execute('SELECT * FROM source_score_totals'));
  console.log(line('GET /api/leaderboard', await times(n, () => json('/api/leaderboard'))));
  console.log(line('GET /api/leaderboard?score=baseline&order=mean', await times(n, () => json('/api/leaderboard?score=baseline&order=mean'))));
  console.log(line('  baseline: SELECT * FROM source_score_totals', bareTotals));
  console.log(line('GET /api/leaderboard?tag=t7 (2 % of claims)', await times(Math.ceil(n / 5), () => json('/api/leaderboard?tag=t7'))));
  console.log(line('GET /api/leaderboard?from=2024-12-31&to=2024-12-31', await times(Math.ceil(n / 10), () => json('/api/leaderboard?from=2024-12-31&to=2024-12-31'))));
  console.log(line('  baseline: bare GROUP BY over every row', await times(Math.ceil(n / 10), () => db.client.execute('SELECT source_id, count(*), sum(peer), sum(coverage) FROM claim_scores GROUP BY source_id'))));
  const rand = prng(7);
  const ids = Array.from({ length: n }, () => `c${Math.floor(rand() * claims)}`);
  console.log(line('GET /api/claims/{id}/scores', await times(n, (i) => json(`/api/claims/${ids[i]}/scores`))));
  console.log(line('  baseline: SELECT one claim’s score rows', await times(n, (i) => db.client.execute({ sql: 'SELECT * FROM claim_scores WHERE claim_id = ?', args: [ids[i]!] }))));
  console.log(line('GET /api/claims/{id}/scores?at= (spot, computed)', await times(n, (i) => json(`/api/claims/${ids[i]}/scores?at=2023-06-01`))));
  console.log(line('GET /api/claims/{id}/aggregate (computed)', await times(n, (i) => json(`/api/claims/${ids[i]}/aggregate`))));
}
