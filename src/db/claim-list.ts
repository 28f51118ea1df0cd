/**
 * The claim list (GET /api/claims, `reckon list`): one page of claims, keyset-paged, every
 * filter served by an index and each walk stopping after a page. Its parts:
 * claim-list-sql.ts (filters, cursors, shapes), claim-list-plan.ts (how a filter is applied),
 * claim-list-search.ts (full-text search), claim-list-world.ts (newest / oldest),
 * claim-list-orders.ts (recorded, deadline), claim-list-query.ts (a page), claim-list-row.ts
 * (a row as the API's item) and claim-list-json.ts (the API's page as cached JSON).
 */
import type { Client } from '@libsql/client';
import { clientRows } from './fast-read.js';
import { pageOf } from './claim-list-query.js';
import { FULL, type ClaimFilters, type ClaimRow } from './claim-list-sql.js';

export { CLAIM_SORTS, CursorError, encodeCursor, type ClaimFilters, type ClaimRow, type ClaimSort } from './claim-list-sql.js';
export { claimFromRow, claimSummaries, type ClaimListItem } from './claim-list-row.js';
export { listClaimPageJson } from './claim-list-json.js';

/** One page of claims (the claim and its current resolution as r_*), keyset-paged (no OFFSET). */
export async function listClaimRows(client: Client, f: ClaimFilters): Promise<{ rows: ClaimRow[]; nextCursor: string | null }> {
  return pageOf({ client, rows: clientRows(client) }, FULL, f);
}
