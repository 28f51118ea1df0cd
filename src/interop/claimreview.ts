/**
 * ClaimReview (schema.org JSON-LD, or HTML carrying it, or a Google Fact Check Tools API
 * response) → allegations. statement = claimReviewed (API: text); the reviewed claim's
 * author (itemReviewed.author, else an appearance's author; API: claimant) asserts it,
 * dated itemReviewed.datePublished (else the appearance's date; API: claimDate). Each
 * review becomes evidence "<publisher> rated it: <rating>" (supports / contradicts /
 * context by the rating's outcome, see claimreview-rating.ts). Where the ratings give a
 * clear outcome the claim is resolved, known on the review's datePublished, citing it.
 */
import type { ImportClaim } from '../domain/types.js';
import { SourceRegistry, type ImportResult } from './bundle.js';
import { findClaims, type FoundClaim, type FoundReview } from './claimreview-extract.js';
import { describeRating, judgeRating, type RatingOutcome } from './claimreview-rating.js';
import { parseDateOrDateTime, parsePartialDate } from './dates.js';
import { IssueCollector, type ImportIssue } from './errors.js';
import { joinPath } from './json-input.js';
import { sourceIdFor } from './slug.js';

export const CLAIMREVIEW_CRITERIA =
  'Resolved by fact-check reviews: confirmed if reviewers rate the claim true, refuted if they rate it false.';

const BEARING = { confirmed: 'supports', refuted: 'contradicts', open: 'context' } as const;
const MAX_TITLE = 120;

/** Parses ClaimReview JSON-LD, HTML with JSON-LD blocks, or a Fact Check Tools API response. */
export function parseClaimReview(input: string): ImportResult {
  const issues = new IssueCollector();
  const notes: ImportIssue[] = [];
  const syntax: ImportIssue[] = [];
  const found = findClaims(input, syntax);
  syntax.forEach((issue) => issues.push(issue));
  if (found.length === 0 && !issues.any) issues.push({ message: 'no ClaimReview found' });
  const sources = new SourceRegistry();
  const claims = found
    .map((item) => buildClaim(item, sources, issues, notes))
    .filter((claim): claim is ImportClaim => claim !== undefined);
  issues.throwIfAny();
  return { sources: sources.list(), claims, notes };
}

function buildClaim(item: FoundClaim, sources: SourceRegistry, issues: IssueCollector, notes: ImportIssue[]): ImportClaim | undefined {
  const { line, field } = item;
  if (!item.statement) {
    issues.push({ line, field: joinPath(field, item.api ? 'text' : 'claimReviewed'), message: 'the review names no claim' });
    return undefined;
  }
  if (item.reviews.length === 0) {
    issues.push({ line, field: joinPath(field, 'claimReview'), message: 'the claim has no reviews' });
    return undefined;
  }
  const statement = item.statement;
  const title = statement.length > MAX_TITLE ? `${statement.slice(0, MAX_TITLE - 1).trimEnd()}…` : statement;
  const claim: ImportClaim = { kind: 'allegation', title, statement, resolutionCriteria: CLAIMREVIEW_CRITERIA, origin: line ? `line ${line}` : field || undefined };
  const reviewed = item.reviews.map((review, i) => readReview(review, i, item, issues, notes));
  if (reviewed.some((r) => r === undefined)) return undefined;
  const evidence = reviewed as Reviewed[];
  claim.evidence = evidence.map((r) => r.evidence);
  const stance = buildStance(item, evidence, sources, notes);
  if (stance) claim.stances = [stance];
  const resolution = resolveFromReviews(evidence, item, notes);
  if (resolution) claim.resolution = resolution;
  if (!claim.origin) delete claim.origin;
  return claim;
}

interface Reviewed {
  evidence: NonNullable<ImportClaim['evidence']>[number];
  outcome: RatingOutcome;
  knownOn?: string;
  note: string;
}

