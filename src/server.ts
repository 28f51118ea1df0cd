import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from './db/client.js';
import type { Env } from './env.js';
import { createApp } from './http/app.js';
import { Ledger } from './ledger/ledger.js';

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
  const db = await openDatabase({ url: env.RECKON_DATABASE_URL, authToken: env.RECKON_DATABASE_AUTH_TOKEN, durability: env.RECKON_DURABILITY });
  const ledger = new Ledger(db, { minProbability: env.RECKON_MIN_PROBABILITY, maxProbability: env.RECKON_MAX_PROBABILITY });
  const app = createApp({ db, ledger });
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
          db.close();
          resolve();
        });
      }),
  };
}
