/**
 * A claim's scoring window read from its row (claim-scores.ts for yes/no claims,
 * question-scores.ts for the other question types). Times in seconds since the epoch.
 */
import { parseInstant } from '../domain/dates.js';

/** Seconds since the epoch of a stored instant (dates are midnight UTC, as everywhere in Reckon). */
export const seconds = (v: unknown): number | null => {
  const ms = v === null || v === undefined ? null : parseInstant(String(v));
  return ms === null ? null : ms / 1000;
};

/**
 * A claim's window in seconds: opening (`openedAt`, else its recording), scheduled close (the
 * deadline) and actual close (the earlier of the deadline and the resolution's knownOn).
 * Null without a deadline (allegations): nothing to score against.
 */
export function claimWindow(r: { opened_at?: unknown; created_at?: unknown; deadline?: unknown; known_on?: unknown }) {
  const openedAt = seconds(r.opened_at) ?? seconds(r.created_at);
  const scheduledCloseAt = seconds(r.deadline);
  if (openedAt === null || scheduledCloseAt === null) return null;
  const knownOn = seconds(r.known_on);
  return { openedAt, scheduledCloseAt, actualCloseAt: knownOn === null ? scheduledCloseAt : Math.min(scheduledCloseAt, knownOn) };
}
