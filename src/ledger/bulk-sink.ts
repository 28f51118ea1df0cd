/**
 * Where a bulk append (Ledger.appendAll) writes: one transaction, reached either in this
 * thread through the client (a libSQL server, an in-memory database), or, for a `file:`
 * database, through a writer thread with its own connection (bulk-worker.mjs). With the
 * writer thread, this thread decides, hashes and projects chunk N+1 while chunk N is being
 * written: the two halves of an import use both cores.
 */
import { Worker } from 'node:worker_threads';
import { LibsqlError, type InStatement, type InValue, type ResultSet, type Transaction } from '@libsql/client';
import type { Database } from '../db/client.js';
import { packagePath } from '../package-root.js';
import { BulkCounted, refreshCounted, touchesCounted } from '../db/counted.js';
import { projectEvent, type Ops } from '../db/projection.js';
import { ChunkRows, insertParts, rowGroup, writeStatements, type RowGroup } from '../db/write-ops.js';
import type { LedgerEvent } from '../domain/types.js';
import type { Command } from './commands.js';

export interface BulkSink {
  /** Reads and statements inside the bulk's transaction (the rules' view, counted refreshes). */
  readonly tx: Pick<Transaction, 'execute' | 'batch'>;
  /** Events per chunk unless the caller says otherwise. */
  readonly chunk: number;
  /** Take an event (with its canonical payload text) and its projection into the chunk being gathered. */
  add(event: LedgerEvent, payloadText: string): void;
  /** Events gathered since the last flush. */
  readonly pending: number;
  /** Write the chunk gathered so far, and the counted forecasts its events settle. */
  flush(counted: BulkCounted): Promise<void>;
  /** Commit (or roll back) and release the connection. */
  end(commit: boolean): Promise<void>;
  /** After a failure: roll back what can be, and release everything. Never throws. */
  abort(): Promise<void>;
}

/** Knobs of the writer thread. */
export const bulkTuning = {
  /**
   * Events per chunk sent to the writer thread. Small chunks keep what is waiting to be
   * written (and so what survives the young-generation collections) small.
   */
  chunk: 2000,
  /**
   * Tables whose non-unique indexes a large bulk append drops and creates again before its
   * commit (see bulk-worker.mjs), and after how many inserted rows. `counted_forecasts` has
   * three, and nothing reads it by them during a bulk append.
   */
  rebuildIndexes: { tables: ['counted_forecasts'], rows: 50_000 },
  /** Tables whose rows of a chunk are inserted by one statement (claims: one full-text index segment per chunk). */
  wholeTables: ['claims'],
  /** Page cache of the writer's connection, KiB. */
  cacheKiB: 65_536,
  /** Chunks sent to the writer and not yet written, at most (bounds memory). */
  inFlight: 2,
};

/** The transaction in this thread, through the client: the original path, for any database. */
class TxSink implements BulkSink {
  /** Large chunks: each is a round trip to a remote server. */
  readonly chunk = 5000;

  private events: LedgerEvent[] = [];
  private ops: Ops[] = [];
  private texts = new Map<LedgerEvent, string>();

  constructor(readonly tx: Transaction) {}

  get pending(): number {
    return this.events.length;
  }

  add(event: LedgerEvent, payloadText: string): void {
    this.events.push(event);
    this.ops.push(projectEvent(event));
    this.texts.set(event, payloadText);
  }

  async flush(counted: BulkCounted): Promise<void> {
    const { events, ops, texts } = this;
    this.events = [];
    this.ops = [];
    this.texts = new Map();
    if (events.length === 0) return;
    await this.tx.batch(writeStatements(events, ops, true, (e) => texts.get(e)));
    await counted.flush(this.tx, events);
  }

  async end(commit: boolean): Promise<void> {
    try {
      if (commit) await this.tx.commit();
      else await this.tx.rollback();
    } finally {
      this.tx.close();
    }
  }

  async abort(): Promise<void> {
    await this.tx.rollback().catch(() => undefined);
    try {
      this.tx.close();
    } catch {
      // Already closed by end().
    }
  }
}

