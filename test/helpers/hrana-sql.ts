/**
 * The Hrana protocol's shapes and the SQL running behind them, for the test server
 * (hrana-server.ts): values in and out, errors with SQLite's codes, one statement run with its
 * change counts, and whether a pipeline writes.
 */
import type Libsql from 'libsql';

export type Conn = InstanceType<typeof Libsql> & { readonly inTransaction: boolean };
export type Value = { type: 'null' } | { type: 'integer'; value: string } | { type: 'float'; value: number } | { type: 'text'; value: string } | { type: 'blob'; base64: string };
export interface Stmt { sql?: string; sql_id?: number; args?: Value[]; named_args?: Array<{ name: string; value: Value }>; want_rows?: boolean }
export type Cond = { type: 'ok' | 'error'; step: number } | { type: 'not'; cond: Cond } | { type: 'and' | 'or'; conds: Cond[] } | { type: 'is_autocommit' };
export type Request =
  | { type: 'close' | 'get_autocommit' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: { steps: Array<{ condition?: Cond | null; stmt: Stmt }> } }
  | { type: 'sequence' | 'describe'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number };
export interface StmtResult { cols: Array<{ name: string; decltype: string | null }>; rows: Value[][]; affected_row_count: number; last_insert_rowid: string }
export interface ProtoError { message: string; code: string }
/** An error answered as `{ message, code }` (with HTTP 400 when it fails the whole request). */
export class HranaError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

export function decodeValue(v: Value): unknown {
  if (v.type === 'integer') return BigInt(v.value);
  if (v.type === 'float' || v.type === 'text') return v.value;
  if (v.type === 'blob') return Buffer.from(v.base64, 'base64');
  if (v.type === 'null') return null;
  throw new HranaError(`unknown value type ${JSON.stringify((v as { type: unknown }).type)}`, 'PROTO_ERROR');
}

export function encodeValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: String(v) };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v).toString('base64') };
  throw new HranaError(`cannot encode a ${typeof v} value`, 'INTERNAL');
}

/** SQLite errors keep their primary code (SQLITE_CONSTRAINT, SQLITE_BUSY, …), as sqld reports them. */
export function protoError(err: unknown): ProtoError {
  if (err instanceof HranaError) return { message: err.message, code: err.code };
  const e = err as { message?: string; code?: unknown };
  const code = typeof e.code === 'string' ? (/^SQLITE_[A-Z]+/.exec(e.code)?.[0] ?? e.code) : 'INTERNAL';
  return { message: e.message ?? String(err), code };
}

export function bindings(stmt: Stmt): unknown[] | Record<string, unknown> {
  const positional = (stmt.args ?? []).map(decodeValue);
  const named = stmt.named_args ?? [];
  if (named.length === 0) return positional;
  if (positional.length > 0) throw new HranaError('this test server cannot mix positional and named arguments', 'ARGS_INVALID');
  return Object.fromEntries(named.map((a) => [a.name.replace(/^[:@$]/, ''), decodeValue(a.value)]));
}

/** Run one statement; the changes are counted only when the statement itself made some. */
export type Statement = ReturnType<Conn['prepare']>;
export const counters = new WeakMap<Conn, Statement>();
export function runStatement(conn: Conn, st: Statement, args: unknown[] | Record<string, unknown>, wantRows: boolean): StmtResult {
  let counter = counters.get(conn);
  if (!counter) counters.set(conn, (counter = conn.prepare('SELECT total_changes(), changes(), last_insert_rowid()').raw(true).safeIntegers(true)));
  const meta = () => (counter.all([]) as Array<[bigint, bigint, bigint]>)[0] as [bigint, bigint, bigint];
  const before = meta()[0];
  let cols: StmtResult['cols'] = [];
  let rows: Value[][] = [];
  if (st.reader) {
    st.raw(true).safeIntegers(true);
    const all = st.all(args) as unknown[][];
    cols = st.columns().map((c) => ({ name: c.name, decltype: c.type }));
    if (wantRows) rows = all.map((r) => r.map(encodeValue));
  } else {
    st.run(args);
  }
  const [total, changes, rowid] = meta();
  return { cols, rows, affected_row_count: total === before ? 0 : Number(changes), last_insert_rowid: String(rowid) };
}

/** Whether a pipeline holds a statement that may write (anything but SELECT, BEGIN, COMMIT, ROLLBACK). */
export function writesIn(requests: Request[]): boolean {
  const stmts = requests.flatMap((r): Array<{ sql?: string | null }> => (r.type === 'execute' ? [r.stmt] : r.type === 'batch' ? r.batch.steps.map((s) => s.stmt) : r.type === 'store_sql' ? [r] : []));
  return stmts.some((st) => st.sql !== undefined && st.sql !== null && !/^\s*(select|with|begin|commit|rollback|end|pragma)\b/i.test(st.sql));
}
