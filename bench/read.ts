/**
 * bench:read — p50/p99 at 20 connections for the claim list (first page, each filter),
 * full-text search, the claim page of a claim with 1,000 forecasts, a source track record, and
 * (issue 14) the overview, survival curves, base rates, ranked sources and filtered calibration,
 * leaderboards over a period holding every score row,
 * on a generated database of 100,000 claims and 1,000,000 forecasts; beside it, a bare Hono
 * GET handler returning fixed JSON, and the same handler sending the claim page's own bytes
 * (what moving that answer alone costs), measured in the same run.
 *
 * Cold: the analytics answers are kept until the ledger moves, so each is also measured as the
 * first request after a write: `--cold-rounds` times, a write (a source registered: the ledger
 * moves, no analytics change) then `connections` concurrent GETs of the answer; p50/p99/max of
 * all their latencies, beside the same for a GET of the sources by name (no answer kept). A
 * track record is measured cold after a write that changes what is scored: the big claim
 * resolved, the next round reopened.
 * Usage: npm run bench:read [-- --claims 100000 --seconds 5 --warmup 3 --cold-rounds 10 --only 'list: source']
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { bareProcess, benchDatabase, mb, peakRss, serveProcess, stop } from './lib.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '20' }, warmup: { type: 'string', default: '3' }, 'cold-rounds': { type: 'string', default: '10' }, only: { type: 'string' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const warmup = Number(values.warmup);

function run(url: string, duration = seconds): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon({ url, connections, duration }, (err, res) => (err ? reject(err) : resolve(res))));
}

const db = await benchDatabase(Number(values.claims), 'read');
const server = await serveProcess(db.url);
const CLAIM_PAGE = '/api/claims/big-claim';
const scenarios: Array<[string, string, number]> = [
  ['list: first page', '/api/claims', 20],
  ['list: kind=prediction', '/api/claims?kind=prediction', 20],
  ['list: status=open', '/api/claims?status=open', 20],
  ['list: tag=t7', '/api/claims?tag=t7', 20],
  ['list: source=f3', '/api/claims?source=f3', 20],
  ['list: due=passed', '/api/claims?due=passed', 20],
  ['list: sort=deadline', '/api/claims?sort=deadline', 20],
  ['search: q=generated topic', '/api/claims?q=generated%20topic', 50],
  ['search: q=question 4242', '/api/claims?q=question%204242', 50],
  ['claim page: 1,000 forecasts', CLAIM_PAGE, 20],
  ['track record: f3', '/api/sources/f3/track-record', 50],
  // Added with the read-path work: a filter matching few claims, and the other scoring rule.
  ['list: due=upcoming', '/api/claims?due=upcoming', 20],
  ['track record: f3 time-weighted', '/api/sources/f3/track-record?rule=time-weighted', 50],
  // Issue 14: the analytics and rankings, each under 100 ms at p99 and under 1 MB.
  ['overview', '/api/overview', 100],
  ['survival: by=none', '/api/survival', 100],
  ['survival: by=source', '/api/survival?by=source', 100],
  ['survival: by=sourceType', '/api/survival?by=sourceType', 100],
  ['base rates: by=sourceType', '/api/base-rates?by=sourceType', 100],
  ['base rates: by=country', '/api/base-rates?by=country', 100],
  ['base rates: by=source', '/api/base-rates?by=source', 100],
  ['sources: sort=brier', '/api/sources?sort=brier', 100],
  ['sources: sort=accuracy', '/api/sources?sort=accuracy', 100],
  ['calibration: tag=t7', '/api/calibration?tag=t7', 100],
  ['calibration: source=f3', '/api/calibration?source=f3', 100],
  ['calibration: time-weighted', '/api/calibration?rule=time-weighted', 100],
  // Leaderboards over a period holding every score row (800,000 at 100,000 claims): summed per
  // day and month (claim_score_periods), not row by row; the second with part-days at both edges.
  ['leaderboard: one day, all rows', '/api/leaderboard?from=2024-12-31&to=2024-12-31', 100],
  ['leaderboard: long period, edges', '/api/leaderboard?from=2020-01-01T06:00:00Z&to=2025-06-30T18:00:00Z&order=mean', 100],
];
console.log(`bench:read — ${connections} connections, ${seconds} s each, ${Number(values.claims).toLocaleString()} claims`);
// Warm-up, not measured (--warmup 0 to skip): V8 compiles the server's code as it runs, over
// its first few thousand requests, which otherwise lands in whichever scenario comes first (a
// one-row GET shows a p99 of tens of ms in its first second). It reads a page no scenario
// reads (the oldest claims), so none of the measured answers is cached by it.
const WARMUP_PATH = '/api/claims?sort=oldest&limit=5';
if (warmup > 0) {
  await run(`${server.base}${WARMUP_PATH}`, warmup);
  console.log(`  (warm-up: ${warmup} s of GET ${WARMUP_PATH}, not measured)`);
}
const rows: string[] = [];
for (const [name, path, goal] of scenarios) {
  if (values.only !== undefined && !name.includes(values.only)) continue;
  const r = await run(`${server.base}${path}`);
  // The answer's size, for the goals that bound it (under 1 MB).
  const bytes = (await (await fetch(`${server.base}${path}`)).arrayBuffer()).byteLength;
  // No request answered in the whole run is not a goal met (autocannon then reports a p99 of 0).
  const met = r.requests.total > 0 && r.latency.p99 < goal && r.errors === 0 && r.non2xx === 0 && (goal !== 100 || bytes < 1024 * 1024);
  rows.push(`  ${name.padEnd(30)} ${Math.round(r.requests.average).toLocaleString().padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(3)} ms   p99 ${String(r.latency.p99).padStart(4)} ms (goal < ${goal})   ${String(Math.round(bytes / 1024)).padStart(4)} KB   ${met ? 'met' : 'NOT met'}${r.non2xx + r.errors ? `   non-2xx/errors ${r.non2xx}/${r.errors}` : ''}`);
  console.log(rows[rows.length - 1]);
}

let written = 0;
const postJson = (path: string, body: unknown) => fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** A write that moves the ledger but changes no answer measured here: a source registered. */
const registerSource = () => {
  const id = `bench-cold-${process.pid}-${written++}`;
  return postJson('/api/sources', { id, name: id, type: 'other' });
};
let bigResolved = false;
/** A write that changes what is scored (a track record's forecast scores are kept until one): the big claim resolved, next time reopened. */
const resolveOrReopen = () => {
  bigResolved = !bigResolved;
  return bigResolved ? postJson(`${CLAIM_PAGE}/resolution`, { outcome: 'confirmed', knownOn: new Date().toISOString() }) : postJson(`${CLAIM_PAGE}/reopen`, { reason: 'bench: cold track record' });
};
/** Latencies (ms) of `connections` concurrent GETs of `path`, each round right after a write. */
async function coldLatencies(path: string, rounds: number, write: () => Promise<Response> = registerSource): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const w = await write();
    if (w.status !== 201) throw new Error(`write for the cold read: ${w.status} ${await w.text()}`);
    out.push(
      ...(await Promise.all(
        Array.from({ length: connections }, async () => {
          const t = performance.now();
          const res = await fetch(`${server.base}${path}`);
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
          return performance.now() - t;
        }),
      )),
    );
  }
  return out.sort((a, b) => a - b);
}
const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] as number;
const coldRounds = Number(values['cold-rounds']);
if (coldRounds > 0) {
  console.log(`  cold: the first ${connections} concurrent requests after a write, ${coldRounds} rounds each`);
  const coldRow = (name: string, xs: number[], goal?: number) =>
    console.log(`  cold ${name.padEnd(25)} p50 ${pct(xs, 0.5).toFixed(0).padStart(4)} ms   p99 ${pct(xs, 0.99).toFixed(0).padStart(4)} ms   max ${xs[xs.length - 1]?.toFixed(0).padStart(4)} ms${goal ? ` (goal < ${goal})   ${pct(xs, 0.99) < goal ? 'met' : 'NOT met'}` : ''}`);
  coldRow('baseline: sources by name', await coldLatencies('/api/sources?limit=20', coldRounds));
  // A track record after a resolution or reopening (what its forecast scores are kept until): goal < 100 ms.
  for (const [name, path] of scenarios) {
    if (!name.startsWith('track record') || (values.only !== undefined && !name.includes(values.only))) continue;
    coldRow(name, await coldLatencies(path, coldRounds, resolveOrReopen), 100);
  }
  for (const [name, path, goal] of scenarios) {
    if (goal !== 100 || (values.only !== undefined && !name.includes(values.only))) continue;
    coldRow(name, await coldLatencies(path, coldRounds), goal);
  }
}
const rss = peakRss(server.child.pid as number);
const claimPage = Buffer.from(await (await fetch(`${server.base}${CLAIM_PAGE}`)).arrayBuffer());
await stop(server.child);
const bodyFile = join(db.dir, 'claim-page.json');
writeFileSync(bodyFile, claimPage);
const bare = await bareProcess({ BARE_BODY_FILE: bodyFile });
const baseline = (name: string, r: autocannon.Result) =>
  console.log(`  ${name.padEnd(30)} ${Math.round(r.requests.average).toLocaleString().padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(3)} ms   p99 ${String(r.latency.p99).padStart(4)} ms`);
baseline('baseline: bare Hono GET', await run(`${bare.base}/fixed`));
baseline(`baseline: bare, ${Math.round(claimPage.byteLength / 1024)} KB claim page`, await run(`${bare.base}/body`));
await stop(bare.child);
console.log(`  peak server RSS ${mb(rss)} (goal < 300 MB)`);
rmSync(db.dir, { recursive: true, force: true });