/** The path of a `file:` URL the writer thread can open itself, or null (memory, query string, host). */
function filePath(db: Database): string | null {
  if (!db.local) return null;
  const m = /^file:([^?#]+)$/.exec(db.url);
  const path = m?.[1];
  if (!path || path === ':memory:' || (path.startsWith('//') && !path.startsWith('///'))) return null;
  return path;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { message: string; code?: string; rawCode?: number; name?: string };
}

function toError(e: NonNullable<Reply['error']>): Error {
  if (e.name === 'SqliteError' && e.code) {
    // As @libsql/client reports it: the base code, the extended code and the raw code.
    const base = e.code.split('_').slice(0, 2).join('_');
    return new LibsqlError(e.message, base, e.code, e.rawCode);
  }
  return new Error(e.message);
}

/** Rows as the client gives them: values by column name and (not enumerable) by position; integers as numbers. */
function resultSet(r: { columns: string[]; rows: unknown[][]; rowsAffected?: number }): ResultSet {
  const rows = r.rows.map((values) => {
    const row: Record<string, unknown> = {};
    Object.defineProperty(row, 'length', { value: values.length });
    values.forEach((v, i) => {
      // A blob arrives as bytes; the client gives an ArrayBuffer.
      const value = v instanceof Uint8Array ? v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) : v;
      Object.defineProperty(row, i, { value });
      const c = r.columns[i]!;
      if (!Object.hasOwn(row, c)) row[c] = value;
    });
    return row;
  });
  return { columns: r.columns, columnTypes: [], rows, rowsAffected: r.rowsAffected ?? 0, lastInsertRowid: undefined, toJSON: () => ({ columns: r.columns, rows: r.rows }) } as unknown as ResultSet;
}

/** An argument as @libsql/client binds it (its valueToSql, with integers as numbers). */
function bindable(v: InValue | undefined): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return v;
}

function args(stmt: InStatement | string): { sql: string; args: unknown[] } {
  if (typeof stmt === 'string') return { sql: stmt, args: [] };
  if (!Array.isArray(stmt.args)) throw new Error('the bulk writer takes positional arguments only');
  return { sql: stmt.sql, args: stmt.args.map(bindable) };
}

/** The worker's group: the INSERT's head and one row's placeholders. */
function wire(g: RowGroup) {
  const { head, tuple } = insertParts(g);
  return {
    table: g.table,
    head,
    tuple,
    width: g.columns.length,
    values: g.values,
  };
}

/** The transaction on a writer thread's own connection. */
class WorkerSink implements BulkSink {
  readonly chunk = bulkTuning.chunk;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly inFlight: Array<Promise<unknown>> = [];
  private dead: Error | null = null;
  private closed: Promise<void> | null = null;

