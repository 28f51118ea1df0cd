/**
 * The hot read statements of the API (a page of claims, a claim's version, a track record),
 * run with each statement prepared once per process and rows read as arrays.
 *
 * @libsql/client prepares every statement again on each call (planning a page query with its
 * subqueries cost more than running it) and turns each value of each row into a property of
 * a row object. For an embedded (`file:`) database these reads go instead to a connection of
 * their own, opened with the `libsql` driver the client itself is built on, with a cache of
 * prepared statements; like the client's, each statement is its own read transaction, and
 * synchronous. A remote database (sqld, Turso), or a `file:` URL with query parameters or
 * escapes, goes through the client as before.
 */
import type { Client, InValue } from '@libsql/client';
import Libsql from 'libsql';

/** Runs one read statement; rows as arrays of column values. */
export type ReadRows = (sql: string, args?: InValue[]) => Promise<unknown[][]>;

/** What the fast path needs of an open database (src/db/client.ts's Database). */
export interface ReadTarget {
  client: Client;
  url: string;
  local: boolean;
}

/** Busy timeout, as openDatabase gives the client's connections. */
const BUSY_TIMEOUT_MS = 10_000;
/** Prepared statements kept per database (they differ by filters and page sizes). */
const MAX_STATEMENTS = 256;

const readers = new WeakMap<Client, ReadRows>();

/** Read statements through the client: the path for remote databases and plain clients. */
export function clientRows(client: Client): ReadRows {
  return async (sql, args = []) => (await client.execute({ sql, args })).rows.map((r) => Array.from(r as unknown as ArrayLike<unknown>));
}

/**
 * Read statements through the client, those asked for in the same turn of the event loop sent
 * together: on a remote database each request is a round trip and its HTTP and JSON handling
 * costs more than the read itself, so concurrent reads (the claim pages of 50 connections)
 * share requests. One batch is one snapshot; if it fails, its statements are run one by one,
 * so that a failing read (a malformed search) fails alone.
 */
export function coalescedRows(client: Client): ReadRows {
  let waiting: Array<{ sql: string; args: InValue[]; resolve: (rows: unknown[][]) => void; reject: (err: unknown) => void }> = [];
  const one = clientRows(client);
  const send = () => {
    const batch = waiting;
    waiting = [];
    if (batch.length === 1) {
      const [w] = batch as [(typeof batch)[number]];
      return void one(w.sql, w.args).then(w.resolve, w.reject);
    }
    client.batch(batch.map((w) => ({ sql: w.sql, args: w.args })), 'deferred').then(
      (results) => batch.forEach((w, i) => w.resolve((results[i]?.rows ?? []).map((r) => Array.from(r as unknown as ArrayLike<unknown>)))),
      () => batch.forEach((w) => void one(w.sql, w.args).then(w.resolve, w.reject)),
    );
  };
  return (sql, args = []) =>
    new Promise((resolve, reject) => {
      waiting.push({ sql, args, resolve, reject });
      if (waiting.length === 1) setImmediate(send);
    });
}

/** The fastest way to run read statements on this database. */
export function readRows(target: ReadTarget): ReadRows {
  let reader = readers.get(target.client);
  if (!reader) {
    reader = (target.local ? nativeRows(target.client, target.url) : null) ?? coalescedRows(target.client);
    readers.set(target.client, reader);
  }
  return reader;
}

function nativeRows(client: Client, url: string): ReadRows | null {
  // Plain paths only (file:./x.db, file:/tmp/x.db): anything the client would decode differently stays with it.
  const m = /^file:(?!\/\/)([^?#%]+)$/.exec(url);
  const path = m?.[1];
  if (!path || path.startsWith(':memory:')) return null;
  let conn: Libsql.Database;
  try {
    conn = new Libsql(path, { timeout: BUSY_TIMEOUT_MS });
  } catch {
    return null;
  }
  const statements = new Map<string, ReturnType<Libsql.Database['prepare']>>();
  let open = true;
  // Closed with the client (Database.close closes the client), so that nothing outlives it.
  const closeClient = client.close.bind(client);
  client.close = () => {
    if (open) {
      open = false;
      statements.clear();
      conn.close();
    }
    closeClient();
  };
  return async (sql, args = []) => {
    if (!open) return clientRows(client)(sql, args);
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = conn.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    return statement.all(args) as unknown[][];
  };
}
