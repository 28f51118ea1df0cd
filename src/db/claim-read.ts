import type { Client } from '@libsql/client';
import { foldClaim, type ClaimView } from '../domain/claim-view.js';
import { parseInstant } from '../domain/dates.js';
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
const detailCache = new WeakMap<Client, { items: Map<string, { version: number; body: Uint8Array }>; bytes: number }>();
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
  if (!cache) detailCache.set(client, (cache = { items: new Map(), bytes: 0 }));
  const [r] = await readRows(target)('SELECT max(seq) FROM events WHERE claim_id = ?', [id]);
  const version = r?.[0] === null || r?.[0] === undefined ? null : Number(r[0]);
  if (version === null) return null;
  const hit = cache.items.get(id);
  if (hit && hit.version === version) return hit.body;
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

async function foldAndCache(target: ReadTarget, cache: NonNullable<ReturnType<typeof detailCache.get>>, id: string): Promise<Uint8Array | null> {
  const hit = cache.items.get(id);
  const events = await claimEvents(target.client, id, readRows(target));
  const view = foldClaim(events);
  if (!view) return null;
  const body = Buffer.from(JSON.stringify(view));
  // Keyed by the last event folded (read in the same statement as the events themselves).
  const folded = events[events.length - 1]?.seq ?? 0;
  if (body.byteLength <= DETAIL_MAX_BYTES) {
    if (hit) cache.bytes -= hit.body.byteLength;
    cache.items.delete(id);
    cache.items.set(id, { version: folded, body });
    cache.bytes += body.byteLength;
    for (const [key, e] of cache.items) {
      if (cache.bytes <= DETAIL_CACHE_BYTES) break;
      cache.items.delete(key);
      cache.bytes -= e.body.byteLength;
    }
  }
  return body;
}

/** The claim without its history arrays (the API's Claim). */
export function claimHeader(detail: ClaimDetailView) {
  const { revisions: _r, forecasts: _f, stances: _s, evidence: _e, resolutions: _res, timeline: _t, ...claim } = detail;
  return claim;
}
