import { describe, expect, it } from 'vitest';
import { parseClaimReview } from '../../src/interop/claimreview.js';
import { claimReviewJsonLd, claimReviewScriptTag } from '../../src/interop/export-claimreview.js';
import { CLAIMS } from './export-samples.js';

const OPTIONS = { baseUrl: 'https://reckon.example.org/', publisher: { name: 'Reckon Desk', url: 'https://reckon.example.org' } };

describe('claimReviewJsonLd', () => {
  const reviews = claimReviewJsonLd(CLAIMS, OPTIONS);

  it('exports only resolved allegations', () => {
    expect(reviews.map((r) => r.url)).toEqual([
      'https://reckon.example.org/claims/bridge-reopening',
      'https://reckon.example.org/claims/river-clean',
    ]);
  });

  it('writes a schema.org ClaimReview naming the first non-retracted asserter', () => {
    expect(reviews[0]).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://reckon.example.org/claims/bridge-reopening',
      claimReviewed: 'The mayor said the Riverside bridge will reopen in March, "without delay".',
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'GovernmentOrganization', name: 'City Hall' },
        datePublished: '2025-01-12',
        appearance: { '@type': 'CreativeWork', url: 'https://city.example.gov/news/1' },
      },
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
      datePublished: '2025-04-01',
      author: { '@type': 'Organization', name: 'Reckon Desk', url: 'https://reckon.example.org' },
      reviewBody: 'Still closed on 1 April.',
    });
    expect(reviews[1]).toMatchObject({
      itemReviewed: { author: { '@type': 'Organization', name: 'Rivers Trust' } },
      reviewRating: { ratingValue: 5, alternateName: 'True' },
      datePublished: '2025-06-01T12:00:00Z',
    });
  });

  it('round-trips through the ClaimReview importer', () => {
    const html = `<html>${claimReviewScriptTag(reviews)}</html>`;
    const imported = parseClaimReview(html);
    expect(imported.claims.map((c) => [c.statement, c.resolution?.outcome, c.resolution?.knownOn])).toEqual([
      [CLAIMS[0]!.statement, 'refuted', '2025-04-01'],
      [CLAIMS[1]!.statement, 'confirmed', '2025-06-01T12:00:00Z'],
    ]);
    expect(imported.sources).toEqual([
      { id: 'city-hall', name: 'City Hall', type: 'government' },
      { id: 'rivers-trust', name: 'Rivers Trust', type: 'organisation' },
    ]);
    expect(imported.claims[0]?.stances).toEqual([{ sourceId: 'city-hall', stance: 'asserts', date: '2025-01-12', url: 'https://city.example.gov/news/1' }]);
    expect(imported.notes).toEqual([]);
  });

  it('cannot be broken out of its script tag by a statement', () => {
    const sneaky = { ...CLAIMS[1]!, statement: 'The river is clean</script><script>alert(1)</script>' };
    const tag = claimReviewScriptTag(claimReviewJsonLd([sneaky], OPTIONS));
    expect(tag.match(/<\/script>/g)).toHaveLength(1);
    expect(parseClaimReview(tag).claims[0]?.statement).toBe(sneaky.statement);
  });
});
