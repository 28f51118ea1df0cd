import { describe, expect, it } from 'vitest';
import { laterFields, writtenAt } from '../../web/js/pages/claim-as-of.js';

const claim = {
  createdAt: '2026-01-01T00:00:00Z',
  title: 'T',
  statement: 'S',
  resolutionCriteria: 'C',
  details: 'D, edited',
  revisions: [
    { revision: 1, changed: [], recordedAt: '2026-01-01T00:00:00Z' },
    { revision: 2, changed: ['details'], recordedAt: '2026-03-01T00:00:00Z' },
  ],
};

describe('text written after the as-of date', () => {
  it('dates each field by the last revision that changed it', () => {
    expect(writtenAt(claim, 'statement')).toBe('2026-01-01T00:00:00Z');
    expect(writtenAt(claim, 'details')).toBe('2026-03-01T00:00:00Z');
  });

  it('lists the fields written after the date, nothing outside the as-of view, and the API’s own list when it sends one', () => {
    expect(laterFields({ ...claim, asOf: '2026-02-01T23:59:59Z' }, '2026-02-01')).toEqual(['details']);
    expect(laterFields({ ...claim, asOf: '2025-06-01T23:59:59Z' }, '2025-06-01')).toEqual(['title', 'statement', 'resolutionCriteria', 'details']);
    expect(laterFields(claim, null)).toEqual([]);
    expect(laterFields({ ...claim, writtenAfterAsOf: ['statement'] }, '2025-06-01')).toEqual(['statement']);
  });
});
