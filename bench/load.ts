/**
 * bench:load — drive the real server on loopback with autocannon for a bounded time with a
 * mix of reads and writes (4 reads : 1 write); print requests/s, p50/p99 latency and errors,
 * and check that no write was lost (events before and after).
 * Usage: npm run bench:load [-- --seconds 10 --connections 20 --claims 2000]
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createClient } from '@libsql/client';
import { addOpenClaims, benchDatabase, mb, peakRss, serveProcess, stop } from './lib.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '2000' }, seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } } });
const db = await benchDatabase(Number(values.claims), 'load');
const open = await addOpenClaims(db.url, 100);
const server = await serveProcess(db.url);
const raw = createClient({ url: db.url });
const count = async () => Number((await raw.execute('SELECT count(*) AS n FROM events')).rows[0]?.n);
const before = await count();

let n = 0;
let writes2xx = 0;
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: server.base,
      connections: Number(values.connections),
      duration: Number(values.seconds),
      requests: [
        {
          setupRequest: (req) => {
            n++;
            const claim = open[n % open.length] as string;
            if (n % 5 === 0) return { ...req, method: 'POST', path: `/api/claims/${claim}/forecasts`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sourceId: `f${n % 50}`, probability: 0.37 }) };
            const reads = ['/api/claims', `/api/claims/${claim}`, '/api/claims?q=generated', '/api/sources/f1/track-record'];
            return { ...req, method: 'GET', path: reads[n % 4] as string, body: undefined };
          },
        },
      ],
    },
    (err, res) => (err ? reject(err) : resolve(res)),
  );
  instance.on('response', (client, status, _body, _time) => {
    if (status === 201) writes2xx++;
  });
});
const rss = peakRss(server.child.pid as number);
await stop(server.child);
const grew = (await count()) - before;
raw.close();
console.log(`bench:load — ${values.connections} connections, ${values.seconds} s, 4 reads : 1 write`);
console.log(`  ${Math.round(result.requests.average).toLocaleString()} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   non-2xx ${result.non2xx}   errors ${result.errors}   timeouts ${result.timeouts}`);
console.log(`  writes acknowledged ${writes2xx}, events grew by ${grew}: ${grew >= writes2xx && grew <= writes2xx + Number(values.connections) ? 'no write lost' : 'MISMATCH'}`);
console.log(`  peak server RSS ${mb(rss)}`);
rmSync(db.dir, { recursive: true, force: true });
if (result.errors || result.non2xx || grew < writes2xx) process.exitCode = 1;
