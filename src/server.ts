import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from './db/client.js';
import type { Env } from './env.js';
import { createApp } from './http/app.js';
import { Ledger } from './ledger/ledger.js';
import { isLoopbackHost } from './http/auth.js';
import { loadSigningKey } from './ledger/checkpoint.js';
import { anyLiveToken } from './db/tokens.js';
import { signingKeyPath } from './env.js';

export interface Running {
  url: string;
  port: number;
  db: Database;
  ledger: Ledger;
  server: ServerType;
  close(): Promise<void>;
}

/** Open (and migrate) the database, build the app, and listen. `port: 0` picks a free port. */
export async function startServer(env: Env, opts: { port?: number; quiet?: boolean } = {}): Promise<Running> {
  const db = await openDatabase({ url: env.RECKON_DATABASE_URL, authToken: env.RECKON_DATABASE_AUTH_TOKEN, durability: env.RECKON_DURABILITY, backgroundCheckpoints: true });
  const ledger = new Ledger(db, { minProbability: env.RECKON_MIN_PROBABILITY, maxProbability: env.RECKON_MAX_PROBABILITY });
  const loopback = isLoopbackHost(env.HOST);
  const signingKey = loadSigningKey(signingKeyPath(env));
  const app = createApp(
    { db, ledger, signingKey },
    {
      auth: { read: env.RECKON_READ, loopback },
      rateLimit: { perMinute: env.RECKON_WRITE_RATE, trustProxy: env.RECKON_TRUST_PROXY === '1' || env.RECKON_TRUST_PROXY === 'true' },
      timeoutMs: env.RECKON_REQUEST_TIMEOUT_MS,
      corsOrigin: env.RECKON_CORS_ORIGIN?.split(',').map((o) => o.trim()).filter(Boolean),
    },
  );
  if (!opts.quiet) {
    const tokens = await anyLiveToken(db.client);
    if (loopback && !tokens) console.log('Writes are open to anyone on this machine (loopback, no API token yet). Create one with: reckon token create --name NAME --source ID');
    else if (!loopback && !tokens) console.log(`Listening on ${env.HOST}: writes need an API token, and none exists yet. Create one with: reckon token create --name NAME --source ID`);
    else console.log('Writes need an API token (Authorization: Bearer …).');
  }
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? env.PORT, hostname: env.HOST }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    ledger,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void db.stopCheckpoints().finally(() => {
            db.close();
            resolve();
          });
        });
      }),
  };
}
