import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client, type Config, type Transaction } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { refreshAnalytics } from './analytics.js';
import { refreshClaimScores, refreshScoreTotals } from './claim-scores.js';
import { fillScorePeriods } from './score-periods.js';
import * as schema from './schema.js';
import { Checkpointer } from './checkpointer.js';
import { httpFetch } from './http-fetch.js';
import { packagePath } from '../package-root.js';

export const MIGRATIONS_DIR = packagePath('migrations');

export interface OpenOptions {
  url: string;
  authToken?: string;
  /** `full` (default): every commit waits for fsync; `normal`: WAL with synchronous=NORMAL. */
  durability?: 'full' | 'normal';
  /**
   * `file:` only: checkpoint the WAL on a background thread instead of inside the writer's
   * commits (a long-running server). The writer then turns SQLite's automatic checkpoints off.
   */
  backgroundCheckpoints?: boolean;
  /**
   * With a `file:` URL: the libSQL server (or Turso database) that this file is an embedded
   * replica of. Reads are served from the file; writes go to the primary.
   */
  syncUrl?: string;
  /** Seconds between the replica's background syncs (with `syncUrl`). */
  syncInterval?: number;
}

/**
 * Where the data lives: `file` (an embedded database, ours to tune), `remote` (a libSQL server
 * or Turso, every statement a request), `replica` (an embedded replica of a remote primary).
 */
export type StorageKind = 'file' | 'remote' | 'replica';

/** Busy timeout for every connection of the pool (libSQL applies it per connection). */
const BUSY_TIMEOUT_MS = 10_000;
/** Requests a remote client keeps in flight at once. */
const REMOTE_CONCURRENCY = 64;

/**
 * The kind of storage these options name and the @libsql/client configuration that opens it.
 * A replica asks for read-your-writes (the client syncs the file after each write it sends to
 * the primary); the writer checks it anyway before answering (src/ledger/replica.ts).
 */
export function storageOf(opts: OpenOptions): { kind: StorageKind; config: Config } {
  const file = opts.url.startsWith('file:');
  if (opts.syncUrl !== undefined && !file) throw new Error(`RECKON_DATABASE_SYNC_URL makes a file: database a replica of a server; ${opts.url.split('?')[0]} is not a file: URL`);
  const config: Config = { url: opts.url, authToken: opts.authToken, timeout: BUSY_TIMEOUT_MS };
  // Requests in flight at once (the client's default is 20): on a network each waits a round
  // trip, and 50 connections reading while the writer commits should not queue behind 20.
  if (!file) return { kind: 'remote', config: { ...config, concurrency: REMOTE_CONCURRENCY, fetch: httpFetch } };
  if (opts.syncUrl === undefined) return { kind: 'file', config };
  return { kind: 'replica', config: { ...config, syncUrl: opts.syncUrl, syncInterval: opts.syncInterval, readYourWrites: true } };
}

export interface Database {
  client: Client;
  orm: LibSQLDatabase<typeof schema>;
  url: string;
  /** True for an embedded `file:` database, where PRAGMAs are ours to set (not a replica). */
  local: boolean;
  /** What `url` is: see StorageKind. */
  kind: StorageKind;
  durability: 'full' | 'normal';
  /** True when a background thread checkpoints the WAL (see Checkpointer). */
  backgroundCheckpoints: boolean;
  /** Stop the checkpoint thread after a last checkpoint (no-op without one). */
  stopCheckpoints(): Promise<void>;
  close(): void;
}

/**
 * Apply the migrations, when several processes open a fresh database at once: the migrator
 * reads which migrations are applied before its transaction, so the loser of that race fails
 * on a table the winner just created. Its own transaction rolled back; asked again, it finds
 * the migrations applied.
 */
async function migrateOnce(orm: LibSQLDatabase<typeof schema>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(orm, { migrationsFolder: MIGRATIONS_DIR });
      return;
    } catch (err) {
      const text = `${err instanceof Error ? err.message : String(err)} ${err instanceof Error && err.cause ? String(err.cause) : ''}`;
      if (attempt >= 5 || !/already exists/i.test(text)) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/**
 * Bring projections added after a database was first recorded up to date, once each, in a
 * write transaction of its own. Whether any is pending is asked in one request (a round trip
 * on a server, at every start):
 * - analytics (migration 0009): claims without a world date are refreshed (src/db/analytics.ts);
 * - claim scores (migration 0008, marked pending by 0012): every resolved claim's peer and
 *   baseline scores and their sources' totals;
 * - claim_score_periods (migration 0023, marked pending by 0024): per-day and per-month sums.
 */
async function catchUpProjections(client: Client): Promise<void> {
  const pending = (name: string) => `SELECT EXISTS (SELECT 1 FROM projection_catchups WHERE name = '${name}')`;
  const [analytics, scores, periods] = (
    await client.batch(['SELECT EXISTS (SELECT 1 FROM claims WHERE world_date IS NULL)', pending('claim_scores'), pending('claim_score_periods')], 'deferred')
  ).map((rs) => Number(rs.rows[0]?.[0]) === 1);
  if (analytics) {
    await inWriteTransaction(client, async (tx) => {
      await refreshAnalytics(tx, (await tx.execute('SELECT id FROM claims WHERE world_date IS NULL')).rows.map((r) => String(r[0])));
    });
  }
  if (scores) {
    await inWriteTransaction(client, async (tx) => {
      const resolved = await tx.execute("SELECT id FROM claims WHERE status IN ('confirmed', 'refuted', 'resolved')");
      await refreshScoreTotals(tx, await refreshClaimScores(tx, resolved.rows.map((r) => String(r.id))));
      await tx.execute("DELETE FROM projection_catchups WHERE name = 'claim_scores'");
    });
  }
  if (periods) {
    await inWriteTransaction(client, async (tx) => {
      await fillScorePeriods(tx);
      await tx.execute("DELETE FROM projection_catchups WHERE name = 'claim_score_periods'");
    });
  }
}

async function inWriteTransaction(client: Client, fn: (tx: Transaction) => Promise<void>): Promise<void> {
  const tx = await client.transaction('write');
  try {
    await fn(tx);
    await tx.commit();
  } finally {
    tx.close();
  }
}

/**
 * Open the database and bring its schema up to date with the committed migrations.
 * For `file:` URLs the folder is created and WAL is switched on (persistent in the file);
 * libSQL opens every connection with foreign keys on and synchronous=FULL.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const { kind, config } = storageOf(opts);
  const local = kind === 'file';
  if (kind !== 'remote') {
    const path = opts.url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient(config);
  if (local) await client.execute('PRAGMA journal_mode=WAL');
  else {
    // Say plainly when a server cannot be used (wrong token, unreachable) before migrating;
    // a replica first brings its file up to the primary's state.
    const server = (kind === 'replica' ? opts.syncUrl ?? '' : opts.url).split('?')[0];
    try {
      if (kind === 'replica') await client.sync();
      else await client.execute('SELECT 1');
    } catch (err) {
      client.close();
      throw new Error(`cannot use the libSQL server at ${server}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  const orm = drizzle(client, { schema });
  await migrateOnce(orm);
  await catchUpProjections(client);
  const checkpointer = local && opts.backgroundCheckpoints ? new Checkpointer(opts.url) : null;
  return {
    client,
    orm,
    url: opts.url,
    local,
    kind,
    durability: opts.durability ?? 'full',
    get backgroundCheckpoints() {
      return checkpointer?.alive ?? false;
    },
    stopCheckpoints: () => checkpointer?.stop() ?? Promise.resolve(),
    close: () => {
      void checkpointer?.stop();
      client.close();
    },
  };
}
