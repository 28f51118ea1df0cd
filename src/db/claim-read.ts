import type { Client } from '@libsql/client';
import { foldClaim, type ClaimView } from '../domain/claim-view.js';
import { parseInstant } from '../domain/dates.js';
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

/** The claim without its history arrays (the API's Claim). */
export function claimHeader(detail: ClaimDetailView) {
  const { revisions: _r, forecasts: _f, stances: _s, evidence: _e, resolutions: _res, timeline: _t, ...claim } = detail;
  return claim;
}
