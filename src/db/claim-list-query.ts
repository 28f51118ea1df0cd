/**
 * One page of the claim list, keyset-paged (no OFFSET): the plan (search, strategies), the
 * sort's query, and the cursor of the next page.
 */
import { dueStrategy, sourceStrategy, type Plan } from './claim-list-plan.js';
import { deadlineRows, recordedRows } from './claim-list-orders.js';
import { FEW_MATCHES, ftsMatch } from './claim-list-search.js';
import { decodeCursor, encodeCursor, type ClaimFilters, type ClaimRow, type Db, type Shape } from './claim-list-sql.js';
import { worldRows } from './claim-list-world.js';

/**
 * The rows of one page in the shape asked for, and the cursor of the next page (null on the
 * last). A search reads in turn (its terms, perhaps its matches and a walk's steps, then the
 * page): in one snapshot, so that a claim edited meanwhile is listed as it reads then and only
 * if it then matches. Without one, a page is one statement after the strategies (which decide
 * how it is found, never what it holds).
 */
export function pageOf(db: Db, shape: Shape, f: ClaimFilters): Promise<{ rows: ClaimRow[]; nextCursor: string | null }> {
  if (f.q === undefined) return pageIn(db, shape, f);
  return db.rows.snapshot((rows) => pageIn({ ...db, rows }, shape, f));
}

async function pageIn(db: Db, shape: Shape, f: ClaimFilters): Promise<{ rows: ClaimRow[]; nextCursor: string | null }> {
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
  const world = sort === 'newest' || sort === 'oldest';
  // The world-date sorts walk a source's own index (source_claims), or probe it.
  if (f.source && !world) plan.source = await sourceStrategy(db, f.source);
  if (f.due && plan.match === undefined && ((sort === 'recorded' && !f.tag) || world)) plan.due = await dueStrategy(db, f.due, plan.now);
  let all: ClaimRow[];
  if (sort === 'deadline') all = await deadlineRows(db, shape, f, cursor, plan, f.limit + 1);
  else if (world) all = await worldRows(db, shape, f, sort, cursor, plan, f.limit + 1);
  else all = await recordedRows(db, shape, f, cursor, plan, f.limit + 1);
  const rows = all.slice(0, f.limit);
  const last = rows[rows.length - 1];
  const order = sort === 'deadline' ? { d: last?.due_at === null ? null : String(last?.due_at) } : sort === 'recorded' ? {} : { w: String(last?.world_date) };
  const nextCursor = all.length > f.limit && last ? encodeCursor({ s: Number(last.created_seq), ...order }) : null;
  return { rows, nextCursor };
}
