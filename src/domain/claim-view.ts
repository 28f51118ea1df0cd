/**
 * A claim with its whole history, folded from its own events. The same fold answers the
 * live claim, "as of" a date in the world (each event counts from its own world date) and
 * "as recorded by" a time (each event counts from its recording).
 */
import { markCounted, type CountMark } from './counted-marks.js';
import { worldStart } from './dates.js';
import { rangeInOrder } from './questions/question.js';
import type { ClaimStatus, EventBody, QuestionRange, QuestionType, ResolutionOutcome, ResolutionValue } from './types.js';

export interface ViewRetraction {
  retracted: boolean;
  retraction?: { seq: number; reason: string };
}
type Opt<T> = { [K in keyof T]?: Exclude<T[K], null> };

export interface ViewResolution {
  seq: number;
  outcome: ResolutionOutcome;
  /** A multiple-choice, numeric or date question's value (outcome `resolved`). */
  value?: ResolutionValue;
  knownOn: string;
  note?: string;
  evidenceIds: string[];
  recordedAt: string;
  reopened?: { seq: number; reason: string; recordedAt: string };
}

/** A forecast, stance or piece of evidence as the claim shows it. */
export type ViewItem = Record<string, unknown> & ViewRetraction & { id: string; seq: number };

export interface ClaimView {
  id: string;
  kind: 'prediction' | 'allegation';
  /** What the prediction asks (issue 17); `binary` for every yes/no claim and allegation. */
  questionType: QuestionType;
  options?: string[];
  ordered?: boolean;
  range?: QuestionRange;
  title: string;
  statement: string;
  resolutionCriteria: string;
  details?: string;
  tags: string[];
  deadline?: string;
  checkBy?: string;
  openedAt?: string;
  status: ClaimStatus;
  revision: number;
  editedAfterForecasts: boolean;
  createdAt: string;
  /** Allegations: the date of the earliest non-retracted asserting stance (see firstAssertion). */
  firstAllegedOn?: string;
  /**
   * In an as-of view only, when there are any: the text fields whose current text was written (recorded) after
   * the as-of date, so may tell what was not yet known then (the creation's own text when the
   * claim was recorded later than that date, as claims about the past are).
   */
  writtenAfterAsOf?: Array<'title' | 'statement' | 'resolutionCriteria' | 'details'>;
  resolution: Omit<ViewResolution, 'reopened'> | null;
  revisions: Array<Record<string, unknown> & { revision: number; changed: string[]; seq: number; recordedAt: string }>;
  /** Each says whether it counts, and if not why (markCounted). */
  forecasts: Array<ViewItem & CountMark>;
  stances: ViewItem[];
  evidence: ViewItem[];
  resolutions: ViewResolution[];
  timeline: Array<{ seq: number; type: string; recordedAt: string; recordedBy: string | null; worldAt: string; payload: Record<string, unknown>; retracted: boolean }>;
}

/** The instant (epoch ms) an event counts from in the world. */
export function worldTime(e: EventBody): number {
  const recorded = Date.parse(e.recordedAt);
  switch (e.type) {
    case 'claim.created':
      return Math.min(recorded, e.payload.openedAt ? (worldStart(e.payload.openedAt) ?? recorded) : recorded);
    case 'forecast.recorded':
      return Date.parse(e.payload.madeAt);
    case 'stance.recorded':
    case 'evidence.recorded':
      return worldStart(e.payload.date) ?? recorded;
    case 'claim.resolved':
      return worldStart(e.payload.knownOn) ?? recorded;
    default:
      return recorded;
  }
}

/** Drop null and undefined fields, so optional fields are absent rather than null. */
function compact<T extends Record<string, unknown>>(o: T): Opt<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Opt<T>;
}

const REVISED = ['title', 'statement', 'resolutionCriteria', 'details', 'tags', 'deadline', 'checkBy'] as const;

