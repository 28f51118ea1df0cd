import { describe, expect, it } from 'vitest';
import { METACULUS_SOURCE, importMetaculus, parseMetaculusJson } from '../../src/interop/metaculus.js';
import { fixture, issuesOf } from './fixtures.js';

const post = () => JSON.parse(fixture('metaculus-post-resolved-no.json')) as Record<string, any>;

/** A small question in the older api2 shape. */
const api2 = (overrides: Record<string, unknown> = {}) => ({
  id: 25770,
  title: 'Will the ferry service restart before 2025?',
  created_time: '2024-07-01T13:46:12.479741Z',
  publish_time: '2024-07-01T00:00:00Z',
  close_time: '2024-12-01T00:00:00Z',
  resolve_time: '2024-12-31T00:00:00Z',
  possibilities: { type: 'binary' },
  resolution: 1.0,
  community_prediction: {
    history: [
      { t: 1719900000.5, np: 3, nu: 3, x1: { q1: 0.4, q2: 0.55, q3: 0.7 } },
      { t: 1720000000, np: 5, nu: 4, x1: { q1: 0.5, q2: 0.62, q3: 0.75 } },
    ],
  },
  description: '',
  resolution_criteria: 'Resolves Yes if a scheduled ferry sails.',
  fine_print: '',
  categories: [],
  ...overrides,
});

describe('parseMetaculusJson on a /api/posts/{id}/ question', () => {
  const result = parseMetaculusJson(fixture('metaculus-post-resolved-no.json'));

  it('imports it as a resolved prediction with its community history', () => {
    expect(result.sources).toEqual([METACULUS_SOURCE]);
    expect(result.claims).toEqual([
      {
        id: 'metaculus-31870',
        kind: 'prediction',
        title: 'Will the Artemis II crewed lunar flyby launch before 1 January 2025?',
        statement: 'Will the Artemis II crewed lunar flyby launch before 1 January 2025?',
        resolutionCriteria: 'This question resolves **Yes** if Artemis II launches before 1 January 2025.\n\nA launch is the moment of liftoff, per NASA.',
        details: "NASA's Artemis II mission will carry four astronauts around the Moon.",
        tags: ['Space', 'Technology'],
        deadline: '2025-01-01T00:00:00Z',
        openedAt: '2024-03-02T00:00:00Z',
        forecasts: [
          { sourceId: 'metaculus', probability: 0.3, madeAt: '2024-03-04T00:00:00Z', imported: { platform: 'metaculus' } },
          { sourceId: 'metaculus', probability: 0.2, madeAt: '2024-03-05T00:00:00.250Z', imported: { platform: 'metaculus' } },
          { sourceId: 'metaculus', probability: 0.1, madeAt: '2024-06-01T00:00:00Z', imported: { platform: 'metaculus' } },
          { sourceId: 'metaculus', probability: 0.03, madeAt: '2024-12-01T00:00:00.500Z', imported: { platform: 'metaculus' } },
        ],
        resolution: { outcome: 'refuted', knownOn: '2025-01-02T08:30:00Z', note: 'Resolved "no" on Metaculus.' },
      },
    ]);
  });

  it('notes the points that shared a timestamp', () => {
    expect(result.notes).toEqual([
      { field: 'question.aggregations.recency_weighted.history', message: expect.stringMatching(/^1 community-prediction point repeated/) },
    ]);
  });

  it('maps every binary resolution', () => {
    const outcomes = ['yes', 'no', 'annulled', 'ambiguous', null].map((resolution) => {
      const json = post();
      json.question.resolution = resolution;
      return importMetaculus(json).claims[0]?.resolution?.outcome ?? 'open';
    });
    expect(outcomes).toEqual(['confirmed', 'refuted', 'annulled', 'annulled', 'open']);
  });

  it('adds the latest aggregate when the history does not hold it', () => {
    const json = post();
    json.question.aggregations.recency_weighted.latest.start_time = 1735000000;
    expect(importMetaculus(json).claims[0]?.forecasts?.at(-1)).toEqual({ sourceId: 'metaculus', probability: 0.03, madeAt: '2024-12-24T00:26:40Z', imported: { platform: 'metaculus' } });
  });
});

describe('parseMetaculusJson on the older api2 shape and on lists', () => {
  it('reads api2 history medians and numeric resolutions', () => {
    const { claims } = importMetaculus(api2());
    expect(claims[0]).toEqual({
      id: 'metaculus-25770',
      kind: 'prediction',
      title: 'Will the ferry service restart before 2025?',
      statement: 'Will the ferry service restart before 2025?',
      resolutionCriteria: 'Resolves Yes if a scheduled ferry sails.',
      deadline: '2024-12-31T00:00:00Z',
      openedAt: '2024-07-01T00:00:00Z',
      forecasts: [
        { sourceId: 'metaculus', probability: 0.55, madeAt: '2024-07-02T06:00:00.500Z', imported: { platform: 'metaculus' } },
        { sourceId: 'metaculus', probability: 0.62, madeAt: '2024-07-03T09:46:40Z', imported: { platform: 'metaculus' } },
      ],
      resolution: { outcome: 'confirmed', knownOn: '2024-12-31T00:00:00Z', note: 'Resolved 1 on Metaculus.' },
    });
  });

  it('accepts an array or { results } of questions', () => {
    const list = [post(), api2({ resolution: null, community_prediction: { history: [] } })];
    expect(importMetaculus(list).claims.map((c) => c.id)).toEqual(['metaculus-31870', 'metaculus-25770']);
    expect(importMetaculus({ results: list }).claims).toHaveLength(2);
    expect(importMetaculus([api2({ community_prediction: { history: [] } })]).sources).toEqual([]);
  });
});

describe('parseMetaculusJson errors', () => {
  it('rejects an unknown question type, naming the field, and collects all problems', () => {
    const poll = post();
    poll.question.type = 'poll';
    const broken = post();
    broken.question.resolution = 'above_upper_bound';
    broken.question.aggregations.recency_weighted.history[1].forecast_values = [0.2, 1.8];
    broken.question.open_time = 'last tuesday';
    const untyped = post();
    delete untyped.question.type;
    const issues = issuesOf(() => importMetaculus({ results: [untyped, broken, api2({ possibilities: { type: 'continuous' } }), { hello: 1 }] }));
    expect(issues.map((i) => i.field)).toEqual([
      'results[0].question.type',
      'results[1].question.open_time',
      'results[1].question.aggregations.recency_weighted.history[1]',
      'results[1].question.resolution',
      'results[3]',
    ]);
    expect(issues[0]?.message).toBe('null is not a question type (binary, multiple_choice, numeric, date or discrete)');
    expect(importMetaculus([poll]).notes).toEqual([{ field: '[0].question.type', message: expect.stringContaining('a question of type "poll" cannot be represented') }]);
  });

  it('skips an api2 continuous question with a note (its shape has no CDFs)', () => {
    expect(importMetaculus([api2({ possibilities: { type: 'continuous' } })]).notes).toEqual([
      { field: '[0].possibilities.type', message: expect.stringContaining('api2 shape of a continuous question') },
    ]);
  });

  it('rejects group posts', () => {
    expect(issuesOf(() => importMetaculus({ id: 5, title: 'Group', group_of_questions: { questions: [] } }))).toEqual([
      { field: 'question', message: expect.stringContaining('no single question') },
    ]);
  });

  it('reports the line of a JSON syntax error', () => {
    expect(issuesOf(() => parseMetaculusJson('{\n  "id": 1,\n  "title": "x",\n}'))).toEqual([
      { line: 4, message: expect.stringContaining('invalid JSON') },
    ]);
  });
});
