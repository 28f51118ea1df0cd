/**
 * The API's claim list page as JSON text, its items cached per claim version.
 */
import type { Client } from '@libsql/client';
import { ByteCache } from './byte-cache.js';
import { claimFromRow, questionFromRow, unpackForecasts, type ClaimListItem } from './claim-list-row.js';
import { pageOf } from './claim-list-query.js';
import { ITEMS, KEYS, pageRows, SELECT, type ClaimFilters, type ClaimRow, type Db } from './claim-list-sql.js';
import { readRows, type ReadTarget } from './fast-read.js';

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
 * statement (one snapshot) for every sort (the deadline sort's dated and undated claims
 * included); a search may read its matches first (claim-list-search.ts).
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
  const item: ClaimListItem = { ...claimFromRow(r), latestForecasts: unpackForecasts(r.latest, questionFromRow(r.question).range), stanceTally: { asserts: asserts ?? 0, denies: denies ?? 0 } };
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
