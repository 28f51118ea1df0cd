/**
 * The claim list's `newest` / `oldest` sorts: by the claim's date in the world
 * (claims.world_date), ties in creation order.
 */
import type { InValue } from '@libsql/client';
import { DUE_SQL, type Plan } from './claim-list-plan.js';
import { holds, matchedClaims } from './claim-list-search.js';
import { byWorld, byWorldDesc, pageRows, SELECT, where, whereSql, type ClaimFilters, type ClaimRow, type CursorValue, type Db, type Shape, type Where } from './claim-list-sql.js';

type Sort = 'newest' | 'oldest';

/**
 * Steps a search's walk takes at most before the page is listed from the search's matches
 * instead; the first reads two claims per row of the page, each further one twice as many
 * (126 per row in all).
 */
const SEARCH_STEPS = 6;

/** Where the walk runs: an ordered range of (…, world_date, created_seq) and the alias whose keys order it. */
interface Walk {
  from: string;
  /** The alias holding world_date and created_seq of the walked index. */
  key: string;
  w: Where;
}

/**
 * The walk in the list's order, from the most selective ordered index at hand: a source's
 * claims (source_claims_world_idx), a tag's (claim_tags_world_idx), or the claims themselves
 * (claims_kind_world_idx, claims_status_world_idx, or claims_world_date_idx, which carries
 * due_at so a due filter is tested from the index alone). The other filters are probes.
 */
function walkFrom(f: ClaimFilters, plan: Plan): Walk {
  const w = where();
  let from = 'claims c';
  let key = 'c';
  if (f.source) {
    from = 'source_claims s CROSS JOIN claims c ON c.created_seq = s.created_seq';
    key = 's';
    w.add('s.source_id = ?', f.source);
  } else if (f.tag) {
    from = 'claim_tags t CROSS JOIN claims c ON c.created_seq = t.created_seq';
    key = 't';
    w.add('t.tag = ?', f.tag);
  }
  const probe = key === 'c' ? '' : '+';
  if (f.kind) w.add(`${probe}c.kind = ?`, f.kind);
  if (f.status) w.add(`${probe}c.status = ?`, f.status);
  if (f.source && f.tag) w.add('EXISTS (SELECT 1 FROM claim_tags WHERE tag = ? AND created_seq = c.created_seq)', f.tag);
  if (f.due) w.add(`+c.${DUE_SQL[f.due]}`, plan.now);
  return { from, key, w };
}

const orderBy = (key: string, sort: Sort) => {
  const dir = sort === 'newest' ? 'DESC' : 'ASC';
  return ` ORDER BY ${key}.world_date ${dir}, ${key}.created_seq ${dir}`;
};

function afterCursor(w: Where, key: string, sort: Sort, cursor: CursorValue | undefined): void {
  if (cursor) w.add(`(${key}.world_date, ${key}.created_seq) ${sort === 'newest' ? '<' : '>'} (?, ?)`, cursor.w ?? '', cursor.s);
}

/**
 * The page listed from a filter that matches few claims — the search's matches (the full-text
 * index) or the claims due (claims_due_idx) — then sorted: it costs what they number.
 */
function listed(shape: Shape, f: ClaimFilters, sort: Sort, cursor: CursorValue | undefined, plan: Plan, limit: number) {
  const w = where();
  let from: string;
  if (plan.match !== undefined) {
    from = '(SELECT rowid AS k FROM claims_fts WHERE claims_fts MATCH ?) x CROSS JOIN claims c ON c.created_seq = x.k';
    w.args.push(plan.match);
    if (f.due) w.add(`+c.${DUE_SQL[f.due]}`, plan.now);
  } else {
    from = `(SELECT created_seq AS k FROM claims WHERE ${DUE_SQL[f.due as 'passed']}) x CROSS JOIN claims c ON c.created_seq = x.k`;
    w.args.push(plan.now);
  }
  if (f.kind) w.add('+c.kind = ?', f.kind);
  if (f.status) w.add('+c.status = ?', f.status);
  if (f.tag) w.add('EXISTS (SELECT 1 FROM claim_tags WHERE tag = ? AND created_seq = c.created_seq)', f.tag);
  if (f.source) w.add('EXISTS (SELECT 1 FROM source_claims WHERE source_id = ? AND created_seq = c.created_seq)', f.source);
  afterCursor(w, 'c', sort, cursor);
  return { sql: `${SELECT(shape, from)}${whereSql(w)}${orderBy('c', sort)} LIMIT ?`, args: [...w.args, limit] };
}

