import type { Client, InValue } from '@libsql/client';
import { ByteCache } from './byte-cache.js';
import { clientRows, readRows, type ReadRows, type ReadTarget } from './fast-read.js';
import { PROJECTION_EPOCH } from './schema.js';

/** A database as the list reads it: its client (which keys the caches) and how to run a read. */
interface Db {
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

interface CursorValue {
  s: number;
  d?: string | null;
  /** The world date of the page's last claim (newest / oldest). */
  w?: string;
}

export class CursorError extends Error {}

export function encodeCursor(v: CursorValue): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

function decodeCursor(text: string): CursorValue {
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

const CLAIM_COLUMNS = ['id', 'kind', 'title', 'statement', 'resolution_criteria', 'details', 'tags', 'deadline', 'check_by', 'opened_at', 'status', 'revision', 'edited_after_forecasts', 'created_at', 'created_seq', 'due_at', 'resolution_seq', 'first_alleged_on', 'world_date'];
const RESOLUTION_COLUMNS = ['outcome', 'known_on', 'note', 'evidence_ids', 'recorded_at'];
const ROW_KEYS = [...CLAIM_COLUMNS, ...RESOLUTION_COLUMNS.map((c) => `r_${c}`)];

/**
 * What a page query reads of each claim, packed by SQLite into one JSON array per row. Claims
 * and resolutions hold only text and integers, which JSON carries exactly; the client then
 * converts one value per row instead of 22 (its per-value cost, not SQLite, was most of a
 * page's time). `full`: the claim and its current resolution (as r_*); `keys`: what the API's
 * list needs to page and to find its cached items — the claim's id, order keys and version
 * (the sequence number of its latest event).
 */
interface Shape {
  select: string;
  keys: string[];
  resolution: boolean;
  /** Further columns, read as they are (alias → expression). */
  extra?: Record<string, string>;
}
/** The claim's columns, then its resolution's: the values of ROW_KEYS. */
const FULL_VALUES = [...CLAIM_COLUMNS.map((c) => `c.${c}`), ...RESOLUTION_COLUMNS.map((c) => `r.${c}`)].join(', ');
const FULL: Shape = { select: `json_array(${FULL_VALUES})`, keys: ROW_KEYS, resolution: true };
const CLAIM_VERSION = (id: string) => `(SELECT max(seq) FROM events WHERE claim_id = ${id})`;
const KEYS: Shape = {
  select: `json_array(c.id, c.created_seq, c.due_at, c.world_date, ${CLAIM_VERSION('c.id')}, ${PROJECTION_EPOCH})`,
  keys: ['id', 'created_seq', 'due_at', 'world_date', 'version', 'epoch'],
  resolution: false,
};
/**
 * The latest standing (not retracted) forecast of each source on a claim: the greatest
 * (made_at, seq), read from the claim's forecasts (forecasts_claim_idx).
 */
const LATEST_OF = (claim: string) => `SELECT source_id, probability, made_at FROM (
    SELECT source_id, probability, made_at, row_number() OVER (PARTITION BY source_id ORDER BY made_at DESC, seq DESC) AS rn
    FROM forecasts WHERE claim_id = ${claim} AND retracted_seq IS NULL) WHERE rn = 1`;
/**
 * A list item whole, with the claim's version: the claim and its resolution, its latest
 * forecasts (probabilities as 17 significant digits, which give back the same double) and its
 * stance tally.
 */
const ITEMS: Shape = {
  select: `json_array(${FULL_VALUES}, ${CLAIM_VERSION('c.id')}, ${PROJECTION_EPOCH})`,
  keys: [...ROW_KEYS, 'version', 'epoch'],
  resolution: true,
  extra: {
    latest: `(SELECT json_group_array(json_array(source_id, printf('%!.17g', probability), made_at)) FROM (${LATEST_OF('c.id')}))`,
    tally: `(SELECT json_array(sum(stance = 'asserts'), sum(stance = 'denies')) FROM stances WHERE claim_id = c.id AND retracted_seq IS NULL)`,
  },
};

function unpackRow(text: unknown, keys: string[]): ClaimRow {
  const values = JSON.parse(String(text)) as InValue[];
  const row: ClaimRow = {};
  for (let i = 0; i < keys.length; i++) row[keys[i] as string] = values[i] ?? null;
  return row;
}

interface Where {
  sql: string[];
  args: InValue[];
}

function where(): Where & { add: (sql: string, ...a: InValue[]) => void } {
  const w: Where = { sql: [], args: [] };
  return { ...w, add: (sql, ...a) => void (w.sql.push(sql), w.args.push(...a)) };
}

/**
 * How a filter that may match few or many claims is applied. `walk`: follow the list's order
 * and test each claim (an index probe), which stops after a page when matches are common;
 * `list`: collect the matching claims from the filter's own index and sort them, which costs
 * what they number. Chosen by a bounded look at that index. For a source: `walk` tests its
 * forecasts by probe and its stances (usually few) against their list; `walk-all` probes both.
 */
type Strategy = 'walk' | 'walk-all' | 'list';

/**
 * Strategies chosen lately, per database client, for ten seconds: they decide only how a page
 * is found, never what it holds, so one a little out of date costs time at most.
 */
const strategies = new WeakMap<Client, Map<string, { strategy: Strategy; until: number }>>();
async function chosen(db: Db, key: string, choose: () => Promise<Strategy>): Promise<Strategy> {
  let known = strategies.get(db.client);
  if (!known) strategies.set(db.client, (known = new Map()));
  const hit = known.get(key);
  const now = Date.now();
  if (hit && hit.until > now) return hit.strategy;
  const strategy = await choose();
  if (known.size > 10_000) known.clear();
  known.set(key, { strategy, until: now + 10_000 });
  return strategy;
}

/** From the distinct claims among the first 512 forecasts and first 512 stances of the source (a bounded sample). */
function sourceStrategy(db: Db, source: string): Promise<Strategy> {
  return chosen(db, `source|${source}`, async () => {
    const [r] = await db.rows(
      `SELECT (SELECT count(DISTINCT claim_id) FROM (SELECT claim_id FROM forecasts WHERE source_id = ?1 LIMIT 512)),
        (SELECT count(DISTINCT claim_id) FROM (SELECT claim_id FROM stances WHERE source_id = ?1 LIMIT 512)),
        (SELECT count(*) FROM (SELECT 1 FROM stances WHERE source_id = ?1 LIMIT 512))`,
      [source],
    );
    const [forecastClaims, stanceClaims, stances] = (r ?? []).map(Number);
    if ((forecastClaims ?? 0) + (stanceClaims ?? 0) < 400) return 'list';
    return (stances ?? 0) < 512 ? 'walk' : 'walk-all';
  });
}

const DUE_SQL = { passed: 'due_at < ?', upcoming: 'due_at >= ?' } as const;

/** A tag on many claims (512 or more) is walked in the list's order; one on few is listed and sorted. */
function tagStrategy(db: Db, tag: string): Promise<Strategy> {
  return chosen(db, `tag|${tag}`, async () => {
    const [r] = await db.rows('SELECT count(*) FROM (SELECT 1 FROM claim_tags WHERE tag = ? LIMIT 512)', [tag]);
    return Number(r?.[0] ?? 0) >= 512 ? 'walk' : 'list';
  });
}

function dueStrategy(db: Db, due: 'passed' | 'upcoming', now: string): Promise<Strategy> {
  return chosen(db, `due|${due}`, async () => {
    const [r] = await db.rows(`SELECT count(*) FROM (SELECT 1 FROM claims WHERE ${DUE_SQL[due]} LIMIT 512)`, [now]);
    return Number(r?.[0] ?? 0) >= 512 ? 'walk' : 'list';
  });
}

/** The claims the source forecast or took a stance on (retracted ones too). */
function sourceFilter(w: ReturnType<typeof where>, source: string, strategy: Strategy): void {
  if (strategy === 'walk') w.add('(EXISTS (SELECT 1 FROM forecasts WHERE source_id = ? AND claim_id = c.id) OR c.id IN (SELECT claim_id FROM stances WHERE source_id = ?))', source, source);
  else if (strategy === 'walk-all') w.add('(EXISTS (SELECT 1 FROM forecasts WHERE source_id = ? AND claim_id = c.id) OR EXISTS (SELECT 1 FROM stances WHERE source_id = ? AND claim_id = c.id))', source, source);
  else w.add('c.id IN (SELECT claim_id FROM forecasts WHERE source_id = ? UNION SELECT claim_id FROM stances WHERE source_id = ?)', source, source);
}

interface Plan {
  match?: string;
  /** Walk the full-text index in rowid order (many matches), rather than test claims against its list of matches (few). */
  matchDrives?: boolean;
  source?: Strategy;
  due?: Strategy;
  now: string;
}

const SELECT = (shape: Shape, from: string) =>
  `SELECT ${shape.select} AS j${Object.entries(shape.extra ?? {}).map(([alias, sql]) => `, ${sql} AS ${alias}`).join('')} FROM ${from}${shape.resolution ? ' LEFT JOIN resolutions r ON r.seq = c.resolution_seq' : ''}`;

/** A page's order, as its SQL says it: creation order (either way), or (due_at, created_seq). */
type Order = (a: ClaimRow, b: ClaimRow) => number;
const bySeq: Order = (a, b) => Number(a.created_seq) - Number(b.created_seq);
const bySeqDesc: Order = (a, b) => Number(b.created_seq) - Number(a.created_seq);
// Dates are ASCII ISO strings: JavaScript compares them as SQLite's BINARY collation does.
const byDue: Order = (a, b) => (String(a.due_at) < String(b.due_at) ? -1 : String(a.due_at) > String(b.due_at) ? 1 : bySeq(a, b));
const byWorld: Order = (a, b) => (String(a.world_date) < String(b.world_date) ? -1 : String(a.world_date) > String(b.world_date) ? 1 : bySeq(a, b));
const byWorldDesc: Order = (a, b) => byWorld(b, a);

/** The rows of `sql` (a SELECT(shape, …)), in `order` when the page has one. */
async function pageRows(db: Db, shape: Shape, sql: string, args: InValue[], order?: Order): Promise<ClaimRow[]> {
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

/**
 * Newest or oldest first. The claims are walked in creation order from the most selective
 * ordered index at hand — the full-text index (its rowid is the claim's created_seq), a tag's
 * claims, or the claims themselves (kind and status indexes are in that order too) — and the
 * walk stops after a page; the other filters are index probes on the way.
 */
function seqQuery(shape: Shape, f: ClaimFilters, sort: 'newest' | 'oldest', cursor: CursorValue | undefined, plan: Plan, limit: number) {
  const w = where();
  let from = 'claims c';
  let key = 'c.created_seq';
  const ftsDrives = plan.match !== undefined && plan.matchDrives === true;
  if (ftsDrives) {
    from = 'claims_fts CROSS JOIN claims c ON c.created_seq = claims_fts.rowid';
    key = 'claims_fts.rowid';
    w.add('claims_fts MATCH ?', plan.match as string);
  } else if (f.tag) {
    from = 'claim_tags t CROSS JOIN claims c ON c.created_seq = t.created_seq';
    key = 't.created_seq';
    w.add('t.tag = ?', f.tag);
  }
  if (plan.match !== undefined && !ftsDrives) w.add('c.created_seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)', plan.match);
  if (f.kind) w.add('c.kind = ?', f.kind);
  if (f.status) w.add('c.status = ?', f.status);
  if (f.tag && ftsDrives) w.add('EXISTS (SELECT 1 FROM claim_tags WHERE tag = ? AND created_seq = c.created_seq)', f.tag);
  if (f.source && plan.source) sourceFilter(w, f.source, plan.source);
  if (f.due) {
    if (plan.due === 'list') w.add(`c.created_seq IN (SELECT created_seq FROM claims WHERE ${DUE_SQL[f.due]})`, plan.now);
    else w.add(`c.${DUE_SQL[f.due]}`, plan.now);
  }
  if (cursor) w.add(`${key} ${sort === 'newest' ? '<' : '>'} ?`, cursor.s);
  return {
    sql: `${SELECT(shape, from)} ${w.sql.length ? `WHERE ${w.sql.join(' AND ')}` : ''} ORDER BY ${key} ${sort === 'newest' ? 'DESC' : 'ASC'} LIMIT ?`,
    args: [...w.args, limit],
    order: sort === 'newest' ? bySeqDesc : bySeq,
  };
}

/**
 * By deadline (or check-by date), soonest first, those without one last: the dated claims from
 * claims_due_idx in (due_at, created_seq) order, then, if the page is not full, the undated
 * ones from the same index in created_seq order. Each part is an ordered index range that
 * stops after a page. Kind and status are tested on the way (`+`: not as an index); tag,
 * text and a source on few claims are lists SQLite may drive from instead.
 */
function deadlineFilters(f: ClaimFilters, plan: Plan, walkTag = false) {
  const w = where();
  if (f.kind) w.add('+c.kind = ?', f.kind);
  if (f.status) w.add('+c.status = ?', f.status);
  // `+`: tested on the way along the order's index (a tag on many claims), not a list to sort.
  if (f.tag) w.add(`${walkTag ? '+' : ''}c.created_seq IN (SELECT created_seq FROM claim_tags WHERE tag = ?)`, f.tag);
  if (plan.match !== undefined) w.add('c.created_seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)', plan.match);
  if (f.source && plan.source) sourceFilter(w, f.source, plan.source);
  if (f.due) w.add(`c.${DUE_SQL[f.due]}`, plan.now);
  return w;
}

async function deadlineRows(db: Db, shape: Shape, f: ClaimFilters, cursor: CursorValue | undefined, plan: Plan, limit: number): Promise<ClaimRow[]> {
  const rows: ClaimRow[] = [];
  const inUndated = cursor !== undefined && (cursor.d === null || cursor.d === undefined);
  if (!inUndated) {
    const w = deadlineFilters(f, plan);
    w.add('c.due_at IS NOT NULL');
    if (cursor) w.add('(c.due_at, c.created_seq) > (?, ?)', cursor.d as string, cursor.s);
    rows.push(...(await pageRows(db, shape, `${SELECT(shape, 'claims c')} WHERE ${w.sql.join(' AND ')} ORDER BY c.due_at, c.created_seq LIMIT ?`, [...w.args, limit], byDue)));
  }
  if (rows.length < limit) {
    const w = deadlineFilters(f, plan);
    w.add('c.due_at IS NULL');
    if (cursor && inUndated) w.add('c.created_seq > ?', cursor.s);
    rows.push(...(await pageRows(db, shape, `${SELECT(shape, 'claims c')} WHERE ${w.sql.join(' AND ')} ORDER BY c.created_seq LIMIT ?`, [...w.args, limit - rows.length], bySeq)));
  }
  return rows;
}

/**
 * By the claim's date in the world (newest or oldest first), ties in creation order: one ordered
 * range of claims_world_date_idx that stops after a page, with the filters as the deadline sort
 * applies them.
 */
async function worldRows(db: Db, shape: Shape, f: ClaimFilters, sort: 'newest' | 'oldest', cursor: CursorValue | undefined, plan: Plan, limit: number): Promise<ClaimRow[]> {
  const w = deadlineFilters(f, plan, f.tag !== undefined && plan.match === undefined && (await tagStrategy(db, f.tag)) === 'walk');
  const dir = sort === 'newest' ? 'DESC' : 'ASC';
  if (cursor) w.add(`(c.world_date, c.created_seq) ${sort === 'newest' ? '<' : '>'} (?, ?)`, cursor.w ?? '', cursor.s);
  const sql = `${SELECT(shape, 'claims c')} ${w.sql.length ? `WHERE ${w.sql.join(' AND ')}` : ''} ORDER BY c.world_date ${dir}, c.created_seq ${dir} LIMIT ?`;
  return pageRows(db, shape, sql, [...w.args, limit], sort === 'newest' ? byWorldDesc : byWorld);
}

/** One page of claims, keyset-paged (no OFFSET); every filter is served by an index and the walk stops after a page. */
export async function listClaimRows(client: Client, f: ClaimFilters): Promise<{ rows: ClaimRow[]; nextCursor: string | null }> {
  return pageOf({ client, rows: clientRows(client) }, FULL, f);
}

async function pageOf(db: Db, shape: Shape, f: ClaimFilters): Promise<{ rows: ClaimRow[]; nextCursor: string | null }> {
  const sort = f.sort ?? 'newest';
  const cursor = f.cursor ? decodeCursor(f.cursor) : undefined;
  const plan: Plan = { now: f.now ?? new Date().toISOString() };
  if (f.q !== undefined) {
    const fts = await ftsMatch(db, f.q);
    // A word no indexed term begins with: nothing can match.
    if (fts === null) return { rows: [], nextCursor: null };
    plan.match = fts.match;
    plan.matchDrives = fts.atMost >= FEW_MATCHES;
  }
  if (f.source) plan.source = await sourceStrategy(db, f.source);
  if (f.due && sort === 'recorded' && plan.match === undefined && !f.tag) plan.due = await dueStrategy(db, f.due, plan.now);
  let all: ClaimRow[];
  if (sort === 'deadline') all = await deadlineRows(db, shape, f, cursor, plan, f.limit + 1);
  else if (sort === 'newest' || sort === 'oldest') all = await worldRows(db, shape, f, sort, cursor, plan, f.limit + 1);
  else {
    const q = seqQuery(shape, f, 'newest', cursor, plan, f.limit + 1);
    all = await pageRows(db, shape, q.sql, q.args, q.order);
  }
  const rows = all.slice(0, f.limit);
  const last = rows[rows.length - 1];
  const order = sort === 'deadline' ? { d: last?.due_at === null ? null : String(last?.due_at) } : sort === 'recorded' ? {} : { w: String(last?.world_date) };
  const nextCursor = all.length > f.limit && last ? encodeCursor({ s: Number(last.created_seq), ...order }) : null;
  return { rows, nextCursor };
}

/** A list item: the claim with its latest forecasts and stance tally. */
export type ClaimListItem = ReturnType<typeof claimFromRow> & {
  latestForecasts: Array<{ sourceId: string; probability: number; madeAt: string }>;
  stanceTally: { asserts: number; denies: number };
};

/** Per database client: claim id → its list item as JSON (UTF-8), for one version of the claim (and one projection epoch). */
const itemCache = new WeakMap<Client, { epoch: number; items: ByteCache<Buffer> }>();
const ITEM_CACHE_BYTES = 16 * 1024 * 1024;
const COMMA = Buffer.from(',');

/** { items, nextCursor } from the items' JSON: the bytes JSON.stringify gives for the same object. */
function pageBody(items: Buffer[], nextCursor: string | null): Buffer {
  const parts: Buffer[] = [Buffer.from('{"items":[')];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(Buffer.from(`],"nextCursor":${JSON.stringify(nextCursor)}}`));
  return Buffer.concat(parts);
}

/**
 * One page of the API's claim list as its JSON text ({ items, nextCursor }): the same bytes as
 * serialising the items built from listClaimRows and claimSummaries.
 *
 * Which claims, in which order, is queried every time. Each item is a function of its
 * claim's events alone (the claim row, its resolution, latest forecasts and stance tally are
 * all projected from events carrying its claim_id), so it is cached as JSON keyed by the
 * claim's version — the sequence number of its latest event, read with the page (one index
 * lookup per claim). The ledger is append-only, so a version names one state of the claim for
 * good, and any new event of the claim, from any process, changes it; a rebuild of the
 * projections (projection_epoch) drops the whole cache. Items not cached at the version read
 * are read by id, and used only if still at that version (concurrent pages share that read);
 * if a claim has moved on meanwhile, the page is read again whole — claims, items and versions
 * together, so each item is its claim at the version its row was read with. That is one
 * statement (one snapshot) for the newest and oldest sorts; the deadline sort reads its dated
 * and then, if the page is not full, its undated claims in two, as it reads any page (a claim
 * whose due date is set or removed between the two can then be missed or shown twice).
 */
export async function listClaimPageJson(target: ReadTarget, f: ClaimFilters): Promise<Buffer> {
  const db: Db = { client: target.client, rows: readRows(target) };
  const { rows, nextCursor } = await pageOf(db, KEYS, f);
  const epoch = Number(rows[0]?.epoch ?? 0);
  let cache = itemCache.get(db.client);
  if (!cache || (rows.length > 0 && cache.epoch !== epoch)) itemCache.set(db.client, (cache = { epoch, items: new ByteCache<Buffer>(ITEM_CACHE_BYTES) }));
  const wanted = rows.map((r) => ({ id: String(r.id), version: r.version === null ? -1 : Number(r.version) }));
  const json: Array<Buffer | undefined> = wanted.map((w) => cache.items.get(w.id, w.version));
  const missing = wanted.filter((_, i) => json[i] === undefined);
  if (missing.length > 0) {
    const fetched = await itemsAt(db, cache, missing);
    for (const [i, w] of wanted.entries()) json[i] ??= fetched.get(w.id) ?? undefined;
    // A claim changed since the page was read: read the page again, items and all.
    if (json.some((x) => x === undefined)) return readWholePage(db, cache, f);
  }
  return lastPage(db.client, f, json as Buffer[], nextCursor);
}

/** Per database client: the page body last made for each query, with the items it was made of. */
const lastPages = new WeakMap<Client, { pages: Map<string, { items: Buffer[]; nextCursor: string | null; body: Buffer }>; bytes: number }>();
/** Bodies kept, in bytes at most, with their keys and a little for each entry (their items are kept with them: about as much again). */
const LAST_PAGES_BYTES = 4 * 1024 * 1024;
/** Smaller bodies are made afresh each time (there is little to copy), and not kept. */
const LAST_PAGE_MIN_BYTES = 8 * 1024;
/** What an entry costs beside its body: its key (UTF-16) and its objects. */
const entryBytes = (key: string, body: Buffer) => body.byteLength + 2 * key.length + 128;

/**
 * The page body for these items, the one made last time for this query if it was made of the
 * very same item buffers (a cached item is one version of its claim, so the same buffers give
 * the same bytes): a page read again and again while its claims stay unchanged is not copied
 * into a new buffer each time.
 */
function lastPage(client: Client, f: ClaimFilters, items: Buffer[], nextCursor: string | null): Buffer {
  let kept = lastPages.get(client);
  if (!kept) lastPages.set(client, (kept = { pages: new Map(), bytes: 0 }));
  const { now: _now, ...query } = f;
  const key = JSON.stringify(query);
  const last = kept.pages.get(key);
  if (last && last.nextCursor === nextCursor && last.items.length === items.length && last.items.every((item, i) => item === items[i])) return last.body;
  const body = pageBody(items, nextCursor);
  if (last) {
    kept.bytes -= entryBytes(key, last.body);
    kept.pages.delete(key);
  }
  if (body.byteLength < LAST_PAGE_MIN_BYTES) return body;
  kept.pages.set(key, { items, nextCursor, body });
  kept.bytes += entryBytes(key, body);
  // The pages stored longest ago go first (a Map keeps insertion order).
  for (const [k, page] of kept.pages) {
    if (kept.bytes <= LAST_PAGES_BYTES) break;
    kept.pages.delete(k);
    kept.bytes -= entryBytes(k, page.body);
  }
  return body;
}

type ItemCache = NonNullable<ReturnType<typeof itemCache.get>>;

/** Per database client: items being read, by `id@version`; null when the claim was no longer at that version. */
const itemsInFlight = new WeakMap<Client, Map<string, Promise<Buffer | null>>>();

/**
 * The items of these claims at exactly these versions (null for a claim that has moved on), in
 * one statement for those not already being read: concurrent pages share the reading of the
 * same claim at the same version (which is the same item).
 */
async function itemsAt(db: Db, cache: ItemCache, wanted: Array<{ id: string; version: number }>): Promise<Map<string, Buffer | null>> {
  let inFlight = itemsInFlight.get(db.client);
  if (!inFlight) itemsInFlight.set(db.client, (inFlight = new Map()));
  const running = inFlight;
  const key = (w: { id: string; version: number }) => `${w.id}@${w.version}`;
  const toRead = wanted.filter((w) => !running.has(key(w)));
  if (toRead.length > 0) {
    const read = readItems(db, toRead.map((w) => w.id));
    for (const w of toRead) {
      const item = read.then((items) => {
        const got = items.get(w.id);
        if (!got || got.version !== w.version || got.epoch !== cache.epoch) return null;
        cache.items.set(w.id, got.version, got.json);
        return got.json;
      });
      running.set(key(w), item);
      void item.then(
        () => running.delete(key(w)),
        () => running.delete(key(w)),
      );
    }
  }
  const out = new Map<string, Buffer | null>();
  const pending = wanted.map((w) => [w.id, running.get(key(w)) ?? Promise.resolve(null)] as const);
  for (const [id, item] of pending) out.set(id, await item);
  return out;
}

/** A list item's JSON from a row of the ITEMS shape. */
function itemJson(r: ClaimRow): Buffer {
  const [asserts, denies] = JSON.parse(String(r.tally)) as [number | null, number | null];
  const item: ClaimListItem = { ...claimFromRow(r), latestForecasts: unpackForecasts(r.latest), stanceTally: { asserts: asserts ?? 0, denies: denies ?? 0 } };
  return Buffer.from(JSON.stringify(item));
}

/** The items of these claims, with each claim's version and the projection epoch, in one statement. */
async function readItems(db: Db, ids: string[]): Promise<Map<string, { version: number; epoch: number; json: Buffer }>> {
  const rows = await pageRows(db, ITEMS, `${SELECT(ITEMS, 'claims c')} WHERE c.id IN (${ids.map(() => '?').join(',')})`, ids);
  return new Map(rows.map((r) => [String(r.id), { version: Number(r.version), epoch: Number(r.epoch), json: itemJson(r) }]));
}

async function readWholePage(db: Db, cache: ItemCache, f: ClaimFilters): Promise<Buffer> {
  const { rows, nextCursor } = await pageOf(db, ITEMS, f);
  const json = rows.map((r) => {
    const text = itemJson(r);
    if (Number(r.epoch) === cache.epoch) cache.items.set(String(r.id), Number(r.version), text);
    return text;
  });
  return pageBody(json, nextCursor);
}

function unpackForecasts(text: unknown): ClaimListItem['latestForecasts'] {
  const list = (JSON.parse(String(text)) as Array<[string, string, string]>).map(([sourceId, p, madeAt]) => ({ sourceId, probability: Number(p), madeAt }));
  // In source order (slugs are ASCII, where JavaScript and SQLite order strings alike).
  if (list.some((x, i) => i > 0 && (list[i - 1] as { sourceId: string }).sourceId > x.sourceId)) list.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  return list;
}

/** Largest number of indexed terms a prefix word is expanded to; beyond it the word stays a prefix query. */
const MAX_TERMS = 32;
/**
 * Claims a prefix may match for its postings to be merged cheaply (then it stays a prefix
 * term); and, for a query, for its matches to be listed and sorted rather than walked in order.
 */
const FEW_MATCHES = 1000;

interface Expansion {
  terms: string[];
  /** Claims with any of the terms. */
  docs: number;
}

/** Per database client: prefix → the indexed terms it matches (null: too many; a promise while read), for one vocabulary version. */
const expansions = new WeakMap<Client, { version: number; terms: Map<string, Promise<Expansion | null>> }>();

const quoteFts = (s: string) => `"${s.replaceAll('"', '""')}"`;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * The FTS5 query for the words of `q` — every word must match as a prefix, each quoted so
 * that user text is never read as FTS syntax — with
 * an upper bound on the claims it matches (Infinity: unknown); null when some word matches
 * no indexed term at all.
 *
 * SQLite's FTS5 answers a prefix term by first merging the postings of every term it matches
 * into one list, whatever the LIMIT: for a word in every claim ("question"*) that is the whole
 * index. So a prefix word in plain ASCII letters and digits (which the unicode61 tokenizer only
 * lowercases) whose terms are in many claims is replaced by the OR of those terms, read with
 * their claim counts from the fts5vocab table over the index; exact terms are read lazily,
 * and a query ordered by rowid stops after a page. The expansion is cached per prefix until
 * the vocabulary can have changed: its version is the newest claim_revisions row (one is
 * written for every claim created or edited, the only writes that change the indexed text).
 * Other words, prefixes of few claims, and prefixes of more than MAX_TERMS terms stay prefix
 * terms as before.
 */
async function ftsMatch(db: Db, q: string): Promise<{ match: string; atMost: number } | null> {
  const words = (q.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 20);
  if (words.length === 0) return null;
  const known = new Map<string, Expansion | null>();
  if (words.some((w) => ASCII_WORD.test(w))) {
    const [r] = await db.rows('SELECT max(rowid) FROM claim_revisions');
    const version = Number(r?.[0] ?? 0);
    let cache = expansions.get(db.client);
    if (!cache || cache.version !== version || cache.terms.size > 10_000) expansions.set(db.client, (cache = { version, terms: new Map() }));
    for (const w of words) {
      const prefix = w.toLowerCase();
      if (!ASCII_WORD.test(w) || known.has(prefix)) continue;
      let expansion = cache.terms.get(prefix);
      if (!expansion) {
        // Every term starting with the prefix, and no other, lies in [prefix, prefix with its last character + 1).
        const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
        const entries = cache.terms;
        expansion = db
          .rows('SELECT term, doc FROM claims_fts_vocab WHERE term >= ? AND term < ? LIMIT ?', [prefix, upper, MAX_TERMS + 1])
          .then((rows) => (rows.length > MAX_TERMS ? null : { terms: rows.map((x) => String(x[0])), docs: rows.reduce((n, x) => n + Number(x[1]), 0) }));
        // A failed read is not kept.
        expansion.catch(() => entries.delete(prefix));
        entries.set(prefix, expansion);
      }
      known.set(prefix, await expansion);
    }
  }
  const parts: string[] = [];
  let atMost = Infinity;
  for (const w of words) {
    const e = ASCII_WORD.test(w) ? known.get(w.toLowerCase()) : undefined;
    if (e && e.terms.length === 0) return null;
    if (e) atMost = Math.min(atMost, e.docs);
    if (!e || e.docs < FEW_MATCHES) parts.push(`${quoteFts(w)}*`);
    else parts.push(e.terms.length === 1 ? quoteFts(e.terms[0] as string) : `(${e.terms.map(quoteFts).join(' OR ')})`);
  }
  return { match: parts.join(' AND '), atMost };
}

/**
 * Latest standing (not retracted) forecast of each source, in source order, and stance
 * tallies, for a page of claims; the forecasts packed per claim by SQLite (probabilities as 17
 * significant digits, which give back the same double).
 */
export async function claimSummaries(client: Client, ids: string[]) {
  const forecasts = new Map<string, Array<{ sourceId: string; probability: number; madeAt: string }>>();
  const tallies = new Map<string, { asserts: number; denies: number }>();
  if (ids.length === 0) return { forecasts, tallies };
  const marks = ids.map(() => '?').join(',');
  const [fs, ss] = await client.batch(
    [
      {
        sql: `SELECT c.id AS claim_id, (SELECT json_group_array(json_array(source_id, printf('%!.17g', probability), made_at)) FROM (${LATEST_OF('c.id')})) AS f
          FROM claims c WHERE c.id IN (${marks}) AND EXISTS (SELECT 1 FROM forecasts WHERE claim_id = c.id AND retracted_seq IS NULL)`,
        args: ids,
      },
      {
        sql: `SELECT claim_id, sum(stance = 'asserts') AS asserts, sum(stance = 'denies') AS denies
          FROM stances WHERE claim_id IN (${marks}) AND retracted_seq IS NULL GROUP BY claim_id`,
        args: ids,
      },
    ],
    'read',
  );
  for (const r of fs?.rows ?? []) forecasts.set(String(r.claim_id), unpackForecasts(r.f));
  for (const r of ss?.rows ?? []) tallies.set(String(r.claim_id), { asserts: Number(r.asserts), denies: Number(r.denies) });
  return { forecasts, tallies };
}

const optional = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/** A claims row (joined with its current resolution as r_*) as the API's Claim. */
export function claimFromRow(r: ClaimRow) {
  return {
    id: String(r.id),
    kind: String(r.kind) as 'prediction' | 'allegation',
    title: String(r.title),
    statement: String(r.statement),
    resolutionCriteria: String(r.resolution_criteria),
    ...(r.details !== null ? { details: String(r.details) } : {}),
    tags: JSON.parse(String(r.tags)) as string[],
    ...(r.deadline !== null ? { deadline: String(r.deadline) } : {}),
    ...(r.check_by !== null ? { checkBy: String(r.check_by) } : {}),
    ...(r.opened_at !== null ? { openedAt: String(r.opened_at) } : {}),
    status: String(r.status) as 'open' | 'confirmed' | 'refuted' | 'annulled' | 'unresolvable',
    revision: Number(r.revision),
    editedAfterForecasts: Boolean(r.edited_after_forecasts),
    createdAt: String(r.created_at),
    ...(r.first_alleged_on !== null && r.first_alleged_on !== undefined ? { firstAllegedOn: String(r.first_alleged_on) } : {}),
    resolution:
      r.resolution_seq === null || r.r_outcome === null || r.r_outcome === undefined
        ? null
        : {
            seq: Number(r.resolution_seq),
            outcome: String(r.r_outcome) as 'confirmed' | 'refuted' | 'annulled' | 'unresolvable',
            knownOn: String(r.r_known_on),
            ...(optional(r.r_note) !== undefined ? { note: String(r.r_note) } : {}),
            evidenceIds: JSON.parse(String(r.r_evidence_ids)) as string[],
            recordedAt: String(r.r_recorded_at),
          },
  };
}
