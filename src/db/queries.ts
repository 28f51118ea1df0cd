import type { Client, InValue, Row, Transaction } from '@libsql/client';
import type { LedgerEvent } from '../domain/types.js';
import { clientRows, type ReadRows, type ReadStatement } from './fast-read.js';
import { EVENT_COLUMNS } from './write-ops.js';

export function eventFromRow(r: Row): LedgerEvent {
  return {
    seq: Number(r.seq),
    type: String(r.type),
    claimId: r.claim_id === null ? null : String(r.claim_id),
    recordedAt: String(r.recorded_at),
    recordedBy: r.recorded_by === null ? null : String(r.recorded_by),
    payload: JSON.parse(String(r.payload)),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  } as LedgerEvent;
}


/**
 * Every event of one claim in sequence order (one indexed range scan). Each row comes packed
 * by SQLite into one JSON array (events hold only text and integers, which JSON carries
 * exactly), since the client's cost per value converted dominated a long claim's read.
 */
export async function claimEvents(client: Client, id: string, rows: ReadRows = clientRows(client)): Promise<LedgerEvent[]> {
  const read = await rows(`SELECT json_array(${EVENT_COLUMNS.join(', ')}) FROM events WHERE claim_id = ? ORDER BY seq`, [id]);
  return read.map((r) => {
    const v = JSON.parse(String(r[0])) as unknown[];
    return eventFromRow(Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, v[i] ?? null])) as unknown as Row);
  });
}

type Executor = Pick<Client, 'execute'> | Pick<Transaction, 'execute'>;

export async function listEvents(client: Executor, after: number, limit: number): Promise<LedgerEvent[]> {
  const rs = await client.execute({ sql: 'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?', args: [after, limit] });
  return rs.rows.map(eventFromRow);
}

/** The whole ledger in sequence order, a page at a time (export, rebuild). */
export async function* eventPages(client: Executor, pageSize = 5000): AsyncGenerator<LedgerEvent[]> {
  let after = 0;
  for (;;) {
    const page = await listEvents(client, after, pageSize);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]?.seq ?? after;
  }
}

export interface SourceRow {
  id: string;
  name: string;
  type: string;
  country?: string;
  url?: string;
}

function sourceFromRow(r: Row): SourceRow {
  return {
    id: String(r.id),
    name: String(r.name),
    type: String(r.type),
    ...(r.country !== null ? { country: String(r.country) } : {}),
    ...(r.url !== null ? { url: String(r.url) } : {}),
  };
}

export async function getSource(client: Client, id: string, rows: ReadRows = clientRows(client)): Promise<SourceRow | null> {
  const [r] = await rows('SELECT id, name, type, country, url FROM sources WHERE id = ?', [id]);
  return r ? sourceFromRow({ id: r[0], name: r[1], type: r[2], country: r[3], url: r[4] } as unknown as Row) : null;
}

/** Sources ordered by name then id, keyset-paged on (name, id). */
export async function listSources(client: Client, opts: { after?: [string, string]; limit: number; type?: string }): Promise<SourceRow[]> {
  const where: string[] = [];
  const args: InValue[] = [];
  if (opts.type) {
    where.push('type = ?');
    args.push(opts.type);
  }
  if (opts.after) {
    where.push('(name, id) > (?, ?)');
    args.push(...opts.after);
  }
  const sql = `SELECT * FROM sources ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, id LIMIT ?`;
  const rs = await client.execute({ sql, args: [...args, opts.limit] });
  return rs.rows.map(sourceFromRow);
}

/** Every source, ordered by name then id (sourcesOf reads its rows). */
export const ALL_SOURCES: ReadStatement = { sql: 'SELECT id, name, type, country, url FROM sources ORDER BY name, id' };

/** The sources from ALL_SOURCES' rows. */
export const sourcesOf = (read: unknown[][]): SourceRow[] => read.map((r) => sourceFromRow({ id: r[0], name: r[1], type: r[2], country: r[3], url: r[4] } as unknown as Row));

export async function allSources(client: Client): Promise<SourceRow[]> {
  const rs = await client.execute('SELECT * FROM sources ORDER BY name, id');
  return rs.rows.map(sourceFromRow);
}

export async function eventCount(client: Client): Promise<number> {
  const rs = await client.execute('SELECT count(*) AS n FROM events');
  return Number(rs.rows[0]?.n ?? 0);
}
