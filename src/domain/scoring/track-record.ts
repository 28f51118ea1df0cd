/**
 * Track record of a source's stances on allegations: how often what it asserted or denied
 * turned out right, and how well its stated confidence scored as a forecast.
 */
import { estimativeRange } from './icd203.js';
import { CompensatedSum } from './sum.js';
import { wilsonInterval } from './wilson.js';

export type StanceKind = 'asserts' | 'denies';
export type StanceStatus = 'open' | 'confirmed' | 'refuted' | 'annulled' | 'unresolvable';

export interface StanceRecord {
  stance: StanceKind;
  /** Status of the claim the stance is on. */
  status: StanceStatus;
  retracted: boolean;
  /** Confidence in [0, 1] that the stance (assertion or denial) is right. */
  confidence?: number | null;
  /** ICD 203 phrase for that confidence, used (at its midpoint) when `confidence` is absent. */
  estimative?: string | null;
}

export interface TrackRecord {
  stances: { right: number; wrong: number; pending: number; notScored: number };
  accuracy: number | null;
  accuracyInterval: [number, number] | null;
  statedConfidence: { count: number; brier: number | null };
}

/**
 * Tally stances: right = asserts·confirmed or denies·refuted; wrong = asserts·refuted or
 * denies·confirmed; pending = claim open; notScored = annulled/unresolvable claim or a
 * retracted stance (whatever the status).
 * accuracy = right / (right + wrong), accuracyInterval its 95% Wilson interval; both null when
 * right + wrong = 0.
 * statedConfidence: each right/wrong stance with a confidence c (else an ICD 203 phrase at its
 * range midpoint) is a forecast that the claim is true of q = c (asserts) or q = 1 − c (denies);
 * brier = (1/count) Σ (q − o)² with o = 1 confirmed, 0 refuted; null when count = 0.
 * A stored value that today's rules refuse (a phrase outside ICD 203, a confidence outside
 * [0, 1], as an older import could record) counts as no stated confidence: the stance is still
 * right or wrong, and a read of the record never fails on it.
 */
export function trackRecord(stances: readonly StanceRecord[]): TrackRecord {
  const tally = { right: 0, wrong: 0, pending: 0, notScored: 0 };
  const brier = new CompensatedSum();
  let count = 0;
  for (const s of stances) {
    const outcome = resolveOutcome(s);
    if (outcome === 'pending' || outcome === 'notScored') {
      tally[outcome] += 1;
      continue;
    }
    const right = (s.stance === 'asserts') === (outcome === 1);
    tally[right ? 'right' : 'wrong'] += 1;
    const c = statedConfidence(s);
    if (c === null) continue;
    const q = s.stance === 'asserts' ? c : 1 - c;
    brier.add((q - outcome) ** 2);
    count += 1;
  }
  const judged = tally.right + tally.wrong;
  return {
    stances: tally,
    accuracy: judged === 0 ? null : tally.right / judged,
    accuracyInterval: wilsonInterval(tally.right, judged),
    statedConfidence: { count, brier: count === 0 ? null : brier.value() / count },
  };
}

function resolveOutcome(s: StanceRecord): 0 | 1 | 'pending' | 'notScored' {
  if (s.retracted) return 'notScored';
  if (s.status === 'confirmed') return 1;
  if (s.status === 'refuted') return 0;
  if (s.status === 'open') return 'pending';
  if (s.status === 'annulled' || s.status === 'unresolvable') return 'notScored';
  throw new RangeError(`unknown claim status ${String(s.status)}`);
}

/**
 * The stance's confidence: `confidence` if given, else its phrase's midpoint, else null. Null
 * too for a confidence outside [0, 1] or an unknown phrase (no stated confidence).
 */
function statedConfidence(s: StanceRecord): number | null {
  if (s.confidence !== undefined && s.confidence !== null) return s.confidence >= 0 && s.confidence <= 1 ? s.confidence : null;
  if (s.estimative === undefined || s.estimative === null) return null;
  return estimativeRange(s.estimative)?.midpoint ?? null;
}
