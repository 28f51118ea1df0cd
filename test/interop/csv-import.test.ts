import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/interop/errors.js';
import { parseReckonCsv } from '../../src/interop/csv-import.js';
import { fixture, issuesOf } from './fixtures.js';

const MAP = {
  question: 'Claim',
  criteria: 'How it resolves',
  tags: 'Labels',
  source: 'Forecaster',
  probability: 'Confidence',
  stance: 'Position',
  date: 'Stance date',
  outcome: 'Result',
} as const;

const HEADER = 'question,kind,criteria,deadline,source,probability,made at,outcome,resolved on';

describe('parseReckonCsv on a spreadsheet with mapped headers', () => {
  const bundle = parseReckonCsv(fixture('reckon-mapped.csv'), { map: MAP });

  it('registers each named source once, with its type', () => {
    expect(bundle.sources).toEqual([
      { id: 'alice-smith', name: 'Alice Smith', type: 'forecaster' },
      { id: 'bob-jones', name: 'Bob Jones', type: 'forecaster' },
      { id: 'carol-diaz', name: 'Carol Díaz', type: 'forecaster' },
      { id: 'city-hall', name: 'City Hall', type: 'government' },
      { id: 'local-gazette', name: 'Local Gazette', type: 'media' },
    ]);
  });

  it('groups rows by id and reads every probability and date form', () => {
    expect(bundle.claims[0]).toEqual({
      id: 'boe-cut-feb-2025',
      kind: 'prediction',
      title: 'BoE cut in February',
      statement: 'Will the Bank of England cut Bank Rate at its February 2025 meeting?',
      resolutionCriteria: "Confirmed if the MPC announces a cut on 6 February 2025, per the Bank's own statement.",
      tags: ['economy', 'uk'],
      deadline: '2025-02-06',
      forecasts: [
        { sourceId: 'alice-smith', probability: 0.7, madeAt: '2025-01-10T09:00:00Z' },
        { sourceId: 'bob-jones', probability: 0.55, madeAt: '2025-01-12T13:30:00Z' },
        { sourceId: 'alice-smith', probability: 0.8, madeAt: '2025-01-20T00:00:00Z' },
      ],
      resolution: { outcome: 'confirmed', knownOn: '2025-02-06' },
      origin: 'line 2',
    });
  });

  it('keeps a multi-line cell and counts lines from where the record starts', () => {
    const eclipse = bundle.claims[1]!;
    expect(eclipse.title).toBe(eclipse.statement);
    expect(eclipse.resolutionCriteria).toBe('Confirmed if the eclipse is observed from Madrid.\nRefuted if cloud cover hides it for the whole event.');
    expect(eclipse.deadline).toBe('2026-08-12T20:00:00Z');
    expect(eclipse.forecasts?.map((f) => f.probability)).toEqual([0.4, 0.35]);
    expect(eclipse.origin).toBe('line 5');
    expect(eclipse.resolution).toBeUndefined();
  });

  it('groups id-less rows by question into an allegation with stances', () => {
    expect(bundle.claims[2]).toEqual({
      kind: 'allegation',
      title: 'Bridge reopening',
      statement: 'The mayor said the Riverside bridge will reopen in March 2025.',
      resolutionCriteria: 'Confirmed if the bridge reopens to traffic during March 2025; refuted otherwise.',
      tags: ['transport'],
      stances: [
        { sourceId: 'city-hall', stance: 'asserts', date: '2025-01' },
        { sourceId: 'local-gazette', stance: 'denies', date: '2025-01-15' },
      ],
      resolution: { outcome: 'refuted', knownOn: '2025-04-01' },
      origin: 'line 8',
    });
    expect(bundle.claims).toHaveLength(3);
  });
});

describe('parseReckonCsv errors', () => {
  it('names the line and column of a bad probability', () => {
    const csv = [
      HEADER,
      'Will it snow?,prediction,Snow at Heathrow,2025-12-25,Ann,0.2,2025-12-01,,',
      'Will it snow?,prediction,Snow at Heathrow,2025-12-25,Ben,30%,2025-12-02,,',
      'Will it snow?,prediction,Snow at Heathrow,2025-12-25,Cat,maybe,2025-12-03,,',
    ].join('\n');
    expect(issuesOf(() => parseReckonCsv(csv))).toEqual([
      { line: 4, field: 'probability', message: expect.stringContaining('"maybe" is not a probability') },
    ]);
  });

  it('collects every problem in the file, not just the first', () => {
    const csv = [
      HEADER,
      'Will it snow?,prediction,Snow at Heathrow,2025-13-25,Ann,120,2025-12-01,,',
      '"Multi',
      'line",prediction,crit,2025-12-25,Ben,0.5,yesterday,,',
      'Will it thaw?,guess,crit,2026-01-10,,0.5,2026-01-01,confirmed,',
    ].join('\r\n');
    const issues = issuesOf(() => parseReckonCsv(csv));
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'deadline'],
      [2, 'probability'],
      [3, 'made at'],
      [5, 'kind'],
      [5, 'source'],
      [5, 'resolved on'],
    ]);
  });

  it('rejects rows of one claim that disagree, naming both lines', () => {
    const csv = [
      'id,' + HEADER,
      'c1,Will it snow?,prediction,Snow at Heathrow,2025-12-25,Ann,0.2,2025-12-01,,',
      'c1,Will it snow?,prediction,Snow at Heathrow,2025-12-26,Ben,0.3,2025-12-02,,',
    ].join('\n');
    expect(issuesOf(() => parseReckonCsv(csv))).toEqual([
      { line: 3, field: 'deadline', message: '"2025-12-26" disagrees with "2025-12-25" on line 2 for the same claim' },
    ]);
  });

  it('reports unknown and missing columns against the header line', () => {
    const issues = issuesOf(() => parseReckonCsv('question,notes\nWill it snow?,x\n'));
    expect(issues).toEqual([
      { line: 1, field: 'notes', message: expect.stringContaining('unknown column "notes"') },
      { line: 1, field: 'criteria', message: 'missing required column "criteria"' },
    ]);
    expect(() => parseReckonCsv('question,criteria,notes\nQ,C,x\n', { unknownColumns: 'ignore' })).toThrow(/deadline/);
  });

  it('rejects ids that are not URL-safe slugs', () => {
    const csv = ['id,' + HEADER, 'Claim 1,Will it snow?,prediction,Snow at Heathrow,2025-12-25,Ann,0.2,2025-12-01,,'].join('\n');
    expect(issuesOf(() => parseReckonCsv(csv))).toEqual([{ line: 2, field: 'id', message: expect.stringContaining('"Claim 1" is not a valid id') }]);
  });

  it('still checks the rows when the header only has an unknown column', () => {
    const issues = issuesOf(() => parseReckonCsv('question,criteria,deadline,notes\nWill it snow?,Snow,2025-02-30,x\n'));
    expect(issues.map((i) => [i.line, i.field])).toEqual([[1, 'notes'], [2, 'deadline']]);
  });

  it('reports a row with the wrong number of cells and an unclosed quote', () => {
    expect(issuesOf(() => parseReckonCsv('question,criteria,kind\nQ,C,allegation,extra\n'))).toEqual([
      { line: 2, message: 'the row has 4 cells but the header has 3' },
    ]);
    const error = issuesOf(() => parseReckonCsv('question,criteria\n"Q,C\n'));
    expect(error[0]?.message).toMatch(/CSV syntax error/);
  });

  it('throws ImportError (an Error) with a readable message', () => {
    const run = () => parseReckonCsv('');
    expect(run).toThrow(ImportError);
    expect(run).toThrow(/line 1: the file is empty/);
  });
});
