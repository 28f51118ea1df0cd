/**
 * A short load run in the suite (the long one is `npm run bench:load`): autocannon drives the
 * real server on loopback with reads and writes; no errors, and no acknowledged write lost.
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import { readEnv } from '../../src/env.js';
import { startServer } from '../../src/server.js';
import { freshDb } from '../helpers/db.js';

const base = await freshDb();
base.close();
const server = await startServer(readEnv({ RECKON_DATABASE_URL: `file:${base.path}`, HOST: '127.0.0.1', RECKON_WRITE_RATE: '0', RECKON_SIGNING_KEY_FILE: join(base.dir, 'key.pem') }), { port: 0, quiet: true });
afterAll(() => server.close());
await server.ledger.append({ type: 'source.register', input: { id: 'load-src', name: 'Load', type: 'forecaster' } });
const claim = (await server.ledger.append({ type: 'claim.create', input: { kind: 'prediction', title: 'Load test question', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: ['load'] } })).claimId as string;

describe('load', () => {
  it('serves a read/write mix with no errors and no lost writes', async () => {
    const before = await eventCount(server.db.client);
    let n = 0;
    let acked = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const run = autocannon(
        {
          url: server.url,
          connections: 10,
          duration: 3,
          requests: [
            {
              setupRequest: (req) => {
                n++;
                if (n % 4 === 0) return { ...req, method: 'POST', path: `/api/claims/${claim}/forecasts`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sourceId: 'load-src', probability: 0.4 }) };
                return { ...req, method: 'GET', path: ['/api/claims', `/api/claims/${claim}`, '/api/claims?q=load'][n % 3] as string, body: undefined };
              },
            },
          ],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      run.on('response', (_client, status) => {
        if (status === 201) acked++;
      });
    });
    const grew = (await eventCount(server.db.client)) - before;
    console.log(`load: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${acked} writes acknowledged, ${grew} events added`);
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(acked).toBeGreaterThan(0);
    expect(grew).toBeGreaterThanOrEqual(acked);
    expect(grew).toBeLessThanOrEqual(acked + 10);
  }, 30_000);
});
