/**
 * The hot read statements of the API (a page of claims, a claim's version, a track record),
 * run with each statement prepared once per process and rows read as arrays.
 *
 * @libsql/client prepares every statement again on each call (planning a page query with its
 * subqueries cost more than running it) and turns each value of each row into a property of
 * a row object. For an embedded (`file:`) database these reads go instead to a connection of
 * their own, opened with the `libsql` driver the client itself is built on, with a cache of
 * prepared statements (native-rows.ts); like the client's, each statement is its own read
 * transaction, and synchronous. A remote database (sqld, Turso), or a `file:` URL with query
 * parameters or escapes, goes through the client as before.
 *
 * An answer made of several statements reads them in one snapshot — `batch` when they are
 * known together, `snapshot` when later ones depend on earlier ones — so that it is one state
 * of the database, never two with a write landed between (a concurrent writer, another
 * instance on the same server, a request of its own).
 */
import type { Client, InValue, Transaction } from '@libsql/client';
import { nativeRows } from './native-rows.js';

/** A read statement and its arguments. */
export interface ReadStatement {
  sql: string;
  args?: InValue[];
}

/**
 * Runs one read statement; rows as arrays of column values. `batch` runs several in one
 * snapshot (one read transaction): an answer made of their rows is one state of the database,
 * never a mix of two between which a write landed (each call of the function itself is a
 * snapshot of its own).
 */
export interface ReadRows {
  (sql: string, args?: InValue[]): Promise<unknown[][]>;
  batch(statements: ReadStatement[]): Promise<unknown[][][]>;
  /**
   * Runs `fn` with reads that all see one snapshot (one read transaction held while it runs),
   * for an answer whose later statements depend on earlier ones. Costs what the reads cost
   * (on a remote database the transaction begins with the first request and ends with a
   * close nobody waits for), but the reads no longer share requests with other answers' reads.
   */
  snapshot<T>(fn: (rows: ReadRows) => Promise<T>): Promise<T>;
}

const arrays = (rs: { rows: ArrayLike<unknown>[] } | undefined): unknown[][] => (rs?.rows ?? []).map((r) => Array.from(r));

/** A ReadRows from its functions; without `snapshot`, one whose reads are all of one snapshot already (a transaction's). */
export function readRowsOf(one: (sql: string, args: InValue[]) => Promise<unknown[][]>, batch: ReadRows['batch'], snapshot?: ReadRows['snapshot']): ReadRows {
  const rows: ReadRows = Object.assign((sql: string, args: InValue[] = []) => one(sql, args), { batch, snapshot: snapshot ?? (<T>(fn: (r: ReadRows) => Promise<T>) => fn(rows)) });
  return rows;
}

/** What the fast path needs of an open database (src/db/client.ts's Database). */
export interface ReadTarget {
  client: Client;
  url: string;
  local: boolean;
}

const readers = new WeakMap<Client, ReadRows>();

/** Read statements through the client: the path for remote databases and plain clients. */
export function clientRows(client: Client): ReadRows {
  return readRowsOf(
    async (sql, args) => arrays(await client.execute({ sql, args })),
    async (statements) => (await client.batch(statements.map(({ sql, args = [] }) => ({ sql, args })), 'deferred')).map(arrays),
    (fn) => readTransaction(client, (_tx, rows) => fn(rows)),
  );
}

/**
 * `fn` with one read transaction of the client, as the transaction (for reads written with
 * `execute`) and as ReadRows: every read of either sees one snapshot. Closed (rolled back) after.
 */
export async function readTransaction<T>(client: Client, fn: (tx: Transaction, rows: ReadRows) => Promise<T>): Promise<T> {
  const tx = await client.transaction('deferred');
  try {
    const rows = readRowsOf(
      async (sql, args) => arrays(await tx.execute({ sql, args })),
      async (statements) => (statements.length === 0 ? [] : (await tx.batch(statements.map(({ sql, args = [] }) => ({ sql, args })))).map(arrays)),
    );
    return await fn(tx, rows);
  } finally {
    tx.close();
  }
}

/**
 * Read statements through the client, those asked for in the same turn of the event loop sent
 * together: on a remote database each request is a round trip and its HTTP and JSON handling
 * costs more than the read itself, so concurrent reads (the claim pages of 50 connections)
 * share requests. One batch is one snapshot, and a `batch` of statements goes into it whole;
 * if it fails, each read (each `batch` as a batch of its own) is run alone, so that a failing
 * read (a malformed search) fails alone.
 */
export function coalescedRows(client: Client): ReadRows {
  type Waiting = { statements: ReadStatement[]; resolve: (rows: unknown[][][]) => void; reject: (err: unknown) => void };
  let waiting: Waiting[] = [];
  const alone = clientRows(client);
  const runAlone = (w: Waiting) =>
    void (w.statements.length === 1 ? alone(w.statements[0]!.sql, w.statements[0]!.args).then((rows) => [rows]) : alone.batch(w.statements)).then(w.resolve, w.reject);
  const send = () => {
    const sent = waiting;
    waiting = [];
    if (sent.length === 1) return runAlone(sent[0]!);
    client.batch(sent.flatMap((w) => w.statements.map(({ sql, args = [] }) => ({ sql, args }))), 'deferred').then(
      (results) => {
        let at = 0;
        for (const w of sent) w.resolve(results.slice(at, (at += w.statements.length)).map(arrays));
      },
      () => sent.forEach(runAlone),
    );
  };
  const ask = (statements: ReadStatement[]) =>
    new Promise<unknown[][][]>((resolve, reject) => {
      waiting.push({ statements, resolve, reject });
      if (waiting.length === 1) setImmediate(send);
    });
  return readRowsOf(
    async (sql, args) => (await ask([{ sql, args }]))[0]!,
    (statements) => (statements.length === 0 ? Promise.resolve([]) : ask(statements)),
    alone.snapshot,
  );
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
