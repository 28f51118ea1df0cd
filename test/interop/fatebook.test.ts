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
    expect(result.claims).toEqual([
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

  it('skips a multiple-choice question with a note', () => {
    expect(result.notes).toEqual([
      {
        line: 8,
        field: 'Multiple choice option',
        message: 'skipped multiple-choice question "Which crew wins the 2025 Boat Race?" (2 rows): only binary questions are imported',
      },
    ]);
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
