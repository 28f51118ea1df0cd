import { describe, expect, it } from 'vitest';
import { CLAIMREVIEW_CRITERIA, parseClaimReview } from '../../src/interop/claimreview.js';
import { judgeRating } from '../../src/interop/claimreview-rating.js';
import { fixture, issuesOf } from './fixtures.js';

describe('parseClaimReview on an HTML page with JSON-LD blocks', () => {
  const result = parseClaimReview(fixture('claimreview-page.html'));

  it('finds ClaimReviews in @graph and in arrays, ignoring other types', () => {
    expect(result.claims.map((c) => c.statement)).toEqual([
      'The government sold the harbour tunnel to a foreign company.',
      'Unemployment is at its lowest level in fifty years.',
      'Bus fares doubled this year.',
    ]);
  });

  it('takes the author from an appearance list and resolves a clear "false" rating', () => {
    expect(result.claims[0]).toEqual({
      kind: 'allegation',
      title: 'The government sold the harbour tunnel to a foreign company.',
      statement: 'The government sold the harbour tunnel to a foreign company.',
      resolutionCriteria: CLAIMREVIEW_CRITERIA,
      origin: 'line 14',
      stances: [{ sourceId: 'jordan-example', stance: 'asserts', date: '2024-08-28', url: 'https://social.example.com/posts/123' }],
      evidence: [
        {
          ref: 'review-1',
          date: '2024-09-03',
          summary: 'Example Fact Desk rated it: Pants on Fire!',
          bearing: 'contradicts',
          url: 'https://factdesk.example.org/checks/tunnel-sale',
          publishedBy: 'Example Fact Desk',
        },
      ],
      resolution: { outcome: 'refuted', knownOn: '2024-09-03T08:15:00Z', note: 'Example Fact Desk rated it "Pants on Fire!"', evidenceRefs: ['review-1'] },
    });
  });

  it('reads a reversed numeric scale and a government author', () => {
    expect(result.claims[1]).toMatchObject({
      stances: [{ sourceId: 'ministry-of-labour', stance: 'asserts', date: '2024-09-30' }],
      evidence: [{ bearing: 'supports', summary: 'Example Fact Desk rated it: Accurate' }],
      resolution: { outcome: 'confirmed', knownOn: '2024-10-01', evidenceRefs: ['review-1'] },
    });
  });

  it('keeps a "misleading" review as context and leaves the claim open', () => {
    const fares = result.claims[2]!;
    expect(fares.resolution).toBeUndefined();
    expect(fares.evidence).toEqual([
      expect.objectContaining({ bearing: 'context', date: '2024-10-05', summary: 'Example Fact Desk rated it: Misleading' }),
    ]);
    expect(fares.stances).toEqual([{ sourceId: 'daily-example', stance: 'asserts', date: '2024-10-02', url: 'https://news.example.com/fares' }]);
  });

  it('registers the claimants with their types', () => {
    expect(result.sources).toEqual([
      { id: 'jordan-example', name: 'Jordan Example', type: 'person' },
      { id: 'ministry-of-labour', name: 'Ministry of Labour', type: 'government' },
      { id: 'daily-example', name: 'Daily Example', type: 'organisation' },
    ]);
    expect(result.notes).toEqual([]);
  });
});

describe('parseClaimReview on a Google Fact Check Tools API response', () => {
  const result = parseClaimReview(fixture('factcheck-tools-api.json'));

  it('turns several agreeing reviews into one resolution citing all of them', () => {
    expect(result.claims[0]).toEqual({
      kind: 'allegation',
      title: 'Drinking hot water cures the flu.',
      statement: 'Drinking hot water cures the flu.',
      resolutionCriteria: CLAIMREVIEW_CRITERIA,
      origin: 'claims[0]',
      stances: [{ sourceId: 'viral-social-media-posts', stance: 'asserts', date: '2024-01-10' }],
      evidence: [
        { ref: 'review-1', date: '2024-01-15', summary: 'Health Check Weekly rated it: False', bearing: 'contradicts', url: 'https://healthcheck.example.com/hot-water-flu', publishedBy: 'Health Check Weekly' },
        { ref: 'review-2', date: '2024-01-12', summary: 'checkers.example.net rated it: Fabricated', bearing: 'contradicts', url: 'https://checkers.example.net/2024/01/flu-water', publishedBy: 'checkers.example.net' },
      ],
      resolution: {
        outcome: 'refuted',
        knownOn: '2024-01-12T16:20:00Z',
        note: 'Health Check Weekly rated it "False"; checkers.example.net rated it "Fabricated"',
        evidenceRefs: ['review-1', 'review-2'],
      },
    });
  });

  it('leaves "Mostly False" open', () => {
    expect(result.claims[1]?.resolution).toBeUndefined();
    expect(result.claims[1]?.stances?.[0]?.sourceId).toBe('mayor-sam-rivera');
  });

  it('leaves a claim open when reviews disagree, with a note', () => {
    const json = JSON.parse(fixture('factcheck-tools-api.json'));
    json.claims[0].claimReview[1].textualRating = 'Correct';
    const { claims, notes } = parseClaimReview(JSON.stringify(json));
    expect(claims[0]?.resolution).toBeUndefined();
    expect(notes).toEqual([{ field: 'claims[0]', message: expect.stringContaining('reviews disagree') }]);
  });
});

