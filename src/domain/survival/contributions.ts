/**
 * What one claim adds to the analytics counters (the `analytics_counts` projection), as rows
 * of (scope, key, stance, outcome, day) each counting 1. Summed over every claim, they hold
 * everything the survival, base-rate and overview answers need when `asOf` is on or after
 * every date recorded (the usual "today"), so those answers are read from a few thousand
 * counter rows instead of every entry:
 *
 * - scopes `none`, `source`, `sourceType`, `country` — the entries of entries.ts (`none`: one
 *   per asserted allegation; the others: per source, allegation and stance kind, keyed by the
 *   source's id, type or country, '' for none): a resolved entry as (its outcome, duration in
 *   days), an open one as ('open', its start day; its duration is asOf − start). An entry
 *   starting after its claim's knownOn adds nothing.
 * - `sourceTotal` (key source id): the number of a source's entries.
 * - `sourceMonth` (key source id, stance): entries started, and ended by outcome, per month
 *   (day = year·12 + month − 1, UTC) — the per-source verdicts over time.
 * - `claimMonth` (key the claim's kind): claims started and resolved by outcome per month (a resolution
 *   known before the claim's start counts from its start) — the status per period.
 * - `days`: one row per date used above (start and known days), so that the latest date on
 *   record is one index lookup (the counters answer only for an asOf on or after it).
 */
import type { ClaimStatus } from './entries.js';

export interface ClaimFacts {
  kind: string;
  /** The claim's start in the world (day number). */
  startDay: number;
  status: ClaimStatus;
  /** The current resolution's knownOn day (null when open). */
  knownDay: number | null;
}

export interface EntryFactsRow {
  sourceId: string;
  sourceType: string;
  country: string | null;
  stance: 'asserts' | 'denies';
  /** The source's earliest non-retracted stance of this kind on the claim (day number). */
  startDay: number;
}

export interface Contribution {
  scope: string;
  key: string;
  stance: string;
  outcome: string;
  day: number;
}

/** The month index (year·12 + month − 1, UTC) of a day number. */
export function monthOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The day number of a month index's first day. */
export function dayOfMonth(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000;
}

/** A claim's contributions (see the module comment); `entries` empty for predictions. */
export function claimContributions(c: ClaimFacts, entries: readonly EntryFactsRow[]): Contribution[] {
  const out: Contribution[] = [];
  const add = (scope: string, key: string, stance: string, outcome: string, day: number) => out.push({ scope, key, stance, outcome, day });
  const resolved = c.status !== 'open' && c.knownDay !== null;
  add('claimMonth', c.kind, '', 'started', monthOfDay(c.startDay));
  add('days', '', '', '', c.startDay);
  if (resolved) {
    add('claimMonth', c.kind, '', c.status, monthOfDay(Math.max(c.startDay, c.knownDay!)));
    add('days', '', '', '', c.knownDay!);
  }
  /** An entry's counter: (outcome, duration) when resolved, ('open', start) else; null when it starts after the end. */
  const entryEnd = (startDay: number): [string, number] | null => {
    if (!resolved) return ['open', startDay];
    return startDay > c.knownDay! ? null : [c.status, c.knownDay! - startDay];
  };
  let firstAsserted: number | null = null;
  for (const e of entries) {
    if (e.stance === 'asserts' && (firstAsserted === null || e.startDay < firstAsserted)) firstAsserted = e.startDay;
    const end = entryEnd(e.startDay);
    if (!end) continue;
    add('source', e.sourceId, e.stance, ...end);
    add('sourceType', e.sourceType, e.stance, ...end);
    add('country', e.country ?? '', e.stance, ...end);
    add('sourceTotal', e.sourceId, '', '', 0);
    add('sourceMonth', e.sourceId, e.stance, 'started', monthOfDay(e.startDay));
    if (resolved) add('sourceMonth', e.sourceId, e.stance, c.status, monthOfDay(c.knownDay!));
    add('days', '', '', '', e.startDay);
  }
  const none = firstAsserted === null ? null : entryEnd(firstAsserted);
  if (none) add('none', '', 'asserts', ...none);
  return out;
}

/** Net counter changes from old to new contributions: `scope|key|stance|outcome|day` → delta (zeros left out). */
export function counterDeltas(removed: Iterable<Contribution>, added: Iterable<Contribution>): Map<string, { c: Contribution; delta: number }> {
  const out = new Map<string, { c: Contribution; delta: number }>();
  const bump = (c: Contribution, d: number) => {
    const k = `${c.scope}|${c.key}|${c.stance}|${c.outcome}|${c.day}`;
    const cur = out.get(k);
    if (cur) cur.delta += d;
    else out.set(k, { c, delta: d });
  };
  for (const c of removed) bump(c, -1);
  for (const c of added) bump(c, 1);
  for (const [k, v] of out) if (v.delta === 0) out.delete(k);
  return out;
}