export interface FoldOptions {
  /** Count only events whose world time is at or before this instant (epoch ms). */
  asOf?: number;
  /** Count only events recorded at or before this instant (epoch ms). */
  asOfRecorded?: number;
}

/** The instant from which a claim exists: its earliest dated event or its recording. */
export function claimExistsFrom(events: EventBody[]): number {
  return Math.min(...events.map(worldTime));
}

/** Fold a claim's events (in sequence order) into its view; null when it did not exist yet. */
export function foldClaim(all: EventBody[], opts: FoldOptions = {}): ClaimView | null {
  const created = all.find((e) => e.type === 'claim.created');
  if (!created || created.type !== 'claim.created') return null;
  if (opts.asOf !== undefined && claimExistsFrom(all) > opts.asOf) return null;
  if (opts.asOfRecorded !== undefined && Date.parse(created.recordedAt) > opts.asOfRecorded) return null;
  const counts = (e: EventBody) =>
    e === created ||
    ((opts.asOf === undefined || worldTime(e) <= opts.asOf) && (opts.asOfRecorded === undefined || Date.parse(e.recordedAt) <= opts.asOfRecorded));
  const events = all.filter(counts);
  const p = created.payload;
  const state: Record<string, unknown> = { ...compact({ title: p.title, statement: p.statement, resolutionCriteria: p.resolutionCriteria, details: p.details, tags: p.tags, deadline: p.deadline, checkBy: p.checkBy }) };
  const view: ClaimView = {
    id: p.id,
    kind: p.kind,
    questionType: p.questionType ?? 'binary',
    ...compact({ options: p.options, ordered: p.ordered, range: p.range && rangeInOrder(p.range) }),
    ...(state as Pick<ClaimView, 'title' | 'statement' | 'resolutionCriteria' | 'tags'>),
    // The question's opening (issue 16): as given, else when it was recorded.
    openedAt: p.openedAt ?? created.recordedAt,
    status: 'open',
    revision: 1,
    editedAfterForecasts: false,
    createdAt: created.recordedAt,
    resolution: null,
    revisions: [{ revision: 1, ...state, changed: [], seq: created.seq, recordedAt: created.recordedAt }] as ClaimView['revisions'],
    forecasts: [],
    stances: [],
    evidence: [],
    resolutions: [],
    timeline: [],
  };
  const items = new Map<number, ViewRetraction>();
  let forecastsSeen = 0;
  // The claim counts in the world from its earliest dated event (or its recording).
  const existsFrom = claimExistsFrom(all);
  for (const e of events) {
    const worldAt = new Date(e === created ? existsFrom : worldTime(e)).toISOString();
    view.timeline.push({ seq: e.seq, type: e.type, recordedAt: e.recordedAt, recordedBy: e.recordedBy, worldAt, payload: e.payload as unknown as Record<string, unknown>, retracted: false });
    applyEvent(view, e, items, forecastsSeen);
    if (e.type === 'forecast.recorded') forecastsSeen++;
  }
  for (const t of view.timeline) t.retracted = items.get(t.seq)?.retracted ?? false;
  if (view.kind === 'allegation') {
    const first = firstAssertion(view.stances);
    if (first !== null) view.firstAllegedOn = first;
  }
  if (opts.asOf !== undefined && Date.parse(created.recordedAt) > opts.asOf) {
    // Edits count from their recording, so none here is later than the as-of date: the text written later is the creation's.
    const later = (['title', 'statement', 'resolutionCriteria', 'details'] as const).filter((k) => view[k] !== undefined && view.revisions.every((r) => r.revision === 1 || !r.changed.includes(k)));
    if (later.length > 0) view.writtenAfterAsOf = later;
  }
  markForecasts(view);
  return view;
}

