/**
 * Base rates of allegations by kind of source (issue 14): per group, the (source, allegation)
 * entries of survival's `by=source` (entries.ts) for asserting stances and, separately, for
 * denying ones, each counted as confirmed, refuted or pending (still open on asOf); claims
 * annulled or unresolvable by asOf are in none of the three (not scored, as in track records).
 *
 * confirmationRate = confirmed / (confirmed + refuted) among asserted entries, null when none
 * is resolved; interval = its 95 % Wilson score interval (scoring/wilson.ts).
 */
import { wilsonInterval } from '../scoring/wilson.js';
import { compareKeys } from './curves.js';
import type { EntryEnd } from './entries.js';

export interface VerdictCounts {
  confirmed: number;
  refuted: number;
  pending: number;
}

export interface BaseRate {
  key: string | null;
  asserted: VerdictCounts;
  denied: VerdictCounts;
  confirmationRate: number | null;
  interval: [number, number] | null;
}

export interface BaseRateTally {
  key: string | null;
  stance: 'asserts' | 'denies';
  end: EntryEnd;
  count: number;
}

const zero = (): VerdictCounts => ({ confirmed: 0, refuted: 0, pending: 0 });

/** Groups of base rates from tallies of entries by key, stance and end; ordered by key (null first). */
export function baseRates(tallies: Iterable<BaseRateTally>): BaseRate[] {
  const groups = new Map<string | null, { asserted: VerdictCounts; denied: VerdictCounts }>();
  for (const t of tallies) {
    const field = t.end === 'open' ? 'pending' : t.end === 'confirmed' || t.end === 'refuted' ? t.end : null;
    if (field === null || t.count === 0) continue;
    const g = groups.get(t.key) ?? { asserted: zero(), denied: zero() };
    g[t.stance === 'asserts' ? 'asserted' : 'denied'][field] += t.count;
    groups.set(t.key, g);
  }
  return [...groups.keys()].sort(compareKeys).map((key) => {
    const { asserted, denied } = groups.get(key)!;
    const resolved = asserted.confirmed + asserted.refuted;
    return {
      key,
      asserted,
      denied,
      confirmationRate: resolved === 0 ? null : asserted.confirmed / resolved,
      interval: wilsonInterval(asserted.confirmed, resolved),
    };
  });
}