describe('rating mapping', () => {
  const cases: Array<[Parameters<typeof judgeRating>[0], string]> = [
    [{ label: 'TRUE' }, 'confirmed'],
    [{ label: 'Correct.' }, 'confirmed'],
    [{ label: 'pants-on-fire' }, 'refuted'],
    [{ label: 'Misleading', value: 1, best: 5, worst: 1 }, 'open'],
    [{ label: 'Mostly true' }, 'open'],
    [{ label: 'Faux' }, 'open'],
    [{ value: 5 }, 'confirmed'],
    [{ value: 4, best: 5, worst: 1 }, 'open'],
    [{ value: 4.2, best: 5, worst: 1 }, 'confirmed'],
    [{ value: 2, best: 5, worst: 1 }, 'open'],
    [{ value: 2, best: 6, worst: 1 }, 'refuted'],
    [{ value: 5, best: 1, worst: 5 }, 'refuted'],
    [{ value: 1, best: 1, worst: 5 }, 'confirmed'],
    [{ value: -1, label: 'Needs context' }, 'open'],
    [{ value: -1 }, 'open'],
    [{ value: 9, best: 5, worst: 1 }, 'open'],
    [{ label: 'True', value: 1, best: 6 }, 'open'],
    [{ label: 'Sin evidencia', value: 1, best: 5, worst: 1 }, 'refuted'],
  ];
  it.each(cases)('%o → %s', (rating, outcome) => {
    expect(judgeRating(rating).outcome).toBe(outcome);
  });
});

describe('parseClaimReview on bare JSON-LD', () => {
  it('reads numeric ratings written as strings, a CreativeWork item and a single object', () => {
    const review = {
      '@context': 'https://schema.org',
      '@type': ['ClaimReview'],
      url: 'https://checks.example.org/1',
      datePublished: '2023-05-02',
      claimReviewed: 'The river froze in May.',
      itemReviewed: { '@type': 'CreativeWork', author: [{ '@type': 'NewsMediaOrganization', name: 'River Times' }], datePublished: '2023-05-01' },
      author: { '@type': 'Organization', url: 'https://www.checks.example.org/' },
      reviewRating: { '@type': 'Rating', ratingValue: '6', bestRating: '1', worstRating: '6' },
    };
    const { claims, sources } = parseClaimReview(JSON.stringify(review));
    expect(sources).toEqual([{ id: 'river-times', name: 'River Times', type: 'media' }]);
    expect(claims[0]?.evidence?.[0]?.summary).toBe('checks.example.org rated it: 6 (worst 6, best 1)');
    expect(claims[0]?.resolution).toEqual({ outcome: 'refuted', knownOn: '2023-05-02', note: 'checks.example.org rated it "6 (worst 6, best 1)"', evidenceRefs: ['review-1'] });
  });
});

describe('parseClaimReview errors', () => {
  it('collects a broken JSON-LD block (with its line) and a review with no claim', () => {
    const html = [
      '<html><head>',
      '<script type="application/ld+json">',
      '{ "@type": "ClaimReview", "reviewRating": { "alternateName": "False" },',
      '  "datePublished": "2024-01-01", }',
      '</script>',
      '<script type="application/ld+json">{"@type": "ClaimReview", "datePublished": "soon", "claimReviewed": "x"}</script>',
      '<script type="application/ld+json">{"@type": "ClaimReview", "datePublished": "2024-01-01"}</script>',
      '</head></html>',
    ].join('\n');
    expect(issuesOf(() => parseClaimReview(html))).toEqual([
      { line: 4, message: expect.stringContaining('invalid JSON') },
      { line: 6, field: 'script[1].datePublished', message: '"soon" is not a date' },
      { line: 7, field: 'script[2].claimReviewed', message: 'the review names no claim' },
    ]);
  });

  it('rejects input with no ClaimReview at all', () => {
    expect(issuesOf(() => parseClaimReview('{"@type": "NewsArticle"}'))).toEqual([{ message: 'no ClaimReview found' }]);
  });
});
