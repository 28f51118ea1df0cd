/**
 * The claim list's `recorded` (creation order) and `deadline` sorts.
 */
import type { InValue } from '@libsql/client';
import { DUE_SQL, sourceFilter, type Plan } from './claim-list-plan.js';
import { byDue, bySeq, bySeqDesc, pageRows, SELECT, where, whereSql, type ClaimFilters, type ClaimRow, type CursorValue, type Db, type Order, type Shape } from './claim-list-sql.js';

/**
 * Newest recorded first. The claims are walked in creation order from the most selective
 * ordered index at hand — the full-text index (its rowid is the claim's created_seq), a tag's
 * claims, or the claims themselves (kind and status indexes are in that order too) — and the
 * walk stops after a page; the other filters are index probes on the way.
 */
export async function recordedRows(db: Db, shape: Shape, f: ClaimFilters, cursor: CursorValue | undefined, plan: Plan, limit: number): Promise<ClaimRow[]> {
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
  if (cursor) w.add(`${key} < ?`, cursor.s);
  const sql = `${SELECT(shape, from)}${whereSql(w)} ORDER BY ${key} DESC LIMIT ?`;
  return pageRows(db, shape, sql, [...w.args, limit], bySeqDesc);
}

/**
 * The deadline sort's filters. Kind and status are tested on the way (`+`: not as an index);
 * tag, text and a source on few claims are lists SQLite may drive from instead.
 */
function deadlineFilters(f: ClaimFilters, plan: Plan) {
  const w = where();
  if (f.kind) w.add('+c.kind = ?', f.kind);
  if (f.status) w.add('+c.status = ?', f.status);
  if (f.tag) w.add('c.created_seq IN (SELECT created_seq FROM claim_tags WHERE tag = ?)', f.tag);
  if (plan.match !== undefined) w.add('c.created_seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)', plan.match);
  if (f.source && plan.source) sourceFilter(w, f.source, plan.source);
  if (f.due) w.add(`c.${DUE_SQL[f.due]}`, plan.now);
  return w;
}

/** Dated claims first, by (due_at, created_seq); then the undated ones, in creation order. */
const byDeadline: Order = (a, b) => Number(a.due_at === null) - Number(b.due_at === null) || (a.due_at === null ? bySeq(a, b) : byDue(a, b));

/**
 * By deadline (or check-by date), soonest first, those without one last: the dated claims from
 * claims_due_idx in (due_at, created_seq) order, then, if the page is not full, the undated
 * ones from the same index in created_seq order. Each part is an ordered index range that
 * stops after a page; the two are one statement (UNION ALL under the page's LIMIT: SQLite
 * skips the second once the first has filled the page), so one snapshot — a claim whose due
 * date is set or removed meanwhile is neither missed nor listed twice.
 */
export async function deadlineRows(db: Db, shape: Shape, f: ClaimFilters, cursor: CursorValue | undefined, plan: Plan, limit: number): Promise<ClaimRow[]> {
  const parts: Array<{ sql: string; args: InValue[] }> = [];
  const inUndated = cursor !== undefined && (cursor.d === null || cursor.d === undefined);
  if (!inUndated) {
    const w = deadlineFilters(f, plan);
    w.add('c.due_at IS NOT NULL');
    if (cursor) w.add('(c.due_at, c.created_seq) > (?, ?)', cursor.d as string, cursor.s);
    parts.push({ sql: `${SELECT(shape, 'claims c')}${whereSql(w)} ORDER BY c.due_at, c.created_seq LIMIT ?`, args: [...w.args, limit] });
  }
  const w = deadlineFilters(f, plan);
  w.add('c.due_at IS NULL');
  if (cursor && inUndated) w.add('c.created_seq > ?', cursor.s);
  parts.push({ sql: `${SELECT(shape, 'claims c')}${whereSql(w)} ORDER BY c.created_seq LIMIT ?`, args: [...w.args, limit] });
  const sql = `${parts.map((p) => `SELECT * FROM (${p.sql})`).join(' UNION ALL ')} LIMIT ?`;
  // Sorted here too: pageRows leaves rows with extra columns in the order SQLite gives (the parts', one after the other).
  return (await pageRows(db, shape, sql, [...parts.flatMap((p) => p.args), limit], byDeadline)).sort(byDeadline);
}
