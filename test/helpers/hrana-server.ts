/**
 * A small libSQL server for tests: Hrana over HTTP (protocol version 2, JSON) on top of the
 * `libsql` package, so `@libsql/client` with an `http://` URL runs its real remote code path.
 *
 * What @libsql/client 0.18 sends (lib-esm/http.js, @libsql/hrana-client lib-esm/http/*): no
 * version probe (it opens the v2 endpoint directly; a v3 client would GET `/v3-protobuf`, which
 * answers 404 here so it falls back to v2); `POST /v2/pipeline` with `{ baton?, requests }`,
 * answered by `{ baton, base_url, results }`. A stream is one SQL connection: its baton comes
 * back with each answer and the client sends it with the next request (interactive
 * transactions), until a `close` request or the idle timeout ends it.
 *
 * Each stream owns its own connection to the file, so transactions on different streams are
 * isolated as on sqld. The connections never wait in SQLite's busy handler (that would block
 * this process's event loop, and with it the very stream holding the lock): a statement that
 * meets SQLITE_BUSY is retried asynchronously until `busyTimeoutMs`. Closed streams hand their
 * connection back to a small pool, as sqld reuses its connections.
 *
 * Not covered: cursors (`/v3/cursor`), protobuf, describe's parameter list.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Libsql from 'libsql';

export interface HranaServerOptions {
  /** The database file. */
  path: string;
  /** When set, every request must carry `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** A stream unused for this long is closed (its transaction rolled back). */
  idleMs?: number;
  /** How long a statement keeps retrying while the database is locked. */
  busyTimeoutMs?: number;
  /**
   * Added round trip per HTTP request, in ms (a network between the app and its database):
   * half before the request is handled, half before it is answered, so that a transaction
   * held open across requests holds its lock for the whole trip, as over a real network.
   */
  latencyMs?: number;
  /** Serve HTTPS with this key and certificate (PEM), at `https://localhost:PORT`. */
  tls?: { key: string; cert: string };
}

export interface HranaServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** HTTP requests received so far (round trips: @libsql/client sends one per pipeline). */
  readonly requests: number;
  /** TCP connections accepted so far (a client that keeps its connections alive opens few). */
  readonly connections: number;
  /** Close every connection not in the middle of a request (as a server whose idle timeout ends). */
  closeIdleConnections(): void;
  /**
   * Pipeline requests (`POST /v2/pipeline`) received so far, by what they held: `writes`, any
   * statement that may write; `reads`, a batch in a read snapshot (BEGIN DEFERRED, as a remote
   * group reads what it needs); `writeBatches`, a batch opening a write transaction (BEGIN
   * IMMEDIATE: a remote group's write, or the start of an interactive transaction). Also
   * answered, as JSON, to `GET /stats` (bench/remote.ts runs the server in a process of its own).
   */
  readonly pipelines: PipelineCounts;
  /**
   * Round trips someone waits for: pipelines that run SQL. A pipeline that only closes a
   * stream (sent on its own after an interactive transaction, answered to nobody) is not one.
   */
  readonly roundTrips: number;
  /** The added round trip (see HranaServerOptions.latencyMs); may be changed between runs. */
  latencyMs: number;
  /**
   * Carry out the next `n` pipelines that write, then drop the connection instead of answering
   * (a reply lost on the network: the client cannot know whether its write went through).
   */
  loseAnswers(n: number): void;
  /**
   * Called (and awaited) before each pipeline is run, with the SQL texts it holds: a test can
   * land a write between two requests of one read (e.g. when the second one arrives).
   */
  beforePipeline?: (sqls: string[]) => void | Promise<void>;
  /** The most write batches received and not yet answered at once (since the last reset). */
  readonly maxWriteBatchesInFlight: number;
  /** Start counting maxWriteBatchesInFlight again from the batches in flight now. */
  resetMaxWriteBatchesInFlight(): void;
  close(): Promise<void>;
}

export interface PipelineCounts {
  total: number;
  writes: number;
  reads: number;
  writeBatches: number;
}

import { bindings, encodeValue, HranaError, protoError, runStatement, writesIn, type Cond, type Conn, type ProtoError, type Request, type Stmt, type StmtResult } from './hrana-sql.js';

interface Stream {
  conn: Conn;
  sqls: Map<number, string>;
  timer?: NodeJS.Timeout;
  /** A statement given up on while busy is still in progress on `conn`: never reuse it. */
  spoiled?: boolean;
}

/** Idle connections kept for new streams (sqld keeps its connections; opening one reads the whole schema). */
const POOL_SIZE = 64;

