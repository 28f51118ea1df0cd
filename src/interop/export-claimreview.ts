/**
 * Resolved allegations → schema.org ClaimReview JSON-LD, the markup fact-check pages
 * carry so search engines and aggregators can read the verdict. Only allegations with
 * status confirmed or refuted are exported (predictions, open, annulled and unresolvable
 * claims are skipped). Rating: confirmed = 5 "True", refuted = 1 "False" on a 1–5 scale.
 */
import type { SourceType } from '../domain/types.js';
import type { ExportClaim, ExportStance } from './read-model.js';

export interface ClaimReviewOptions {
  /** Reckon's public address, e.g. `https://reckon.example.org`; claim pages are `${baseUrl}/claims/${id}`. */
  baseUrl: string;
  /** The organisation publishing the reviews. */
  publisher: { name: string; url?: string };
}

type Thing = Record<string, unknown>;

/** schema.org type for an author: people as Person, governments as GovernmentOrganization. */
function pickSchemaType(type: SourceType): string {
  if (type === 'person' || type === 'forecaster') return 'Person';
  return type === 'government' ? 'GovernmentOrganization' : 'Organization';
}

/** The first non-retracted source asserting the claim. */
function findFirstAsserter(claim: ExportClaim): ExportStance | undefined {
  return claim.stances.find((stance) => stance.stance === 'asserts' && !stance.retracted);
}

function describeItemReviewed(claim: ExportClaim): Thing {
  const item: Thing = { '@type': 'Claim' };
  const asserter = findFirstAsserter(claim);
  if (!asserter) return item;
  item.author = { '@type': pickSchemaType(asserter.sourceType), name: asserter.sourceName };
  item.datePublished = asserter.date;
  if (asserter.url) item.appearance = { '@type': 'CreativeWork', url: asserter.url };
  return item;
}

/** One ClaimReview for a resolved allegation; undefined for anything else. */
export function claimReviewFor(claim: ExportClaim, options: ClaimReviewOptions): Thing | undefined {
  const outcome = claim.resolution?.outcome;
  if (claim.kind !== 'allegation' || !claim.resolution || (outcome !== 'confirmed' && outcome !== 'refuted')) return undefined;
  if (claim.status !== outcome) return undefined;
  const confirmed = outcome === 'confirmed';
  const author: Thing = { '@type': 'Organization', name: options.publisher.name };
  if (options.publisher.url) author.url = options.publisher.url;
  const review: Thing = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${options.baseUrl.replace(/\/+$/, '')}/claims/${encodeURIComponent(claim.id)}`,
    claimReviewed: claim.statement,
    itemReviewed: describeItemReviewed(claim),
    reviewRating: { '@type': 'Rating', ratingValue: confirmed ? 5 : 1, bestRating: 5, worstRating: 1, alternateName: confirmed ? 'True' : 'False' },
    datePublished: claim.resolution.knownOn,
    author,
  };
  if (claim.resolution.note) review.reviewBody = claim.resolution.note;
  return review;
}

/** ClaimReview JSON-LD (an array) for the resolved allegations among `claims`. */
export function claimReviewJsonLd(claims: Iterable<ExportClaim>, options: ClaimReviewOptions): Thing[] {
  const reviews: Thing[] = [];
  for (const claim of claims) {
    const review = claimReviewFor(claim, options);
    if (review) reviews.push(review);
  }
  return reviews;
}

/**
 * The reviews as an HTML `<script type="application/ld+json">` block. `<` is escaped as
 * `\u003c` (still the same JSON) so a statement containing `</script>` cannot end the block.
 */
export function claimReviewScriptTag(reviews: readonly unknown[]): string {
  return `<script type="application/ld+json">${JSON.stringify(reviews).replace(/</g, '\\u003c')}</script>`;
}
