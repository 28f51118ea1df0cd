import { describe, expect, it } from 'vitest';
import { parseFatebookCsv } from '../../src/interop/fatebook.js';
import { fixture, issuesOf } from './fixtures.js';

const HEADER_17 = fixture('fatebook-export.csv').split('\n')[0]!;

describe('parseFatebookCsv on a 17-column export', () => {
  const result = parseFatebookCsv(fixture('fatebook-export.csv'));

  it('makes forecasters sources of type forecaster', () => {
    expect(result.sources).toEqual([
      { id: 'alice-smith', name: 'Alice Smith', type: 'forecaster' },
      { id: 'bob-jones', name: 'Bob Jones', type: 'forecaster' },
    ]);
  });

  it('groups rows into questions, reading unpadded seconds as UTC', () => {
    expect(result.claims.filter((c) => !c.questionType)).toEqual([
      {
        id: 'fatebook-will-it-rain-in-london-on-16-jan-2025-20250115034905',
        kind: 'prediction',
        title: 'Will it rain in London on 16 Jan 2025?',
        statement: 'Will it rain in London on 16 Jan 2025?',
        resolutionCriteria: 'As resolved on Fatebook by Alice Smith.',
        openedAt: '2025-01-15T03:49:05Z',
        deadline: '2025-01-16T00:00:00Z',
        details: 'Met Office says 60%, "heavy at times"',
        tags: ['weather', 'london'],
        forecasts: [
          { sourceId: 'alice-smith', probability: 0.6, madeAt: '2025-01-15T03:50:45Z', imported: { platform: 'fatebook' } },
          { sourceId: 'bob-jones', probability: 0.45, madeAt: '2025-01-15T10:12:03Z', imported: { platform: 'fatebook' } },
        ],
        resolution: { outcome: 'confirmed', knownOn: '2025-01-16T18:02:07Z' },
        origin: 'line 2',
      },
      {
        id: 'fatebook-will-the-eurostar-strike-go-ahead-20241209011202',
        kind: 'prediction',
        title: 'Will the Eurostar strike go ahead?',
        statement: 'Will the Eurostar strike go ahead?',
        resolutionCriteria: 'As resolved on Fatebook by Bob Jones.',
        openedAt: '2024-12-09T01:12:02Z',
        deadline: '2024-12-20T00:00:00Z',
        forecasts: [
          { sourceId: 'bob-jones', probability: 0.3, madeAt: '2024-12-09T01:12:02Z', imported: { platform: 'fatebook' } },
          { sourceId: 'alice-smith', probability: 0.25, madeAt: '2024-12-10T08:00:59Z', imported: { platform: 'fatebook' } },
          { sourceId: 'bob-jones', probability: 0.1, madeAt: '2024-12-18T22:05:01Z', imported: { platform: 'fatebook' } },
        ],
        resolution: { outcome: 'refuted', knownOn: '2024-12-21T09:30:00Z' },
        origin: 'line 4',
      },
      {
        id: 'fatebook-will-i-finish-the-marathon-in-under-4-ho-20250301120000',
        kind: 'prediction',
        title: 'Will I finish the marathon in under 4 hours?',
        statement: 'Will I finish the marathon in under 4 hours?',
        resolutionCriteria: 'As resolved on Fatebook by Alice Smith.',
        openedAt: '2025-03-01T12:00:00Z',
        deadline: '2033-03-22T04:00:00Z',
        tags: ['running'],
        forecasts: [{ sourceId: 'alice-smith', probability: 0.35, madeAt: '2025-03-01T12:00:00Z', imported: { platform: 'fatebook' } }],
        origin: 'line 7',
      },
    ]);
  });

  it('imports a multiple-choice question (issue 17), its options in first-seen order', () => {
    expect(result.claims.find((c) => c.questionType)).toMatchObject({
      title: 'Which crew wins the 2025 Boat Race?',
      questionType: 'multiple-choice',
      options: ['Oxford', 'Cambridge'],
      forecasts: [{ sourceId: 'alice-smith', probabilities: [0.55, 0.45], madeAt: '2025-03-02T09:00:00Z', imported: { platform: 'fatebook' } }],
      origin: 'line 8',
    });
    expect(result.notes).toEqual([]);
  });
});

