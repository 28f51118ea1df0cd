/**
 * The claim list's building blocks: its filters and sorts, cursors, what a page query reads of
 * each claim (its shapes), and how a page's rows are read and put in order.
 */
import type { Client, InValue } from '@libsql/client';
import type { ReadRows } from './fast-read.js';
import { PROJECTION_EPOCH } from './schema.js';

/** A database as the list reads it: its client (which keys the caches) and how to run a read. */
export interface Db {
  client: Client;
  rows: ReadRows;
}

/**
 * `newest` / `oldest`: by the claim's date in the world (claims.world_date: an allegation's
 * first assertion, else the opening, else the recording), then creation order; `recorded`:
 * newest recorded first (creation order); `deadline`: soonest deadline or check-by first.
 */
export const CLAIM_SORTS = ['newest', 'oldest', 'deadline', 'recorded'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export interface ClaimFilters {
  kind?: string;
  status?: string;
  tag?: string;
  source?: string;
  q?: string;
  /** `passed`: the deadline or check-by date lies before `now`; `upcoming`: at or after it. */
  due?: 'passed' | 'upcoming';
  sort?: ClaimSort;
  cursor?: string;
  limit: number;
  now?: string;
}

export interface CursorValue {
  s: number;
  d?: string | null;
  /** The world date of the page's last claim (newest / oldest). */
  w?: string;
}

export class CursorError extends Error {}

export function encodeCursor(v: CursorValue): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor(text: string): CursorValue {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as CursorValue;
    if (typeof v.s === 'number' && Number.isInteger(v.s) && (v.d === undefined || v.d === null || typeof v.d === 'string') && (v.w === undefined || typeof v.w === 'string')) return v;
  } catch {
    /* fall through */
  }
  throw new CursorError('cursor is not one this server issued');
}

/** A claims row as the list reads it: the claim's columns, and its current resolution's as r_*. */
export type ClaimRow = Record<string, InValue>;

const CLAIM_COLUMNS = ['id', 'kind', 'title', 'statement', 'resolution_criteria', 'details', 'tags', 'deadline', 'check_by', 'opened_at', 'status', 'revision', 'edited_after_forecasts', 'created_at', 'created_seq', 'due_at', 'resolution_seq', 'first_alleged_on', 'world_date', 'question_type', 'question'];
const RESOLUTION_COLUMNS = ['outcome', 'known_on', 'note', 'evidence_ids', 'recorded_at', 'value'];
const ROW_KEYS = [...CLAIM_COLUMNS, ...RESOLUTION_COLUMNS.map((c) => `r_${c}`)];

/**
 * What a page query reads of each claim, packed by SQLite into one JSON array per row. Claims
 * and resolutions hold only text and integers, which JSON carries exactly; the client then
 * converts one value per row instead of 22 (its per-value cost, not SQLite, was most of a
 * page's time). `full`: the claim and its current resolution (as r_*); `keys`: what the API's
 * list needs to page and to find its cached items — the claim's id, order keys and version
 * (the sequence number of its latest event).
 */
export interface Shape {
  select: string;
  keys: string[];
  resolution: boolean;
  /** Further columns, read as they are (alias → expression). */
  extra?: Record<string, string>;
}
/** The claim's columns, then its resolution's: the values of ROW_KEYS. */
const FULL_VALUES = [...CLAIM_COLUMNS.map((c) => `c.${c}`), ...RESOLUTION_COLUMNS.map((c) => `r.${c}`)].join(', ');
export const FULL: Shape = { select: `json_array(${FULL_VALUES})`, keys: ROW_KEYS, resolution: true };
const CLAIM_VERSION = (id: string) => `(SELECT max(seq) FROM events WHERE claim_id = ${id})`;
export const KEYS: Shape = {
  select: `json_array(c.id, c.created_seq, c.due_at, c.world_date, ${CLAIM_VERSION('c.id')}, ${PROJECTION_EPOCH})`,
  keys: ['id', 'created_seq', 'due_at', 'world_date', 'version', 'epoch'],
  resolution: false,
};
/**
 * The latest standing (not retracted) forecast of each source on a claim: the greatest
 * (made_at, seq), read from the claim's forecasts (forecasts_claim_idx).
 */
export const LATEST_OF = (claim: string) => `SELECT source_id, probability, made_at FROM (
    SELECT source_id, probability, made_at, row_number() OVER (PARTITION BY source_id ORDER BY made_at DESC, seq DESC) AS rn
    FROM forecasts WHERE claim_id = ${claim} AND retracted_seq IS NULL) WHERE rn = 1`;
/** The same of a multiple-choice, numeric or date question, from question_forecasts (question_forecasts_claim_idx). */
export const LATEST_VALUES_OF = (claim: string) => `SELECT source_id, made_at, kind, vals FROM (
    SELECT source_id, made_at, kind, vals, row_number() OVER (PARTITION BY source_id ORDER BY made_at DESC, seq DESC) AS rn
    FROM question_forecasts WHERE claim_id = ${claim} AND retracted_seq IS NULL) WHERE rn = 1`;