function readReview(review: FoundReview, index: number, item: FoundClaim, issues: IssueCollector, notes: ImportIssue[]): Reviewed | undefined {
  const rating = describeRating(review.rating);
  const { outcome, conflict } = judgeRating(review.rating);
  const publisher = review.publisher ?? 'A fact-checker';
  if (conflict) notes.push({ line: item.line, field: joinPath(review.field, 'reviewRating'), message: `rating "${rating}" and its number disagree; left open` });
  const ownDate = review.date === undefined ? undefined : parsePartialDate(review.date);
  if (review.date !== undefined && ownDate === undefined) {
    issues.push({ line: item.line, field: joinPath(review.field, item.api ? 'reviewDate' : 'datePublished'), message: `"${review.date}" is not a date` });
    return undefined;
  }
  // Without its own date a review is dated by the latest date it shows: it cannot be earlier.
  const date = ownDate ?? (item.latestDate === undefined ? undefined : parsePartialDate(item.latestDate));
  if (date === undefined) {
    issues.push({ line: item.line, field: joinPath(review.field, item.api ? 'reviewDate' : 'datePublished'), message: 'neither the review nor the claim has a date' });
    return undefined;
  }
  if (!ownDate) notes.push({ line: item.line, field: joinPath(review.field, 'datePublished'), message: `the review has no date; dated ${date}, the latest date of the claim it reviews` });
  const evidence: Reviewed['evidence'] = { ref: `review-${index + 1}`, date, summary: `${publisher} rated it: ${rating}`, bearing: BEARING[outcome] };
  if (review.url) evidence.url = review.url;
  if (review.publisher) evidence.publishedBy = review.publisher;
  const knownOn = parseDateOrDateTime(ownDate ? review.date! : date);
  return { evidence, outcome, knownOn, note: `${publisher} rated it "${rating}"` };
}

function buildStance(item: FoundClaim, reviewed: Reviewed[], sources: SourceRegistry, notes: ImportIssue[]): NonNullable<ImportClaim['stances']>[number] | undefined {
  if (!item.claimant) {
    notes.push({ line: item.line, field: item.field || undefined, message: 'the reviewed claim names no author; no asserting source recorded' });
    return undefined;
  }
  let date = item.claimDate === undefined ? undefined : parsePartialDate(item.claimDate);
  if (date === undefined) {
    // The claim was made no later than it was reviewed.
    date = reviewed.map((r) => r.evidence.date).sort()[0]!;
    notes.push({ line: item.line, field: item.field || undefined, message: `the claim has no date of its own; dated ${date}, its earliest review` });
  }
  const sourceId = sources.add({ id: sourceIdFor(item.claimant.name), name: item.claimant.name, type: item.claimant.type });
  const stance: NonNullable<ImportClaim['stances']>[number] = { sourceId, stance: 'asserts', date };
  if (item.appearanceUrl) stance.url = item.appearanceUrl;
  return stance;
}

/** Resolved when every review with a clear outcome agrees; known on the earliest such review. */
function resolveFromReviews(reviewed: Reviewed[], item: FoundClaim, notes: ImportIssue[]): ImportClaim['resolution'] {
  const decisive = reviewed.filter((r) => r.outcome !== 'open');
  const first = decisive[0];
  if (!first) return undefined;
  if (decisive.some((r) => r.outcome !== first.outcome)) {
    notes.push({ line: item.line, field: item.field || undefined, message: 'reviews disagree (some rate it true, some false); left open' });
    return undefined;
  }
  const dated = decisive.filter((r) => r.knownOn !== undefined).sort((a, b) => Date.parse(a.knownOn!) - Date.parse(b.knownOn!));
  const earliest = dated[0];
  if (!earliest) {
    notes.push({ line: item.line, field: item.field || undefined, message: 'no review has a full date to resolve on; left open' });
    return undefined;
  }
  return {
    outcome: first.outcome as 'confirmed' | 'refuted',
    knownOn: earliest.knownOn!,
    note: decisive.map((r) => r.note).join('; '),
    evidenceRefs: decisive.map((r) => r.evidence.ref!),
  };
}