describe('parseFatebookCsv on multiple-choice questions', () => {
  const result = parseFatebookCsv(fixture('fatebook-export-multiple-choice.csv'));
  const [claim] = result.claims;

  it('makes one forecast per submission once every option has a probability, "Other" holding the rest', () => {
    expect(claim).toMatchObject({
      id: 'fatebook-who-wins-eurovision-2025-20250401095812',
      options: ['Sweden', 'Austria', 'Israel', 'Other'],
      deadline: '2025-05-17T23:00:00Z',
      tags: ['music', 'europe'],
      details: 'Final in Basel',
    });
    expect(claim!.forecasts!.map((f) => [f.sourceId, f.madeAt, f.probabilities!.map((p) => Number(p.toFixed(12)))])).toEqual([
      ['alice-smith', '2025-04-01T10:00:00Z', [0.5, 0.3, 0.2, 0]],
      ['bob-jones', '2025-04-04T08:00:00Z', [0.4, 0.25, 0.25, 0.1]],
      ['alice-smith', '2025-05-10T20:00:00Z', [0.35, 0.45, 0.2, 0]],
    ]);
  });

  it('resolves to the option marked YES, known when Fatebook resolved it', () => {
    expect(claim!.resolution).toEqual({ value: 'Austria', knownOn: '2025-05-18T00:30:00Z' });
  });

  it("notes Bob's incomplete first submission and skips the non-exclusive question (options summing over 100 %)", () => {
    expect(result.claims).toHaveLength(1);
    expect(result.notes).toEqual([
      { line: 2, field: 'Multiple choice option', message: expect.stringContaining('1 forecast made before the forecaster had given every option a probability') },
      { line: 10, field: 'Multiple choice option', message: expect.stringContaining('its options sum to 130 % (line 11)') },
    ]);
  });

  it('reads every option NO as the implicit OTHER', () => {
    const text = fixture('fatebook-export-multiple-choice.csv').replace(/"YES"/g, '"NO"');
    expect(parseFatebookCsv(text).claims[0]!.resolution).toEqual({ value: 'Other', knownOn: '2025-05-18T00:30:00Z' });
  });
});

describe('parseFatebookCsv on the older 15-column export', () => {
  it('reads "Question resolution" and falls back to the resolve-by date', () => {
    const { claims } = parseFatebookCsv(fixture('fatebook-export-15-columns.csv'));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      id: 'fatebook-will-the-new-library-open-before-june-20230402174400',
      deadline: '2023-06-01T00:00:00Z',
      resolution: { outcome: 'annulled', knownOn: '2023-06-01T00:00:00Z' },
      forecasts: [
        { sourceId: 'dana-lee', probability: 0.8, madeAt: '2023-04-02T17:45:09Z', imported: { platform: 'fatebook' } },
        { sourceId: 'dana-lee', probability: 0.9, madeAt: '2023-05-20T08:01:10Z', imported: { platform: 'fatebook' } },
      ],
    });
    expect(claims[0]?.tags).toBeUndefined();
  });
});

describe('parseFatebookCsv errors', () => {
  const row = (forecast: string, resolveBy = '2025-02-01 00:00:0', resolution = '') =>
    `"Q?",,"Ann",${forecast},2025-01-02 10:00:0,"Ann",2025-01-01 09:00:0,${resolveBy},${resolution},,,,,"",false,"",""`;

  it('collects every bad cell with its line and column', () => {
    const csv = [HEADER_17, row('0.5'), row('70'), row('0.4', '2025-02-30 00:00:0'), row('', '2025-02-01 00:00:0', '"MAYBE"')].join('\n');
    expect(issuesOf(() => parseFatebookCsv(csv)).map((i) => [i.line, i.field])).toEqual([
      [3, 'Forecast (scale = 0-1)'],
      [4, 'Question resolve by'],
      [5, 'Resolution'],
      [5, 'Forecast (scale = 0-1)'],
    ]);
  });

  it('names the line where a question field changes between rows', () => {
    const csv = [HEADER_17, row('0.5'), row('0.6', '2025-03-01 00:00:0')].join('\n');
    expect(issuesOf(() => parseFatebookCsv(csv))).toEqual([
      { line: 3, field: 'Question resolve by', message: '"2025-03-01T00:00:00Z" disagrees with "2025-02-01T00:00:00Z" on line 2 for the same claim' },
    ]);
  });

  it('rejects a file that is not a Fatebook export', () => {
    expect(issuesOf(() => parseFatebookCsv('question,criteria\nQ,C\n')).map((i) => i.field)).toEqual([
      'Question title', 'Forecast created by', 'Forecast (scale = 0-1)', 'Forecast created at',
      'Question created at', 'Question resolve by', 'Resolution',
    ]);
  });

  it('gives questions sharing a title distinct ids stamped with their creation time', () => {
    const other = row('0.5').replace('2025-01-01 09:00:0', '2025-01-05 09:00:0');
    const { claims } = parseFatebookCsv([HEADER_17, row('0.5'), other].join('\n'));
    expect(claims.map((c) => c.id)).toEqual(['fatebook-q-20250101090000', 'fatebook-q-20250105090000']);
  });
});