/** `counted` / `notCountedBecause` on each forecast, by the claim's deadline and standing resolution. */
function markForecasts(view: ClaimView): void {
  const list = view.forecasts as unknown as Array<{ seq: number; sourceId: string; madeAt: string; retracted: boolean }>;
  const marks = markCounted(list, { deadline: view.deadline, knownOn: view.resolution?.knownOn });
  view.forecasts.forEach((f, i) => Object.assign(f, marks[i]));
}

/**
 * The date of the earliest non-retracted `asserts` stance ("first alleged on"): the earliest
 * by its first day (`2023` and `2023-10` start on their first day); of dates starting on the
 * same day, the least precise (the smallest text). Null when there is none.
 */
export function firstAssertion(stances: ReadonlyArray<{ stance?: unknown; date?: unknown; retracted: boolean }>): string | null {
  let best: string | null = null;
  let bestAt = Infinity;
  for (const s of stances) {
    if (s.retracted || s.stance !== 'asserts' || typeof s.date !== 'string') continue;
    const at = worldStart(s.date);
    if (at === null) continue;
    if (at < bestAt || (at === bestAt && best !== null && s.date < best)) (best = s.date), (bestAt = at);
  }
  return best;
}

type Item = ViewItem;

/** A forecast, stance or piece of evidence as the claim shows it, from its own event. */
export function itemView(e: EventBody): Item {
  // As `{ ...compact(payload), seq, recordedAt, retracted: false }`, member for member, without
  // the spread and the entries array (V8's slow paths, on every item of every claim read).
  const payload = e.payload as unknown as Record<string, unknown>;
  const item: Record<string, unknown> = {};
  for (const key of Object.keys(payload)) {
    const v = payload[key];
    if (v !== null && v !== undefined) item[key] = v;
  }
  item.seq = e.seq;
  item.recordedAt = e.recordedAt;
  item.retracted = false;
  return item as unknown as Item;
}

function applyEvent(view: ClaimView, e: EventBody, items: Map<number, ViewRetraction>, forecastsSeen: number): void {
  switch (e.type) {
    case 'claim.edited': {
      const c = e.payload.changes;
      const current = view as unknown as Record<string, unknown>;
      for (const k of REVISED) if (k in c) {
        const v = c[k];
        if (v === null || v === undefined) delete current[k];
        else current[k] = v;
      }
      view.revision = e.payload.revision;
      if (forecastsSeen > 0) view.editedAfterForecasts = true;
      const snapshot = compact(Object.fromEntries(REVISED.map((k) => [k, current[k]])));
      view.revisions.push({ revision: e.payload.revision, ...snapshot, reason: e.payload.reason, changed: Object.keys(c), seq: e.seq, recordedAt: e.recordedAt });
      break;
    }
    case 'forecast.recorded':
    case 'stance.recorded':
    case 'evidence.recorded': {
      const item = itemView(e);
      items.set(e.seq, item);
      // A forecast's counted mark is set once the whole claim is folded (markForecasts).
      (e.type === 'forecast.recorded' ? (view.forecasts as ViewItem[]) : e.type === 'stance.recorded' ? view.stances : view.evidence).push(item);
      break;
    }
    case 'claim.resolved': {
      const r = { seq: e.seq, ...compact({ outcome: e.payload.outcome, value: e.payload.value, knownOn: e.payload.knownOn, note: e.payload.note }), evidenceIds: e.payload.evidenceIds, recordedAt: e.recordedAt } as ViewResolution;
      view.resolutions.push(r);
      view.resolution = { ...r };
      view.status = r.outcome;
      break;
    }
    case 'claim.reopened': {
      const last = view.resolutions[view.resolutions.length - 1];
      if (last) last.reopened = { seq: e.seq, reason: e.payload.reason, recordedAt: e.recordedAt };
      view.resolution = null;
      view.status = 'open';
      break;
    }
    case 'event.retracted': {
      const item = items.get(e.payload.targetSeq);
      if (item) {
        item.retracted = true;
        item.retraction = { seq: e.seq, reason: e.payload.reason };
      }
      break;
    }
    default:
      break;
  }
}
