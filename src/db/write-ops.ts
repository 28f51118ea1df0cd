import type { InStatement, InValue } from '@libsql/client';
import type { LedgerEvent } from '../domain/types.js';
import { canonicalJson } from '../domain/canonical.js';
import type { Ops, Row } from './projection.js';
import { PROJECTION_TABLES } from './schema.js';

/** The columns of an `events` row, in the order every writer and reader of whole rows uses. */
export const EVENT_COLUMNS = ['seq', 'type', 'claim_id', 'recorded_at', 'recorded_by', 'payload', 'prev_hash', 'hash'] as const;

/** Keep each statement under SQLite's default limit of 32,766 bound parameters. */
const MAX_PARAMS = 30_000;

/** Multi-row INSERTs for rows of one table with the same columns (≈10× faster than one row each). */
export function multiRowInserts(table: string, rows: Row[], orIgnore = false): InStatement[] {
  const group = rowGroup(table, rows, orIgnore);
  return group ? groupInserts(group) : [];
}

/** The start of a group's INSERT and one row's placeholders (the bulk writer thread builds its statements from them too). */
export function insertParts(g: Pick<RowGroup, 'table' | 'orIgnore' | 'columns'>): { head: string; tuple: string } {
  return {
    head: `INSERT ${g.orIgnore ? 'OR IGNORE ' : ''}INTO ${g.table} (${g.columns.join(', ')}) VALUES `,
    tuple: `(${g.columns.map(() => '?').join(', ')})`,
  };
}

/**
 * The SQL text of multi-row INSERTs of up to this many rows is kept once made (a group commit
 * writes the same few shapes again and again); longer ones (bulk chunks) are made each time.
 */
const CACHED_ROWS = 256;
/** Distinct INSERT heads kept (table, columns, OR IGNORE); cleared when full. */
const CACHED_HEADS = 256;
const insertTexts = new Map<string, { tuple: string; byRows: string[] }>();

/** The INSERT text for `n` rows of a group's table and columns. */
function insertText(g: Pick<RowGroup, 'table' | 'orIgnore' | 'columns'>, n: number): string {
  const key = `${g.orIgnore ? '1' : '0'}${g.table}(${g.columns.join(',')})`;
  let cached = insertTexts.get(key);
  if (!cached) {
    if (insertTexts.size >= CACHED_HEADS) insertTexts.clear();
    cached = { tuple: insertParts(g).tuple, byRows: [] };
    insertTexts.set(key, cached);
  }
  const known = cached.byRows[n];
  if (known !== undefined) return known;
  const text = insertParts(g).head + new Array<string>(n).fill(cached.tuple).join(', ');
  if (n <= CACHED_ROWS) cached.byRows[n] = text;
  return text;
}

/** A row group as multi-row INSERTs, as many rows in each as MAX_PARAMS allows. */
export function groupInserts(g: RowGroup): InStatement[] {
  const width = g.columns.length;
  const rows = width === 0 ? 0 : g.values.length / width;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width));
  const out: InStatement[] = [];
  for (let i = 0; i < rows; i += perStatement) {
    const n = Math.min(perStatement, rows - i);
    // The whole group in one statement: its values are the arguments as they are.
    const args = n === rows ? g.values : g.values.slice(i * width, (i + n) * width);
    out.push({ sql: insertText(g, n), args });
  }
  return out;
}

/**
 * The statements that write a run of events and their projections: the events, then each
 * projection table's rows (parents first, multi-row), then the other statements in event order.
 */
export function writeStatements(events: LedgerEvent[], ops: Ops[], withEvents = true, payloadText?: (e: LedgerEvent) => string | undefined): InStatement[] {
  // Gathered as a bulk writer gathers them (ChunkRows), then written as multi-row INSERTs.
  const rows = new ChunkRows();
  if (withEvents) for (const e of events) rows.addEvent(e, payloadText?.(e) ?? canonicalJson(e.payload));
  for (const o of ops) rows.addOps(o);
  const { groups, statements } = rows.take();
  const out: InStatement[] = [];
  for (const g of groups) for (const st of groupInserts(g)) out.push(st);
  for (const st of statements) out.push(st);
  return out;
}

/** Rows of one table with the same columns, flattened (row after row) for a bulk writer. */
export interface RowGroup {
  table: string;
  orIgnore: boolean;
  columns: readonly string[];
  values: InValue[];
}

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
    this.addEvent(e, payloadText);
    this.addOps(ops);
  }

  /** An event's own row (its canonical payload text given), in EVENT_COLUMNS order. */
  addEvent(e: LedgerEvent, payloadText: string): void {
    this.events.push(e.seq, e.type, e.claimId, e.recordedAt, e.recordedBy, payloadText, e.prevHash, e.hash);
    this.count++;
  }

  /** An event's projection: its rows and statements. */
  addOps(ops: Ops): void {
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
