/**
 * The read fast path of an embedded (`file:`) database (see fast-read.ts): connections of its
 * own, opened with the `libsql` driver the client itself is built on, each with a cache of
 * prepared statements. Reads are synchronous; a single read and a batch run on the shared
 * connection (a batch from BEGIN to its end without yielding, so that no other read falls
 * inside it); a snapshot, whose reads yield between them, holds a connection of its own for
 * its transaction, taken from a few kept idle.
 */
import type { Client, InValue } from '@libsql/client';
import Libsql from 'libsql';
import { clientRows, readRowsOf, type ReadRows } from './fast-read.js';

/** Busy timeout, as openDatabase gives the client's connections. */
const BUSY_TIMEOUT_MS = 10_000;
/** Prepared statements kept per connection (they differ by filters and page sizes). */
const MAX_STATEMENTS = 256;
/** Snapshot connections kept idle (more are opened while more snapshots run at once). */
const IDLE_SNAPSHOT_CONNECTIONS = 4;

interface Connection {
  conn: Libsql.Database;
  run: (sql: string, args?: InValue[]) => unknown[][];
}

function connect(path: string): Connection {
  const conn = new Libsql(path, { timeout: BUSY_TIMEOUT_MS });
  const statements = new Map<string, ReturnType<Libsql.Database['prepare']>>();
  const run = (sql: string, args: InValue[] = []) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = conn.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    return statement.all(args) as unknown[][];
  };
  return { conn, run };
}

/** Reads on `c`, inside a transaction already open on it. */
const transactionRows = (c: Connection): ReadRows =>
  readRowsOf(
    async (sql, args) => c.run(sql, args),
    async (statements) => statements.map((s) => c.run(s.sql, s.args)),
  );

/** The fast path for a plain `file:` URL; null for anything the client would decode differently. */
export function nativeRows(client: Client, url: string): ReadRows | null {
  // Plain paths only (file:./x.db, file:/tmp/x.db).
  const path = /^file:(?!\/\/)([^?#%]+)$/.exec(url)?.[1];
  if (!path || path.startsWith(':memory:')) return null;
  let shared: Connection;
  try {
    shared = connect(path);
  } catch {
    return null;
  }
  const idle: Connection[] = [];
  let open = true;
  // Closed with the client (Database.close closes the client), so that nothing outlives it.
  const closeClient = client.close.bind(client);
  client.close = () => {
    if (open) {
      open = false;
      shared.conn.close();
      for (const c of idle.splice(0)) c.conn.close();
    }
    closeClient();
  };
  const snapshot = async <T>(fn: (rows: ReadRows) => Promise<T>): Promise<T> => {
    if (!open) return clientRows(client).snapshot(fn);
    const c = idle.pop() ?? connect(path);
    c.conn.exec('BEGIN');
    try {
      return await fn(transactionRows(c));
    } finally {
      if (c.conn.inTransaction) c.conn.exec('ROLLBACK');
      if (open && idle.length < IDLE_SNAPSHOT_CONNECTIONS) idle.push(c);
      else c.conn.close();
    }
  };
  return readRowsOf(
    async (sql, args) => (open ? shared.run(sql, args) : clientRows(client)(sql, args)),
    async (statements) => {
      if (!open) return clientRows(client).batch(statements);
      shared.conn.exec('BEGIN');
      try {
        return statements.map((s) => shared.run(s.sql, s.args));
      } finally {
        shared.conn.exec('ROLLBACK');
      }
    },
    snapshot,
  );
}
