import type { Client } from '@libsql/client';
import { foldClaim, type ClaimView } from '../domain/claim-view.js';
import { parseInstant } from '../domain/dates.js';
import { ByteCache } from './byte-cache.js';
import { readRows, type ReadTarget } from './fast-read.js';
import { claimEvents } from './queries.js';

export interface ReadClaimOptions {
  asOf?: string;
  asOfRecorded?: string;
}

export type ClaimDetailView = ClaimView & ReadClaimOptions;

/** A claim with its whole history, folded from its events; null when it does not exist (then). */
export async function readClaimView(client: Client, id: string, opts: ReadClaimOptions = {}): Promise<ClaimDetailView | null> {
  const events = await claimEvents(client, id);
  const view = foldClaim(events, {
    asOf: opts.asOf ? (parseInstant(opts.asOf) ?? undefined) : undefined,
    asOfRecorded: opts.asOfRecorded ? (parseInstant(opts.asOfRecorded) ?? undefined) : undefined,
  });
  if (!view) return null;
  return { ...view, ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(opts.asOfRecorded ? { asOfRecorded: opts.asOfRecorded } : {}) };
}

/** Per database client: claim id → the live claim's JSON (UTF-8), for one version of the claim. */
const detailCache = new WeakMap<Client, ByteCache>();
const DETAIL_CACHE_BYTES = 32 * 1024 * 1024;
/** Larger answers are not kept (a claim with a very long history is re-read each time). */
const DETAIL_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The live claim (no asOf) as the API answers it, JSON-encoded; null when it does not exist.
 * The view is a function of the claim's events alone, so it is cached per claim keyed by its
 * version: the sequence number of its latest event, which any new event of the claim changes
 * (the ledger is append-only; a version names one state for good). A read is then one index
 * lookup; a fold happens once per version.
 */
export async function claimDetailJson(target: ReadTarget, id: string): Promise<Uint8Array | null> {
  const { client } = target;
  let cache = detailCache.get(client);
  if (!cache) detailCache.set(client, (cache = new ByteCache(DETAIL_CACHE_BYTES, DETAIL_MAX_BYTES)));
  const [r] = await readRows(target)('SELECT max(seq) FROM events WHERE claim_id = ?', [id]);
  const version = r?.[0] === null || r?.[0] === undefined ? null : Number(r[0]);
  if (version === null) return null;
  const hit = cache.get(id, version);
  if (hit) return hit;
  // One fold for the requests that ask while it runs, if it started from this version or a
  // later one (it reads the events after its version, so it holds at least that state).
  let inFlight = foldsInFlight.get(client);
  if (!inFlight) foldsInFlight.set(client, (inFlight = new Map()));
  const running = inFlight.get(id);
  if (running && running.version >= version) return running.fold;
  const fold = foldAndCache(target, cache, id).finally(() => {
    if (inFlight.get(id)?.fold === fold) inFlight.delete(id);
  });
  inFlight.set(id, { version, fold });
  return fold;
}

const foldsInFlight = new WeakMap<Client, Map<string, { version: number; fold: Promise<Uint8Array | null> }>>();

/** For tests: the claim page cache of this client, if any. */
export const detailCacheOf = (client: Client): ByteCache | undefined => detailCache.get(client);

async function foldAndCache(target: ReadTarget, cache: ByteCache, id: string): Promise<Uint8Array | null> {
  const events = await claimEvents(target.client, id, readRows(target));
  const view = foldClaim(events);
  if (!view) return null;
  const body = Buffer.from(JSON.stringify(view));
  // Keyed by the last event folded (read in the same statement as the events themselves); a
  // fold that finishes after one of a later version does not replace it.
  cache.set(id, events[events.length - 1]?.seq ?? 0, body);
  return body;
}

/** The claim without its history arrays (the API's Claim). */
export function claimHeader(detail: ClaimDetailView) {
  const { revisions: _r, forecasts: _f, stances: _s, evidence: _e, resolutions: _res, timeline: _t, ...claim } = detail;
  return claim;
}
