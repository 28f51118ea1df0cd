/**
 * bench:verify — does a crowd on GET /api/verify hold up an unrelated read? On the generated
 * 100,000-claim database (about 1.1 M events), the real server in its own process:
 *   1. baseline: one client reads GET /api/claims/{id} in a loop, nothing else running;
 *   2. cold: the same reader while 20 connections hammer /api/verify on a server that has no
 *      verified mark yet (the first walk of the whole chain runs, shared by every caller);
 *   3. warm: the same again once the mark exists (each call walks only what is new);
 *   4. control: the same crowd on a cheap read (GET /api/sources), the floor of any crowd.
 * Prints the claim read's p50/p99 in each phase beside the baseline, and what the verify
 * callers got (200 / 503 with Retry-After from the concurrency limit).
 * Usage: npm run bench:verify [-- --seconds 10 --connections 20 --claims 100000]
 */
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { benchDatabase, serveProcess, stop } from './lib.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } } });
const claims = Number(values.claims);
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const db = await benchDatabase(claims, 'verify');
const server = await serveProcess(db.url);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET on a kept-alive socket; its status and wall time in ms. */
function get(path: string): Promise<{ status: number; ms: number; body: string }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${server.base}${path}`, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Read claims one after another for `ms`; the latencies of the 200s. */
async function readClaims(ms: number): Promise<{ lat: number[]; bad: number }> {
  const lat: number[] = [];
  let bad = 0;
  const end = performance.now() + ms;
  for (let i = 0; performance.now() < end; i++) {
    const r = await get(`/api/claims/c${(i * 7919) % claims}`);
    if (r.status === 200) lat.push(r.ms);
    else bad++;
  }
  return { lat, bad };
}

/** Hammer /api/verify with `connections` connections for `ms` while the claim reader runs. */
async function underLoad(ms: number, path = '/api/verify') {
  const statuses = new Map<number, number>();
  const cannon = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `${server.base}${path}`, connections, duration: ms / 1000 }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  });
  const reads = await readClaims(ms);
  const result = await cannon;
  return { reads, result, statuses };
}

const line = (name: string, r: { lat: number[]; bad: number }) =>
  `  ${name.padEnd(34)} claim GET p50 ${pct(r.lat, 50).toFixed(1).padStart(6)} ms   p99 ${pct(r.lat, 99).toFixed(1).padStart(6)} ms   (${r.lat.length} reads${r.bad ? `, ${r.bad} not 200` : ''})`;
const verifyLine = (v: Awaited<ReturnType<typeof underLoad>>, path = '/api/verify') =>
  `      ${path}: ${[...v.statuses].map(([s, n]) => `${n} × ${s}`).join(', ')}   p50 ${v.result.latency.p50} ms   p99 ${v.result.latency.p99} ms   errors ${v.result.errors}`;

await readClaims(1000); // warm the server's caches and the socket
const baseline = await readClaims(seconds * 1000);
const cold = await underLoad(seconds * 1000);
// Let the first walk finish (it goes on in the background past the callers' time limit).
for (let i = 0; i < 600; i++) {
  const r = await get('/api/verify');
  if (r.status === 200 && (JSON.parse(r.body) as { checkedFrom: number }).checkedFrom > 0) break;
  await new Promise((res) => setTimeout(res, 1000));
}
const warm = await underLoad(seconds * 1000);
// The floor: the same crowd on a cheap read instead of verify.
const control = await underLoad(seconds * 1000, '/api/sources');
const final = JSON.parse((await get('/api/verify')).body) as { ok: boolean; events: number; fullCheck: { status: string } };

console.log(`bench:verify — ${claims.toLocaleString()} claims (${final.events.toLocaleString()} events), ${connections} connections on /api/verify, ${seconds} s per phase`);
console.log(line('baseline (no verify load)', baseline));
console.log(line('cold: first full walk running', cold.reads));
console.log(verifyLine(cold));
console.log(line('warm: incremental from the mark', warm.reads));
console.log(verifyLine(warm));
console.log(line('control: crowd on GET /api/sources', control.reads));
console.log(verifyLine(control, '/api/sources'));
console.log(`  chain ok: ${final.ok}; goal p99 < 50 ms under load: ${Math.max(pct(cold.reads.lat, 99), pct(warm.reads.lat, 99)) < 50 ? 'met' : 'NOT met'}`);
agent.destroy();
await stop(server.child);
rmSync(db.dir, { recursive: true, force: true });