/**
 * A search that may match many claims: the walk's claims (keys only, from the index) are read
 * a step at a time and tested against the search's matches (matchedClaims), until the page is
 * full or the walk ends; then the page's claims are read. Null when SEARCH_STEPS steps leave
 * the page short (the matches are sparse in this order): the caller lists them instead.
 */
async function searchWalk(db: Db, shape: Shape, f: ClaimFilters, sort: Sort, cursor: CursorValue | undefined, plan: Plan, limit: number): Promise<ClaimRow[] | null> {
  const matches = await matchedClaims(db, plan.match as string);
  const found: number[] = [];
  let after = cursor;
  for (let i = 0; i < SEARCH_STEPS && matches.length > 0; i++) {
    const step = limit * 2 ** (i + 1);
    const walk = walkFrom(f, plan);
    afterCursor(walk.w, walk.key, sort, after);
    const keys = await db.rows(`SELECT ${walk.key}.created_seq, ${walk.key}.world_date FROM ${walk.from}${whereSql(walk.w)}${orderBy(walk.key, sort)} LIMIT ?`, [...walk.w.args, step]);
    for (const [seq] of keys) if (found.length < limit && holds(matches, Number(seq))) found.push(Number(seq));
    const last = keys[keys.length - 1];
    if (found.length >= limit || keys.length < step || !last) return readSeqs(db, shape, found, sort);
    after = { s: Number(last[0]), w: String(last[1]) };
  }
  return matches.length === 0 ? [] : null;
}

/** These claims (by created_seq) in the shape, in the list's order. */
function readSeqs(db: Db, shape: Shape, seqs: number[], sort: Sort): Promise<ClaimRow[]> {
  if (seqs.length === 0) return Promise.resolve([]);
  const sql = `${SELECT(shape, 'claims c')} WHERE c.created_seq IN (${seqs.map(() => '?').join(',')})${orderBy('c', sort)}`;
  return pageRows(db, shape, sql, seqs, sort === 'newest' ? byWorldDesc : byWorld);
}

/**
 * By the claim's date in the world (newest or oldest first), ties in creation order. A search
 * or a due filter matching few claims is listed and sorted; otherwise one ordered index range
 * is walked and stops after a page (a search that may match many claims tests the walk's
 * claims against its matches: searchWalk).
 */
export async function worldRows(db: Db, shape: Shape, f: ClaimFilters, sort: Sort, cursor: CursorValue | undefined, plan: Plan, limit: number): Promise<ClaimRow[]> {
  const order = sort === 'newest' ? byWorldDesc : byWorld;
  const fewSearch = plan.match !== undefined && plan.matchDrives !== true;
  if (plan.match !== undefined && !fewSearch) {
    const rows = await searchWalk(db, shape, f, sort, cursor, plan, limit);
    if (rows) return rows;
  }
  if (plan.match !== undefined || plan.due === 'list') {
    const q = listed(shape, f, sort, cursor, plan, limit);
    return pageRows(db, shape, q.sql, q.args, order);
  }
  const walk = walkFrom(f, plan);
  afterCursor(walk.w, walk.key, sort, cursor);
  const sql = `${SELECT(shape, walk.from)}${whereSql(walk.w)}${orderBy(walk.key, sort)} LIMIT ?`;
  return pageRows(db, shape, sql, [...walk.w.args, limit], order);
}