  readonly tx: Pick<Transaction, 'execute' | 'batch'> = {
    execute: async (stmt: InStatement | string) => (await this.exec([stmt]))[0]!,
    batch: async (stmts: Array<InStatement | string>) => this.exec(stmts),
  } as Pick<Transaction, 'execute' | 'batch'>;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: Reply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.result);
      else w.reject(toError(m.error!));
    });
    const fail = (err: Error) => {
      this.dead ??= err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the bulk writer thread stopped (exit code ${code})`)));
  }

  static async open(db: Database, path: string): Promise<WorkerSink> {
    // Profiling flags carry over; loaders (tsx) are not needed by the .mjs worker.
    const execArgv = process.execArgv.filter((a) => /^--(cpu-prof|heap-prof)/.test(a));
    const worker = new Worker(packagePath('src', 'db', 'bulk-worker.mjs'), {
      execArgv,
      workerData: {
        path,
        timeoutMs: 10_000,
        synchronous: db.durability === 'normal' ? 'NORMAL' : 'FULL',
        cacheKiB: bulkTuning.cacheKiB,
        autocheckpointOff: Boolean(db.backgroundCheckpoints),
        rebuild: bulkTuning.rebuildIndexes,
        whole: bulkTuning.wholeTables,
      },
    });
    const sink = new WorkerSink(worker);
    try {
      await sink.expect(0);
    } catch (err) {
      await sink.close();
      throw err;
    }
    return sink;
  }

  private expect(id: number): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  private request(m: Record<string, unknown>): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const reply = this.expect(id);
    this.worker.postMessage({ ...m, id });
    return reply;
  }

  private async exec(stmts: Array<InStatement | string>): Promise<ResultSet[]> {
    const results = (await this.request({ op: 'exec', statements: stmts.map(args) })) as Array<{ columns: string[]; rows: unknown[][]; rowsAffected?: number }>;
    return results.map(resultSet);
  }

  private readonly rows = new ChunkRows();
  /** The chunk's events that can change counted forecasts (touchesCounted's, as claimsTouched reads them). */
  private touching: LedgerEvent[] = [];

  get pending(): number {
    return this.rows.count;
  }

  add(event: LedgerEvent, payloadText: string): void {
    // Flattened at once: only the values wait for the flush, not the event and its projection.
    this.rows.add(event, payloadText, projectEvent(event));
    if (touchesCounted(event)) this.touching.push(event);
  }

  async flush(counted: BulkCounted): Promise<void> {
    if (this.rows.count === 0) return;
    const { groups, statements } = this.rows.take();
    const { rows, rest } = counted.take(this.touching);
    this.touching = [];
    const after = rowGroup('counted_forecasts', rows);
    const done = this.request({ op: 'write', groups: groups.map(wire), statements: statements.map(args), after: after ? [wire(after)] : [] });
    // Failures are reported by the next request or by end(); never left unhandled.
    done.catch(() => undefined);
    this.inFlight.push(done);
    while (this.inFlight.length > bulkTuning.inFlight) await this.inFlight.shift();
    // Claims the in-memory count could not handle: recomputed from the tables (reads wait for the writes).
    if (rest.length > 0) await refreshCounted(this.tx, rest);
  }

  async end(commit: boolean): Promise<void> {
    try {
      for (const p of this.inFlight.splice(0)) await p;
      await this.request({ op: 'end', commit });
    } finally {
      await this.close();
    }
  }

  async abort(): Promise<void> {
    this.inFlight.splice(0);
    await this.request({ op: 'end', commit: false }).catch(() => undefined);
    await this.close();
  }

  private close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.dead) {
        void this.worker.terminate().then(() => resolve());
        return;
      }
      this.worker.once('exit', () => resolve());
      // The worker rolls back anything still open, closes its connection and ends.
      this.worker.postMessage({ op: 'close' });
    });
    return this.closed;
  }
}

/**
 * Open the bulk append's transaction: on a writer thread for a `file:` database, else in this
 * thread through the client (`begin` opens the client's write transaction).
 */
export async function openBulkSink(db: Database, begin: () => Promise<Transaction>): Promise<BulkSink> {
  const path = filePath(db);
  if (path !== null) return WorkerSink.open(db, path);
  const tx = await begin();
  const sink = new TxSink(tx);
  try {
    // A larger page cache for this connection: bulk inserts touch many index pages.
    if (db.local) await tx.execute('PRAGMA cache_size = -8192');
  } catch (err) {
    // Roll back and release the transaction just opened: nobody else holds it.
    await sink.abort();
    throw err;
  }
  return sink;
}

/** The claim a bulk command is about: null for a source, undefined when not known up front. */
export function bulkClaimId(cmd: Command): string | null | undefined {
  switch (cmd.type) {
    case 'source.register':
    case 'rules.set':
      return null;
    case 'claim.create':
      return cmd.input.id;
    case 'event.retract':
      return undefined;
    case 'event.import':
      return cmd.event.claimId;
    default:
      return cmd.claimId;
  }
}

/** BulkCounted.apply's claim kind for events that need none (only resolutions ask). */
export const noKind = (): undefined => undefined;
