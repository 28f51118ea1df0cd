/**
 * The resolution preview of one claim, read from the projections: its deadline and status,
 * and its forecasts' dates. Shared by the API (GET /api/claims/{id}/resolution-preview) and
 * `reckon resolve`, which warn before resolving.
 */
import type { Client } from '@libsql/client';
import { previewResolution, type ResolutionPreview } from '../domain/counted-marks.js';
import type { ClaimStatus } from '../domain/types.js';

export interface ClaimResolutionPreview extends ResolutionPreview {
  claimId: string;
  status: ClaimStatus;
  knownOn: string;
  deadline?: string;
}

/** Null when the claim does not exist or knownOn is not a date. */
export async function readResolutionPreview(client: Pick<Client, 'batch'>, claimId: string, knownOn: string): Promise<ClaimResolutionPreview | null> {
  const [claims, forecasts] = await client.batch(
    [
      { sql: 'SELECT status, deadline FROM claims WHERE id = ?', args: [claimId] },
      { sql: 'SELECT made_at, retracted_seq FROM forecasts WHERE claim_id = ?', args: [claimId] },
    ],
    'read',
  );
  const claim = claims?.rows[0];
  if (!claim) return null;
  const deadline = claim.deadline === null ? undefined : String(claim.deadline);
  const list = (forecasts?.rows ?? []).map((r) => ({ madeAt: String(r.made_at), retracted: r.retracted_seq !== null }));
  const preview = previewResolution({ deadline }, list, knownOn);
  if (!preview) return null;
  return { claimId, status: String(claim.status) as ClaimStatus, knownOn, ...(deadline ? { deadline } : {}), ...preview };
}