export async function startHranaServer(opts: HranaServerOptions): Promise<HranaServer> {
  const idleMs = opts.idleMs ?? 10_000;
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5_000;
  const streams = new Map<string, Stream>();
  const pool: Conn[] = [];
  const conns = new Set<Conn>();
  let requests = 0;
  const pipelines: PipelineCounts = { total: 0, writes: 0, reads: 0, writeBatches: 0 };
  let roundTrips = 0;
  let latencyMs = opts.latencyMs ?? 0;
  let answersToLose = 0;
  /** Write batches received and not yet answered (a pipelining writer sends one behind another). */
  let writeBatchesInFlight = 0;
  let maxWriteBatchesInFlight = 0;
  let closed = false;
  let beforePipeline: HranaServer['beforePipeline'];
  const sqlsOf = (requests: Request[]): string[] =>
    requests.flatMap((r) => ('stmt' in r ? [r.stmt.sql] : 'batch' in r ? r.batch.steps.map((st) => st.stmt.sql) : 'sql' in r ? [r.sql] : [])).filter((x): x is string => typeof x === 'string');
  const travel = (): Promise<void> | undefined => (latencyMs > 0 ? new Promise((r) => setTimeout(r, latencyMs / 2)) : undefined);

  const connect = (): Conn => {
    const pooled = pool.pop();
    if (pooled) return pooled;
    const conn = new Libsql(opts.path, { timeout: 0 }) as Conn;
    conns.add(conn);
    return conn;
  };
  const retire = (conn: Conn): void => {
    conns.delete(conn);
    conn.close();
  };
  const release = (s: Stream): void => {
    clearTimeout(s.timer);
    if (closed) return;
    try {
      if (s.conn.inTransaction) s.conn.exec('ROLLBACK');
      if (!s.spoiled && pool.length < POOL_SIZE) return void pool.push(s.conn);
    } catch {
      // a connection that cannot roll back is not reused
    }
    retire(s.conn);
  };
  // sqld keeps its databases in WAL mode: readers never wait for the writer.
  const first = connect();
  first.exec('PRAGMA journal_mode=WAL');
  pool.push(first);

  /**
   * Retry `fn` while it meets SQLITE_BUSY (SQLITE_BUSY_SNAPSHOT and the like cannot succeed by
   * waiting). A statement stopped by SQLITE_BUSY stays "in progress" until stepped again, so `fn`
   * re-runs the same prepared statement; one given up on would make the connection's COMMITs fail
   * ("SQL statements in progress"), so that connection is replaced, or retired with its stream.
   */
  async function whenNotBusy<T>(s: Stream, fn: () => T): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        return fn();
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
        if (closed || Date.now() >= deadline) {
          if (s.conn.inTransaction) s.spoiled = true;
          else retire(s.conn), (s.conn = connect());
          throw err;
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  function sqlOf(s: Stream, r: { sql?: string; sql_id?: number }): string {
    if (r.sql !== undefined && r.sql !== null) return r.sql;
    const sql = r.sql_id === undefined ? undefined : s.sqls.get(r.sql_id);
    if (sql === undefined) throw new HranaError(`SQL text ${String(r.sql_id)} is not stored on this stream`, 'SQL_NOT_FOUND');
    return sql;
  }

  async function execute(s: Stream, stmt: Stmt): Promise<StmtResult> {
    const sql = sqlOf(s, stmt);
    const args = bindings(stmt);
    const st = await whenNotBusy(s, () => s.conn.prepare(sql));
    return whenNotBusy(s, () => runStatement(s.conn, st, args, stmt.want_rows !== false));
  }

  async function batch(s: Stream, steps: Array<{ condition?: Cond | null; stmt: Stmt }>) {
    const results: Array<StmtResult | null> = [];
    const errors: Array<ProtoError | null> = [];
    const holds = (c: Cond): boolean => {
      if (c.type === 'ok') return results[c.step] != null;
      if (c.type === 'error') return errors[c.step] != null;
      if (c.type === 'not') return !holds(c.cond);
      if (c.type === 'and') return c.conds.every(holds);
      if (c.type === 'or') return c.conds.some(holds);
      if (c.type === 'is_autocommit') return !s.conn.inTransaction;
      throw new HranaError(`unknown condition ${JSON.stringify(c)}`, 'PROTO_ERROR');
    };
    for (const [i, step] of steps.entries()) {
      results.push(null);
      errors.push(null);
      if (step.condition && !holds(step.condition)) continue;
      try {
        results[i] = await execute(s, step.stmt);
      } catch (err) {
        errors[i] = protoError(err);
      }
    }
    return { step_results: results, step_errors: errors };
  }

  async function handle(s: Stream, req: Request): Promise<object> {
    switch (req.type) {
      case 'close':
        return { type: 'close' };
      case 'execute':
        return { type: 'execute', result: await execute(s, req.stmt) };
      case 'batch':
        return { type: 'batch', result: await batch(s, req.batch.steps) };
      case 'sequence':
        s.conn.exec(sqlOf(s, req)); // several statements: not retried, as a retry could repeat some
        return { type: 'sequence' };
      case 'describe': {
        const sql = sqlOf(s, req);
        const st = s.conn.prepare(sql);
        const cols = st.reader ? st.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
        return { type: 'describe', result: { params: [], cols, is_explain: /^\s*explain\b/i.test(sql), is_readonly: /^\s*(select|explain|values)\b/i.test(sql) } };
      }
      case 'store_sql':
        s.sqls.set(req.sql_id, req.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        s.sqls.delete(req.sql_id);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: !s.conn.inTransaction };
      default:
        throw new HranaError(`unknown request type ${JSON.stringify((req as { type: unknown }).type)}`, 'PROTO_ERROR');
    }
  }

  async function pipeline(body: { baton?: string | null; requests?: Request[] }) {
    let s: Stream | undefined;
    if (body.baton) {
      s = streams.get(body.baton);
      if (!s) throw new HranaError('The stream has expired or the baton is invalid', 'STREAM_EXPIRED');
      streams.delete(body.baton);
      clearTimeout(s.timer);
    } else {
      s = { conn: connect(), sqls: new Map() };
    }
    const results: object[] = [];
    let ended = false;
    for (const req of body.requests ?? []) {
      try {
        if (ended) throw new HranaError('The stream is closed', 'STREAM_CLOSED');
        results.push({ type: 'ok', response: await handle(s, req) });
        ended = req.type === 'close';
      } catch (err) {
        results.push({ type: 'error', error: protoError(err) });
      }
    }
    if (ended || closed) {
      release(s);
      return { baton: null, base_url: null, results };
    }
    const baton = randomBytes(16).toString('base64url');
    const stream = s;
    streams.set(baton, stream);
    stream.timer = setTimeout(() => streams.delete(baton) && release(stream), idleMs).unref();
    return { baton, base_url: null, results };
  }

  const reply = (res: ServerResponse, status: number, body: string | object): void =>
    void res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/health') return reply(res, 200, '');
    if (req.method === 'GET' && path === '/stats') return reply(res, 200, { requests, roundTrips, pipelines });
    if (opts.authToken !== undefined && req.headers.authorization !== `Bearer ${opts.authToken}`) {
      return reply(res, 401, 'Unauthorized: the auth token is missing or wrong');
    }
    if (req.method === 'GET' && path === '/v2') return reply(res, 200, '');
    if (req.method !== 'POST' || path !== '/v2/pipeline') return reply(res, 404, `Not found: ${req.method} ${path}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Parameters<typeof pipeline>[0];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(res, 400, { message: 'The request body is not valid JSON', code: 'PROTO_ERROR' });
    }
    pipelines.total += 1;
    if ((body.requests ?? []).some((r) => r.type !== 'close')) roundTrips += 1;
    const writes = writesIn(body.requests ?? []);
    if (writes) pipelines.writes += 1;
    const begins = (body.requests ?? []).flatMap((r) => (r.type === 'batch' ? [r.batch.steps[0]?.stmt.sql ?? ''] : []));
    if (begins.includes('BEGIN DEFERRED')) pipelines.reads += 1;
    const writeBatch = begins.includes('BEGIN IMMEDIATE');
    if (writeBatch) {
      pipelines.writeBatches += 1;
      writeBatchesInFlight += 1;
      maxWriteBatchesInFlight = Math.max(maxWriteBatchesInFlight, writeBatchesInFlight);
    }
    try {
      await beforePipeline?.(sqlsOf(body.requests ?? []));
      await travel();
      let status = 200;
      let answer: object;
      try {
        answer = await pipeline(body);
      } catch (err) {
        status = err instanceof HranaError ? 400 : 500;
        answer = protoError(err);
      }
      await travel();
      if (writes && answersToLose > 0) {
        answersToLose -= 1;
        return void res.destroy();
      }
      reply(res, status, answer);
    } finally {
      if (writeBatch) writeBatchesInFlight -= 1;
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    route(req, res).catch((err) => {
      if (!res.headersSent) reply(res, 500, protoError(err));
      else res.destroy();
    });
  };
  const server = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : createServer(listener);
  let connections = 0;
  server.on(opts.tls ? 'secureConnection' : 'connection', () => (connections += 1));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: opts.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    closeIdleConnections() {
      server.closeIdleConnections();
    },
    get roundTrips() {
      return roundTrips;
    },
    get pipelines() {
      return { ...pipelines };
    },
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(ms: number) {
      latencyMs = ms;
    },
    get beforePipeline() {
      return beforePipeline;
    },
    set beforePipeline(hook) {
      beforePipeline = hook;
    },
    get maxWriteBatchesInFlight() {
      return maxWriteBatchesInFlight;
    },
    resetMaxWriteBatchesInFlight() {
      maxWriteBatchesInFlight = writeBatchesInFlight;
    },
    loseAnswers(n: number) {
      answersToLose = n;
    },
    async close() {
      closed = true;
      for (const s of streams.values()) clearTimeout(s.timer);
      streams.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
      for (const conn of conns) conn.close();
      conns.clear();
      pool.length = 0;
    },
  };
}
