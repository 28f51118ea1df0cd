import { createServer } from 'node:http';
import { getRequestListener, type ServerType } from '@hono/node-server';
import { answerClientError, answerRequestError } from './http/server-errors.js';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from './db/client.js';
import type { Env } from './env.js';
import { createApp } from './http/app.js';
import { Ledger } from './ledger/ledger.js';
import { isLoopbackHost } from './http/auth.js';
import { loadSigningKey } from './ledger/checkpoint.js';
import { anyLiveToken } from './db/tokens.js';
import { databaseOptions, signingKeyPath } from './env.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

export interface Running {
  url: string;
  port: number;
  db: Database;
  ledger: Ledger;
  server: ServerType;
  close(): Promise<void>;
}

/** What a port that another program holds says: one line, with the fix. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use; set PORT (or --port) to another port`);
    this.name = 'PortInUseError';
  }
}

/** Listen, and answer a taken port with a PortInUseError rather than an unhandled 'error' event. */
function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    // As @hono/node-server's serve(), with problem+json for what fails before the app (server-errors.ts).
    const s = createServer(getRequestListener(fetch, { hostname, errorHandler: answerRequestError }));
    s.on('clientError', answerClientError);
    s.listen(port, hostname, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err));
  });
}

const TOKEN_HINT = 'An API token lets a person or a script record on this server under its name; create one with: npx reckon token create --name NAME --source SOURCE-ID';

/** The start-up line that says who may write, in plain words. */
async function writeAccessLine(db: Database, env: Env, loopback: boolean): Promise<string> {
  const tokens = await anyLiveToken(db.client);
  if (loopback && !tokens) return `Anyone on this machine can record (no API token exists yet). ${TOKEN_HINT}`;
  if (!tokens) return `Listening on ${env.HOST}: recording needs an API token, and none exists yet. ${TOKEN_HINT}`;
  return `Recording needs an API token (Authorization: Bearer …); reading ${env.RECKON_READ === 'token' ? 'needs one too' : 'is open'}.`;
}

/** Open (and migrate) the database, build the app, and listen. `port: 0` picks a free port. */
export async function startServer(env: Env, opts: { port?: number; quiet?: boolean } = {}): Promise<Running> {
  const db = await openDatabase({ ...databaseOptions(env), backgroundCheckpoints: true });
  const ledger = new Ledger(db, { minProbability: env.RECKON_MIN_PROBABILITY, maxProbability: env.RECKON_MAX_PROBABILITY });
  const loopback = isLoopbackHost(env.HOST);
  const trustProxy = env.RECKON_TRUST_PROXY === '1' || env.RECKON_TRUST_PROXY === 'true';
  const signingKey = loadSigningKey(signingKeyPath(env));
  const allowPrivate = env.RECKON_WEBHOOK_ALLOW_PRIVATE === '1' || env.RECKON_WEBHOOK_ALLOW_PRIVATE === 'true';
  const webhooks = new WebhookDispatcher(db.client, { allowPrivate });
  const app = createApp(
    { db, ledger, signingKey },
    {
      auth: { read: env.RECKON_READ, loopback, trustProxy },
      rateLimit: { perMinute: env.RECKON_WRITE_RATE, trustProxy },
      timeoutMs: env.RECKON_REQUEST_TIMEOUT_MS,
      heavyReads: env.RECKON_HEAVY_READS,
      fullVerifyEveryMs: env.RECKON_FULL_VERIFY_MINUTES * 60_000,
      corsOrigin: env.RECKON_CORS_ORIGIN?.split(',').map((o) => o.trim()).filter(Boolean),
      webhooks: { allowPrivate, onChange: () => webhooks.kick() },
    },
  );
  const wanted = opts.port ?? env.PORT;
  const server = await listen(app.fetch, wanted, env.HOST).catch((err: unknown) => {
    void db.stopCheckpoints().finally(() => db.close());
    throw err;
  });
  if (!opts.quiet) console.log(await writeAccessLine(db, env, loopback));
  const port = (server.address() as AddressInfo).port;
  // Deliveries go out after commit, from the outbox; a restart picks up what is pending.
  webhooks.start();
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
          void webhooks
            .stop()
            .then(() => db.stopCheckpoints())
            .finally(() => {
              db.close();
              resolve();
            });
        });
      }),
  };
}