/**
 * A claim's latest forecasts packed as one JSON array: yes/no ones as [source, probability
 * (17 significant digits, which give back the same double), made_at], the others as [source,
 * null, made_at, kind, values]. A claim asks one question, so only one of the two has rows.
 */
export const LATEST_JSON = (claim: string) => `(SELECT json_group_array(json(x)) FROM (
    SELECT json_array(source_id, printf('%!.17g', probability), made_at) AS x FROM (${LATEST_OF(claim)})
    UNION ALL SELECT json_array(source_id, NULL, made_at, kind, json(vals)) FROM (${LATEST_VALUES_OF(claim)})))`;
/**
 * A list item whole, with the claim's version: the claim and its resolution, its latest
 * forecasts (probabilities as 17 significant digits, which give back the same double) and its
 * stance tally.
 */
export const ITEMS: Shape = {
  select: `json_array(${FULL_VALUES}, ${CLAIM_VERSION('c.id')}, ${PROJECTION_EPOCH})`,
  keys: [...ROW_KEYS, 'version', 'epoch'],
  resolution: true,
  extra: {
    latest: LATEST_JSON('c.id'),
    tally: `(SELECT json_array(sum(stance = 'asserts'), sum(stance = 'denies')) FROM stances WHERE claim_id = c.id AND retracted_seq IS NULL)`,
  },
};

function unpackRow(text: unknown, keys: string[]): ClaimRow {
  const values = JSON.parse(String(text)) as InValue[];
  const row: ClaimRow = {};
  for (let i = 0; i < keys.length; i++) row[keys[i] as string] = values[i] ?? null;
  return row;
}

/** WHERE terms and their arguments, in order. */
export interface Where {
  sql: string[];
  args: InValue[];
  add: (sql: string, ...a: InValue[]) => void;
}

export function where(): Where {
  const sql: string[] = [];
  const args: InValue[] = [];
  return { sql, args, add: (term, ...a) => void (sql.push(term), args.push(...a)) };
}

/** ` WHERE a AND b`, or nothing. */
export const whereSql = (w: Where) => (w.sql.length ? ` WHERE ${w.sql.join(' AND ')}` : '');

/** The select of a shape from `from` (which names the claim `c`), with its resolution joined when the shape reads it. */
export const SELECT = (shape: Shape, from: string) =>
  `SELECT ${shape.select} AS j${Object.entries(shape.extra ?? {}).map(([alias, sql]) => `, ${sql} AS ${alias}`).join('')} FROM ${from}${shape.resolution ? ' LEFT JOIN resolutions r ON r.seq = c.resolution_seq' : ''}`;

/** A page's order, as its SQL says it: creation order (either way), (due_at, created_seq), or (world_date, created_seq). */
export type Order = (a: ClaimRow, b: ClaimRow) => number;
export const bySeq: Order = (a, b) => Number(a.created_seq) - Number(b.created_seq);
export const bySeqDesc: Order = (a, b) => Number(b.created_seq) - Number(a.created_seq);
// Dates are ASCII ISO strings: JavaScript compares them as SQLite's BINARY collation does.
export const byDue: Order = (a, b) => (String(a.due_at) < String(b.due_at) ? -1 : String(a.due_at) > String(b.due_at) ? 1 : bySeq(a, b));
export const byWorld: Order = (a, b) => (String(a.world_date) < String(b.world_date) ? -1 : String(a.world_date) > String(b.world_date) ? 1 : bySeq(a, b));
export const byWorldDesc: Order = (a, b) => byWorld(b, a);

/** The rows of `sql` (a SELECT(shape, …)), in `order` when the page has one. */
export async function pageRows(db: Db, shape: Shape, sql: string, args: InValue[], order?: Order): Promise<ClaimRow[]> {
  if (!shape.extra) {
    // The whole page as one JSON array of rows: one value to convert, one parse. group_concat
    // takes its rows in no documented order, so they are put in the page's order here (a stable
    // sort of rows that in practice arrive in it already).
    const [r] = await db.rows(`SELECT '[' || ifnull(group_concat(j, ','), '') || ']' FROM (${sql})`, args);
    const rows = (JSON.parse(String(r?.[0] ?? '[]')) as InValue[][]).map((values) => {
      const row: ClaimRow = {};
      for (let i = 0; i < shape.keys.length; i++) row[shape.keys[i] as string] = values[i] ?? null;
      return row;
    });
    return order ? rows.sort(order) : rows;
  }
  const extra = Object.keys(shape.extra);
  return (await db.rows(sql, args)).map((r) => {
    const row = unpackRow(r[0], shape.keys);
    extra.forEach((alias, i) => (row[alias] = (r[i + 1] ?? null) as InValue));
    return row;
  });
}
