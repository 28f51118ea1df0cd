/**
 * bench:write — POST forecasts through the real server on loopback (autocannon, 50
 * connections, 10 s), beside, in the same run, a bare Hono POST handler that only parses and
 * echoes JSON (the HTTP ceiling) and raw @libsql/client single-row autocommit inserts at the
 * same durability (the fsync floor). Then checks that no acknowledged forecast is missing.
 * Usage: npm run bench:write [-- --claims 100000 --seconds 10 --durability full|normal]
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createClient } from '@libsql/client';
import { addOpenClaims, bareProcess, benchDatabase, cpuMs, mb, peakRss, serveProcess, stop } from './lib.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, durability: { type: 'string', default: 'full' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const durability = values.durability === 'normal' ? 'normal' : 'full';

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

const line = (name: string, r: autocannon.Result) =>
  `  ${name.padEnd(34)} ${Math.round(r.requests.average).toLocaleString().padStart(7)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   2xx ${r['2xx'].toLocaleString()}   non-2xx ${r.non2xx}   errors ${r.errors}`;

const db = await benchDatabase(Number(values.claims), 'write');
const claims = await addOpenClaims(db.url, 200);
const server = await serveProcess(db.url, { RECKON_DURABILITY: durability });
const open = createClient({ url: db.url });
const before = Number((await open.execute('SELECT count(*) AS n FROM events')).rows[0]?.n);

let i = 0;
const reckonCpu0 = cpuMs(server.child.pid as number);
const reckon = await run({
  url: server.base,
  connections,
  duration: seconds,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        i++;
        return { ...req, path: `/api/claims/${claims[i % claims.length]}/forecasts`, body: JSON.stringify({ sourceId: `f${i % 50}`, probability: ((i * 7) % 97) / 100 + 0.01 }) };
      },
    },
  ],
});
const reckonCpu = cpuMs(server.child.pid as number) - reckonCpu0;
const serverRss = peakRss(server.child.pid as number);
await stop(server.child);
const after = Number((await open.execute('SELECT count(*) AS n FROM events')).rows[0]?.n);
open.close();

const bare = await bareProcess();
const bareCpu0 = cpuMs(bare.child.pid as number);
const ceiling = await run({ url: `${bare.base}/echo`, connections, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sourceId: 'f1', probability: 0.42 }) });
const bareCpu = cpuMs(bare.child.pid as number) - bareCpu0;
await stop(bare.child);

// The fsync floor: single-row autocommit inserts on a fresh file at the same durability.
const floorDb = createClient({ url: `file:${db.dir}/floor.db` });
await floorDb.execute('PRAGMA journal_mode=WAL');
if (durability === 'normal') await floorDb.execute('PRAGMA synchronous=NORMAL');
await floorDb.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
let floorCount = 0;
const floorEnd = performance.now() + Math.min(seconds, 5) * 1000;
while (performance.now() < floorEnd) {
  await floorDb.execute({ sql: 'INSERT INTO t (body) VALUES (?)', args: ['{"sourceId":"f1","probability":0.42}'] });
  floorCount++;
}
const floorRate = floorCount / Math.min(seconds, 5);
floorDb.close();

const ok = reckon['2xx'];
const grew = after - before;
console.log(`\nbench:write — ${connections} connections, ${seconds} s, synchronous=${durability.toUpperCase()} (WAL)`);
console.log(line('Reckon POST /api/claims/{id}/forecasts', reckon));
console.log(line('baseline: bare Hono JSON echo', ceiling));
console.log(`  ${'baseline: raw libSQL autocommit inserts'.padEnd(34)} ${Math.round(floorRate).toLocaleString().padStart(7)} rows/s (one connection, each commit waits for fsync)`);
console.log(`  ratio Reckon / bare handler        ${(reckon.requests.average / ceiling.requests.average).toFixed(2)}   (goal ≥ 0.25)`);
console.log(`  ratio Reckon / raw autocommit      ${(reckon.requests.average / floorRate).toFixed(1)}× (group commit)`);
const perRequest = (ms: number, r: autocannon.Result) => (ms * 1000) / Math.max(1, r['2xx'] + r.non2xx);
console.log(`  server CPU per request           Reckon ${perRequest(reckonCpu, reckon).toFixed(0)} µs, bare handler ${perRequest(bareCpu, ceiling).toFixed(0)} µs (${(perRequest(reckonCpu, reckon) / perRequest(bareCpu, ceiling)).toFixed(1)}×)`);
console.log(`  p99 ${reckon.latency.p99} ms (goal < 50 ms), errors ${reckon.errors + reckon.non2xx} (goal 0)`);
console.log(`  acknowledged ${ok}, events grew by ${grew}: ${grew >= ok && grew <= ok + connections ? 'none missing, none extra beyond in-flight' : 'MISMATCH'}`);
console.log(`  peak server RSS ${mb(serverRss)} (goal < 300 MB)`);
rmSync(db.dir, { recursive: true, force: true });
