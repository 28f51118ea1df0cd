import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { refreshAnalytics } from './analytics.js';
import { refreshClaimScores, refreshScoreTotals } from './claim-scores.js';
import * as schema from './schema.js';
import { Checkpointer } from './checkpointer.js';
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
}

export interface Database {
  client: Client;
  orm: LibSQLDatabase<typeof schema>;
  url: string;
  /** True for an embedded `file:` database, where PRAGMAs are ours to set. */
  local: boolean;
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

/** Busy timeout for every connection of the pool (libSQL applies it per connection). */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * A database whose claims were recorded before the analytics projections existed (migration
 * 0009) gets them now, in one write transaction: claims without a world date are refreshed
 * (src/db/analytics.ts). Nothing to do (one index lookup) once every claim has one.
 */
async function catchUpAnalytics(client: Client): Promise<void> {
  const missing = await client.execute('SELECT id FROM claims WHERE world_date IS NULL');
  if (missing.rows.length === 0) return;
  const tx = await client.transaction('write');
  try {
    await refreshAnalytics(tx, (await tx.execute('SELECT id FROM claims WHERE world_date IS NULL')).rows.map((r) => String(r[0])));
    await tx.commit();
  } finally {
    tx.close();
  }
}

/**
 * A database from before the score projections (migration 0008) gets its claims' peer and
 * baseline scores now, once, in one write transaction; migration 0012 marks it as pending.
 * Nothing to do (one primary-key lookup) otherwise.
 */
async function catchUpScores(client: Client): Promise<void> {
  if ((await client.execute("SELECT 1 FROM projection_catchups WHERE name = 'claim_scores'")).rows.length === 0) return;
  const tx = await client.transaction('write');
  try {
    const resolved = await tx.execute("SELECT id FROM claims WHERE status IN ('confirmed', 'refuted')");
    await refreshScoreTotals(tx, await refreshClaimScores(tx, resolved.rows.map((r) => String(r.id))));
    await tx.execute("DELETE FROM projection_catchups WHERE name = 'claim_scores'");
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
  const local = opts.url.startsWith('file:');
  if (local) {
    const path = opts.url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({ url: opts.url, authToken: opts.authToken, timeout: BUSY_TIMEOUT_MS });
  if (local) await client.execute('PRAGMA journal_mode=WAL');
  else {
    // Say plainly when a server cannot be used (wrong token, unreachable) before migrating.
    try {
      await client.execute('SELECT 1');
    } catch (err) {
      client.close();
      throw new Error(`cannot use the libSQL server at ${opts.url.split('?')[0]}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  const orm = drizzle(client, { schema });
  await migrateOnce(orm);
  await catchUpAnalytics(client);
  await catchUpScores(client);
  const checkpointer = local && opts.backgroundCheckpoints ? new Checkpointer(opts.url) : null;
  return {
    client,
    orm,
    url: opts.url,
    local,
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
