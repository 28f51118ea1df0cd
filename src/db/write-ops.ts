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
