/**
 * Feeds a person subscribes to without an account: `GET /feeds/due.atom` (Atom, RFC 4287) and
 * `GET /feeds/due.ics` (iCalendar, RFC 5545). With RECKON_READ=token they need a read token,
 * which calendar apps can only send in the query string (`?token=`); it is checked like a
 * bearer token and never logged or echoed (the feed's self link leaves it out).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { dueClaimsOf, latestResolutionsStatement, openClaimsDue, openClaimsDueStatement, resolutionsOf } from '../../db/due-queries.js';
import { readRows } from '../../db/fast-read.js';
import { checkToken } from '../../db/tokens.js';
import { buildAtomFeed } from '../../domain/feeds/atom.js';
import { DUE_SOON_DAYS, dueEvent, dueSoonEntry, overdueEntry, resolutionEntry } from '../../domain/feeds/due-entries.js';
import { buildCalendar } from '../../domain/feeds/ics.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { problems, type App } from '../openapi.js';

/** At most this many entries of each kind (overdue, becoming due, resolved) in the Atom feed. */
const ATOM_PER_KIND = 100;
/** At most this many open claims in the calendar, the soonest-due first after the overdue. */
const ICS_EVENTS = 2000;
const DAY_MS = 86_400_000;

const FeedQuery = z.object({
  token: z.string().max(200).optional().openapi({ description: 'A read token, when the server has RECKON_READ=token (calendar apps cannot send an Authorization header).' }),
});

const atomRoute = createRoute({
  method: 'get',
  path: '/feeds/due.atom',
  operationId: 'dueAtomFeed',
  summary: 'Atom feed: claims becoming due, overdue, and resolved',
  description: `Entries: open claims due within ${DUE_SOON_DAYS} days (category \`due-soon\`), open claims past their deadline or check-by date (\`overdue\`), and resolutions (\`resolved\`), newest first, at most ${ATOM_PER_KIND} of each.`,
  tags: ['Feeds'],
  request: { query: FeedQuery },
  responses: { 200: { description: 'An Atom 1.0 feed', content: { 'application/atom+xml': { schema: z.string() } } }, ...problems(400, 401, 503) },
});

const icsRoute = createRoute({
  method: 'get',
  path: '/feeds/due.ics',
  operationId: 'dueCalendar',
  summary: 'iCalendar: each open claim’s deadline or check-by date as an all-day event',
  description: 'One VEVENT per open claim with a due date, with a stable UID (`claim-<id>@<host>`), so a subscribed calendar moves an event when its date is edited and drops it when the claim is resolved.',
  tags: ['Feeds'],
  request: { query: FeedQuery },
  responses: { 200: { description: 'An iCalendar object', content: { 'text/calendar': { schema: z.string() } } }, ...problems(400, 401, 503) },
});

/** A token from `?token=` or `Authorization: Bearer`; required when reads are not public. */
async function assertMayRead(c: Context, deps: AppDeps, read: 'public' | 'token', token: string | undefined): Promise<void> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const presented = token ?? bearer;
  if (presented === undefined) {
    if (read === 'token') throw new ApiError(401, 'unauthorized', 'This feed needs a read token on this server (RECKON_READ=token): add ?token=<token> to its address.', undefined, { 'www-authenticate': 'Bearer realm="reckon"' });
    return;
  }
  if (!(await checkToken(deps.db.client, presented))) throw new ApiError(401, 'unauthorized', 'The token is not valid (or was revoked).', undefined, { 'www-authenticate': 'Bearer realm="reckon"' });
}

function originOf(c: Context): string {
  return new URL(c.req.url).origin;
}

export function registerFeedRoutes(app: App, deps: AppDeps, read: 'public' | 'token'): void {
  app.openapi(atomRoute, async (c) => {
    await assertMayRead(c, deps, read, c.req.valid('query').token);
    const origin = originOf(c);
    const now = new Date();
    const claimUrl = (id: string) => `${origin}/claims/${encodeURIComponent(id)}`;
    // One snapshot (one request): a claim resolved meanwhile is overdue or resolved, never both or neither.
    const [overdueRows, soonRows, resolvedRows] = await readRows(deps.db).batch([
      openClaimsDueStatement({ to: now.toISOString(), limit: ATOM_PER_KIND, newest: true }),
      openClaimsDueStatement({ from: now.toISOString(), to: new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS).toISOString(), limit: ATOM_PER_KIND }),
      latestResolutionsStatement(ATOM_PER_KIND),
    ]);
    const [overdue, soon, resolved] = [dueClaimsOf(overdueRows ?? []), dueClaimsOf(soonRows ?? []), resolutionsOf(resolvedRows ?? [])];
    const entries = [...overdue.map((x) => overdueEntry(x, claimUrl(x.id))), ...soon.map((x) => dueSoonEntry(x, claimUrl(x.id))), ...resolved.map((r) => resolutionEntry(r, claimUrl(r.claimId), `${origin}/api/events/${r.seq}`))];
    const body = buildAtomFeed({ id: `${origin}/feeds/due.atom`, title: 'Reckon — due and resolved', selfUrl: `${origin}/feeds/due.atom`, siteUrl: `${origin}/due`, author: 'Reckon', entries, emptyUpdated: '1970-01-01T00:00:00Z' });
    return c.body(body, 200, { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'private, max-age=60' }) as never;
  });

  app.openapi(icsRoute, async (c) => {
    await assertMayRead(c, deps, read, c.req.valid('query').token);
    const origin = originOf(c);
    const host = new URL(origin).hostname;
    const open = await openClaimsDue(deps.db.client, { limit: ICS_EVENTS }, readRows(deps.db));
    const events = open.map((x) => dueEvent(x, `${origin}/claims/${encodeURIComponent(x.id)}`, host));
    return c.body(buildCalendar({ name: 'Reckon — due dates', events }), 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=60' }) as never;
  });
}
