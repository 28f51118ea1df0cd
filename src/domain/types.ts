/**
 * The vocabulary of Reckon (see DESIGN.md): the payloads of ledger events, and the
 * normalised bundle that every import (the demo case, CSV, Fatebook, Metaculus,
 * ClaimReview) is turned into before it is appended.
 */

export const SOURCE_TYPES = [
  'person',
  'government',
  'organisation',
  'media',
  'forecasting-platform',
  'forecaster',
  'international-body',
  'other',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const CLAIM_KINDS = ['prediction', 'allegation'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const OUTCOMES = ['confirmed', 'refuted', 'annulled', 'unresolvable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * A multiple-choice, numeric or date question resolves with a value (an option, a number, an
 * instant): its resolution's outcome, and its status, is `resolved` (issue 17).
 */
export const RESOLVED = 'resolved';
export type ResolutionOutcome = Outcome | typeof RESOLVED;

export const STATUSES = ['open', ...OUTCOMES, RESOLVED] as const;
export type ClaimStatus = (typeof STATUSES)[number];

/** What a prediction asks (issue 17): yes/no (the default), one of several options, a number, a date. */
export const QUESTION_TYPES = ['binary', 'multiple-choice', 'numeric', 'date'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const RANGE_SCALES = ['linear', 'log'] as const;

/**
 * The range of a numeric or date question: `min`/`max` numbers (numeric) or ISO instants
 * (date, stored as `YYYY-MM-DDTHH:mm:ss.sssZ`); an open bound lets the outcome fall beyond
 * it; `log` spaces the CDF's points evenly in ln x (needs min > 0).
 */
export interface QuestionRange {
  min: number | string;
  max: number | string;
  openLower: boolean;
  openUpper: boolean;
  scale: (typeof RANGE_SCALES)[number];
}

/** A resolution's value: an option label, a number, an instant, or where only that is known, out of range. */
export type ResolutionValue = string | number;
export const OUT_OF_RANGE = ['below-range', 'above-range'] as const;

export const STANCES = ['asserts', 'denies'] as const;
export type StanceKind = (typeof STANCES)[number];

export const BEARINGS = ['supports', 'contradicts', 'context'] as const;
export type Bearing = (typeof BEARINGS)[number];

/** Admiralty / NATO STANAG 2511 grade: source reliability A–F, information credibility 1–6. */
export interface AdmiraltyGrade {
  reliability: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  credibility: 1 | 2 | 3 | 4 | 5 | 6;
}

/** A date in the world with its precision kept: `2023`, `2023-10` or `2023-10-13`. */
export type PartialDate = string;

export interface SourcePayload {
  id: string;
  name: string;
  type: SourceType;
  country?: string;
  url?: string;
}

export interface ClaimCreatedPayload {
  id: string;
  kind: ClaimKind;
  title: string;
  statement: string;
  resolutionCriteria: string;
  details?: string;
  tags: string[];
  /** ISO date or date-time; required for predictions. */
  deadline?: string;
  /** ISO date or date-time; optional, for allegations. */
  checkBy?: string;
  /** When the claim was opened in the world, if earlier than its recording (imports). */
  openedAt?: string;
  /** Absent on a yes/no question (every claim recorded before issue 17). */
  questionType?: Exclude<QuestionType, 'binary'>;
  /** Multiple choice: the options, in order. */
  options?: string[];
  /** Multiple choice: the options are ordered categories (ranked probability score). */
  ordered?: boolean;
  /** Numeric and date questions. */
  range?: QuestionRange;
}

export const EDITABLE_FIELDS = ['title', 'statement', 'resolutionCriteria', 'details', 'tags', 'deadline', 'checkBy'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface ClaimEditedPayload {
  claimId: string;
  /** The new revision number (the first revision is 1). */
  revision: number;
  changes: Partial<Pick<ClaimCreatedPayload, EditableField>>;
  reason: string;
}

export interface ForecastPayload {
  id: string;
  claimId: string;
  sourceId: string;
  /** A yes/no question: the probability of yes. Exactly one of probability, probabilities, cdf. */
  probability?: number;
  /** Multiple choice: one probability per option, in the question's order, summing to 1. */
  probabilities?: number[];
  /** Numeric or date: Metaculus's 201-point CDF over the range, in the scale's space. */
  cdf?: number[];
  /** ISO date-time (UTC) the forecast was made. */
  madeAt: string;
  note?: string;
  backfilled: boolean;
  /**
   * A platform's own history, kept exactly as the platform recorded it (Fatebook's 0 and 1,
   * Metaculus's 0.001): the instance's probability bounds govern new forecasts only.
   */
  imported?: { platform: string };
}

export interface StancePayload {
  id: string;
  claimId: string;
  sourceId: string;
  stance: StanceKind;
  date: PartialDate;
  quote?: string;
  url?: string;
  confidence?: number;
  estimative?: string;
}

export interface EvidencePayload {
  id: string;
  claimId: string;
  date: PartialDate;
  summary: string;
  bearing: Bearing;
  url?: string;
  publishedBy?: string;
  grade?: AdmiraltyGrade;
}

export interface ResolutionPayload {
  claimId: string;
  /** `resolved` exactly when the resolution has a value. */
  outcome: ResolutionOutcome;
  /** Multiple choice, numeric, date: the option, number or instant (or `below-range` / `above-range`). */
  value?: ResolutionValue;
  /** ISO date or date-time the outcome became known. */
  knownOn: string;
  note?: string;
  evidenceIds: string[];
}

export interface ReopenPayload {
  claimId: string;
  reason: string;
}

export const RETRACTABLE = ['forecast', 'stance', 'evidence'] as const;
export type RetractableKind = (typeof RETRACTABLE)[number];

export interface RetractionPayload {
  /** Sequence number of the forecast, stance or evidence event retracted. */
  targetSeq: number;
  targetType: RetractableKind;
  /** The retracted item's id. */
  targetId: string;
  claimId: string;
  reason: string;
}

/** The instance's rules from this event on (see domain/instance-rules.ts). */
export interface RulesPayload {
  /** Bounds on the probability of a new forecast, inclusive. */
  minProbability: number;
  maxProbability: number;
}

export interface EventPayloads {
  'source.registered': SourcePayload;
  'claim.created': ClaimCreatedPayload;
  'claim.edited': ClaimEditedPayload;
  'forecast.recorded': ForecastPayload;
  'stance.recorded': StancePayload;
  'evidence.recorded': EvidencePayload;
  'claim.resolved': ResolutionPayload;
  'claim.reopened': ReopenPayload;
  'event.retracted': RetractionPayload;
  'rules.set': RulesPayload;
}
export type EventType = keyof EventPayloads;
export const EVENT_TYPES = [
  'source.registered',
  'claim.created',
  'claim.edited',
  'forecast.recorded',
  'stance.recorded',
  'evidence.recorded',
  'claim.resolved',
  'claim.reopened',
  'event.retracted',
  'rules.set',
] as const satisfies readonly EventType[];

/** The part of an event that its hash covers (see README, "Canonical form"). */
export type EventBody = {
  [T in EventType]: {
    seq: number;
    type: T;
    claimId: string | null;
    recordedAt: string;
    recordedBy: string | null;
    payload: EventPayloads[T];
  };
}[EventType];

export type LedgerEvent = EventBody & { prevHash: string; hash: string };

/**
 * What every importer produces. Ids are optional where Reckon can make them; an
 * evidence `ref` lets a resolution in the same bundle cite that evidence.
 */
export interface ImportBundle {
  sources: SourcePayload[];
  claims: ImportClaim[];
}

export interface ImportClaim {
  id?: string;
  kind: ClaimKind;
  title: string;
  statement: string;
  resolutionCriteria: string;
  details?: string;
  tags?: string[];
  deadline?: string;
  checkBy?: string;
  openedAt?: string;
  questionType?: QuestionType;
  options?: string[];
  ordered?: boolean;
  range?: QuestionRange;
  forecasts?: Array<{ sourceId: string; probability?: number; probabilities?: number[]; cdf?: number[]; madeAt: string; note?: string; imported?: { platform: string } }>;
  stances?: Array<Omit<StancePayload, 'id' | 'claimId'>>;
  evidence?: Array<Omit<EvidencePayload, 'id' | 'claimId'> & { ref?: string }>;
  resolution?: { outcome?: Outcome; value?: ResolutionValue; knownOn: string; note?: string; evidenceRefs?: string[] };
  /** Where in the input file this claim came from, for error messages (`line 12`). */
  origin?: string;
}
