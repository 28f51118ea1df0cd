import type { InStatement, InValue } from '@libsql/client';
import type { LedgerEvent } from '../domain/types.js';
import { canonicalJson } from '../domain/canonical.js';
import type { InsertOp, Ops, Row } from './projection.js';
import { PROJECTION_TABLES } from './schema.js';

/** Keep each statement under SQLite's default limit of 32,766 bound parameters. */
const MAX_PARAMS = 30_000;

/** Multi-row INSERTs for rows of one table with the same columns (≈10× faster than one row each). */
export function multiRowInserts(table: string, rows: Row[], orIgnore = false): InStatement[] {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT ${orIgnore ? 'OR IGNORE ' : ''}INTO ${table} (${columns.join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const args: InValue[] = [];
    for (const row of chunk) for (const c of columns) args.push(row[c] ?? null);
    out.push({ sql: head + chunk.map(() => tuple).join(', '), args });
  }
  return out;
}

export function eventRow(e: LedgerEvent, payloadText?: string): Row {
  return {
    seq: e.seq,
    type: e.type,
    claim_id: e.claimId,
    recorded_at: e.recordedAt,
    recorded_by: e.recordedBy,
    payload: payloadText ?? canonicalJson(e.payload),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * The statements that write a run of events and their projections: the events, then each
 * projection table's rows (parents first, multi-row), then the other statements in event order.
 */
export function writeStatements(events: LedgerEvent[], ops: Ops[], withEvents = true, payloadText?: (e: LedgerEvent) => string | undefined): InStatement[] {
  const out: InStatement[] = withEvents ? multiRowInserts('events', events.map((e) => eventRow(e, payloadText?.(e)))) : [];
  const byTable = new Map<string, InsertOp[]>();
  const seen = new Set<string>();
  for (const o of ops) for (const ins of o.inserts) {
    if (ins.orIgnore) {
      // The same link row twice in one flush: the second is a no-op, so send it once.
      const id = `${ins.table}|${JSON.stringify(ins.row)}`;
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const key = `${ins.table}|${ins.orIgnore ? 1 : 0}`;
    const list = byTable.get(key) ?? [];
    list.push(ins);
    byTable.set(key, list);
  }
  for (const table of PROJECTION_TABLES) {
    for (const ignore of [0, 1]) {
      const list = byTable.get(`${table}|${ignore}`);
      if (list) out.push(...multiRowInserts(table, list.map((i) => i.row), ignore === 1));
    }
  }
  for (const o of ops) out.push(...o.statements);
  return out;
}

/** Rows of one table with the same columns, flattened (row after row) for a bulk writer. */
export interface RowGroup {
  table: string;
  orIgnore: boolean;
  columns: string[];
  values: InValue[];
}

/** The columns of an `events` row, in `eventRow`'s order. */
export const EVENT_COLUMNS = ['seq', 'type', 'claim_id', 'recorded_at', 'recorded_by', 'payload', 'prev_hash', 'hash'];

/** Rows as flat groups (the first row's columns for every row, as `multiRowInserts`). */
export function rowGroup(table: string, rows: Row[], orIgnore = false): RowGroup | null {
  const first = rows[0];
  if (!first) return null;
  const columns = Object.keys(first);
  const values: InValue[] = [];
  for (const row of rows) for (const c of columns) values.push(row[c] ?? null);
  return { table, orIgnore, columns, values };
}

/**
 * What `writeStatements` writes for a run of events, as flat row groups and statements
 * instead of SQL, gathered event by event (nothing but the values is kept): the events,
 * then each projection table's rows (parents first), then the other statements in event
 * order. Executing the groups in that order, then the statements, writes exactly the same.
 */
export class ChunkRows {
  private events: InValue[] = [];
  private tables = new Map<string, RowGroup>();
  private statements: InStatement[] = [];
  private seen = new Set<string>();
  /** Events added since the last take(). */
  count = 0;

  add(e: LedgerEvent, payloadText: string, ops: Ops): void {
    this.events.push(e.seq, e.type, e.claimId, e.recordedAt, e.recordedBy, payloadText, e.prevHash, e.hash);
    this.count++;
    for (const ins of ops.inserts) {
      if (ins.orIgnore) {
        // The same link row twice in one run: the second is a no-op, so send it once.
        const id = `${ins.table}|${JSON.stringify(ins.row)}`;
        if (this.seen.has(id)) continue;
        this.seen.add(id);
      }
      const key = ins.orIgnore ? `${ins.table}|1` : ins.table;
      let group = this.tables.get(key);
      if (!group) {
        // The first row's columns for every row, as multiRowInserts does.
        group = { table: ins.table, orIgnore: Boolean(ins.orIgnore), columns: Object.keys(ins.row), values: [] };
        this.tables.set(key, group);
      }
      for (const c of group.columns) group.values.push(ins.row[c] ?? null);
    }
    for (const st of ops.statements) this.statements.push(st);
  }

  /** The groups (events first, then the projection tables in PROJECTION_TABLES order) and statements; starts a new run. */
  take(): { groups: RowGroup[]; statements: InStatement[] } {
    const groups: RowGroup[] = [];
    if (this.count > 0) groups.push({ table: 'events', orIgnore: false, columns: EVENT_COLUMNS, values: this.events });
    for (const table of PROJECTION_TABLES) {
      for (const key of [table, `${table}|1`]) {
        const group = this.tables.get(key);
        if (group) groups.push(group);
      }
    }
    const statements = this.statements;
    this.events = [];
    this.tables = new Map();
    this.statements = [];
    this.seen = new Set();
    this.count = 0;
    return { groups, statements };
  }
}
