/**
 * Issue 17: Metaculus multiple-choice, numeric and date questions import with their options or
 * range, their aggregation history as vectors or CDFs and their resolution value; what Reckon
 * cannot represent is skipped with a note per question. Fixtures are Metaculus's own storybook
 * posts (front_end/src/stories/feed_card/*_question/mock_data.ts), trimmed.
 */
import { describe, expect, it } from 'vitest';
import { importMetaculus } from '../../src/interop/metaculus.js';
import { fixture, issuesOf } from './fixtures.js';

const load = (name: string) => JSON.parse(fixture(`metaculus-post-${name}.json`)) as Record<string, any>;

describe('a numeric question', () => {
  const result = importMetaculus(load('numeric'));
  const claim = result.claims[0]!;

  it('keeps its range, its CDF and its resolution value', () => {
    expect(claim).toMatchObject({
      id: 'metaculus-38664',
      questionType: 'numeric',
      range: { min: 0, max: 53, openLower: false, openUpper: false, scale: 'linear' },
      resolution: { value: 10, knownOn: '2025-09-01T05:00:00Z' },
    });
    expect(claim.forecasts).toHaveLength(1);
    expect(claim.forecasts![0]!.cdf).toHaveLength(201);
    expect(claim.forecasts![0]!.madeAt).toBe('2025-07-25T11:45:46.823Z');
  });

  it('notes the history points that carried only the median', () => {
    expect(result.notes).toEqual([
      { field: 'question.aggregations.recency_weighted', message: '3 community-prediction points carried no forecast_values (only the median); skipped' },
    ]);
  });

  it('maps out-of-range resolutions and a log scale with zero_point 0', () => {
    const post = load('numeric');
    Object.assign(post.question.scaling, { range_min: 1000, range_max: 100000, zero_point: 0, open_upper_bound: true });
    post.question.resolution = 'above_upper_bound';
    expect(importMetaculus(post).claims[0]).toMatchObject({
      range: { min: 1000, max: 100000, openUpper: true, scale: 'log' },
      resolution: { value: 'above-range' },
    });
  });
});

describe('a date question', () => {
  const claim = importMetaculus(load('date')).claims[0]!;

  it('gives its range as instants and is open while unresolved', () => {
    expect(claim).toMatchObject({
      questionType: 'date',
      range: { min: '2020-08-25T00:00:00Z', max: '2199-12-25T00:00:00Z', openLower: false, openUpper: true, scale: 'linear' },
    });
    expect(claim.resolution).toBeUndefined();
    expect(claim.forecasts!.at(-1)!.cdf).toHaveLength(201);
  });

  it('reads an ISO resolution as an instant', () => {
    const post = load('date');
    post.question.resolution = '2031-05-04';
    post.question.actual_resolve_time = '2031-05-05T10:00:00Z';
    expect(importMetaculus(post).claims[0]!.resolution).toMatchObject({ value: '2031-05-04T00:00:00Z', knownOn: '2031-05-05T10:00:00Z' });
  });
});

describe('a multiple-choice question', () => {
  const post = load('multiple-choice');
  const claim = importMetaculus(post).claims[0]!;

  it('keeps its options and its history as one probability per option', () => {
    expect(claim).toMatchObject({ questionType: 'multiple-choice', options: ['2025', '2026', '2027', '2028', '2029', '≥2030'] });
    const history = post.question.aggregations.recency_weighted.history;
    expect(claim.forecasts).toHaveLength(history.length);
    expect(claim.forecasts![0]!.probabilities).toEqual(history[0].centers);
    expect(claim.forecasts!.at(-1)!.probabilities).toEqual(post.question.aggregations.recency_weighted.latest.forecast_values);
  });

  it('resolves to an option label; annulled stays annulled', () => {
    const resolved = load('multiple-choice');
    resolved.question.resolution = '2029';
    resolved.question.actual_resolve_time = '2029-11-02T00:00:00Z';
    expect(importMetaculus(resolved).claims[0]!.resolution).toMatchObject({ value: '2029', knownOn: '2029-11-02T00:00:00Z' });
    resolved.question.resolution = 'annulled';
    expect(importMetaculus(resolved).claims[0]!.resolution).toMatchObject({ outcome: 'annulled' });
  });
});

describe('what Reckon cannot represent is skipped with a note, and the rest imports', () => {
  const discrete = load('numeric');
  discrete.question.type = 'discrete';
  const zero = load('numeric');
  zero.id = 2;
  zero.question.scaling.zero_point = -5;
  const changed = load('multiple-choice');
  changed.id = 3;
  changed.question.options_history = [['0001-01-01T00:00:00', ['a', 'b']], ['2025-07-01T00:00:00', changed.question.options]];
  const fine = load('multiple-choice');
  const result = importMetaculus({ results: [discrete, zero, changed, fine] });

  it('imports the representable one', () => {
    expect(result.claims.map((c) => c.id)).toEqual(['metaculus-38601']);
  });

  it('says why each other one was skipped', () => {
    expect(result.notes.map((n) => [n.field, n.message])).toEqual([
      ['results[0].question.type', expect.stringContaining('discrete question')],
      ['results[1].question.type', expect.stringContaining('zero_point -5 is not representable')],
      ['results[2].question.type', expect.stringContaining('options changed over time')],
    ]);
  });

  it('a file of refused questions only is not an error: it says what it skipped', () => {
    expect(importMetaculus(discrete)).toMatchObject({ claims: [], notes: [{ message: expect.stringContaining('discrete') }] });
  });
});

describe('problems in a value question name their JSON path', () => {
  it('a CDF of the wrong length and an unreadable resolution', () => {
    const post = load('numeric');
    post.question.aggregations.recency_weighted.latest.forecast_values = [0, 0.5, 1];
    post.question.resolution = 'lots';
    expect(issuesOf(() => importMetaculus(post))).toEqual([
      { field: 'question.aggregations.recency_weighted.latest', message: 'forecast_values is not a CDF of 201 numbers' },
      { field: 'question.resolution', message: '"lots" is not a numeric resolution' },
    ]);
  });
});
