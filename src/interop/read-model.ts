/**
 * The plain read-model objects the exporters take. The read side (database views) fills
 * them; the exporters know nothing about the ledger.
 */
import type { ClaimKind, ClaimStatus, QuestionRange, QuestionType, ResolutionOutcome, ResolutionValue, SourceType, StanceKind } from '../domain/types.js';

export interface ExportStance {
  sourceId: string;
  sourceName: string;
  sourceType: SourceType;
  stance: StanceKind;
  /** Partial date: `2023`, `2023-10` or `2023-10-13`. */
  date: string;
  quote?: string | null;
  url?: string | null;
  retracted: boolean;
}

export interface ExportClaim {
  id: string;
  kind: ClaimKind;
  title: string;
  statement: string;
  resolutionCriteria: string;
  details?: string | null;
  tags: string[];
  deadline?: string | null;
  checkBy?: string | null;
  status: ClaimStatus;
  createdAt: string;
  resolution: { outcome: ResolutionOutcome; knownOn: string; note?: string | null; value?: ResolutionValue } | null;
  stances: ExportStance[];
  /** Issue 17: absent or `binary` for a yes/no claim. */
  questionType?: QuestionType;
  options?: string[];
  ordered?: boolean;
  range?: QuestionRange;
}

export interface ExportForecast {
  claimId: string;
  claimTitle: string;
  kind: ClaimKind;
  sourceId: string;
  sourceName: string;
  /** A yes/no forecast's probability; null for the other question types. */
  probability: number | null;
  /** Multiple choice: one probability per option. */
  probabilities?: number[];
  /** Numeric or date: the 201-point CDF. */
  cdf?: number[];
  madeAt: string;
  backfilled: boolean;
  retracted: boolean;
  status: ClaimStatus;
  /** 1 if the claim was confirmed, 0 if refuted, null otherwise (open, annulled, unresolvable, resolved with a value). */
  outcome: 1 | 0 | null;
  resolvedOn: string | null;
}
