import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  CLAIMS_CSV_COLUMNS, CLAIMS_CSV_HEADER, FORECASTS_CSV_HEADER,
  claimToCsvLine, claimsToCsv, forecastToCsvLine, forecastsToCsv,
} from '../../src/interop/export-csv.js';
import { formatCsvField } from '../../src/interop/csv-write.js';
import { CLAIMS, FORECASTS } from './export-samples.js';

const read = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe('forecastsToCsv', () => {
  const csv = forecastsToCsv(FORECASTS);

  it('writes a pandas-friendly table that parses back exactly', () => {
    expect(csv.startsWith('claim_id,claim_title,kind,source_id,source_name,probability,made_at,backfilled,retracted,status,outcome,resolved_on,probabilities,cdf\r\n')).toBe(true);
    expect(read(csv)).toEqual([
      { claim_id: 'boe-cut', claim_title: 'BoE cut', kind: 'prediction', source_id: 'alice', source_name: 'Alice, the "Owl"', probability: '0.7', made_at: '2025-01-10T09:00:00Z', backfilled: 'false', retracted: 'false', status: 'confirmed', outcome: '1', resolved_on: '2025-02-06', probabilities: '', cdf: '' },
      { claim_id: 'boe-cut', claim_title: 'BoE cut', kind: 'prediction', source_id: 'bob', source_name: 'Bob', probability: '0.125', made_at: '2025-01-12T13:30:00Z', backfilled: 'true', retracted: 'true', status: 'confirmed', outcome: '1', resolved_on: '2025-02-06', probabilities: '', cdf: '' },
      { claim_id: 'eclipse', claim_title: 'Eclipse\nvisible', kind: 'prediction', source_id: 'carol', source_name: 'Carol', probability: '0.4', made_at: '2025-03-01T00:00:00Z', backfilled: 'false', retracted: 'false', status: 'open', outcome: '', resolved_on: '', probabilities: '', cdf: '' },
    ]);
  });

  it('is the header plus one streamable line per record', () => {
    expect(csv).toBe(FORECASTS_CSV_HEADER + FORECASTS.map(forecastToCsvLine).join(''));
    expect(forecastToCsvLine(FORECASTS[0]!)).toBe('boe-cut,BoE cut,prediction,alice,"Alice, the ""Owl""",0.7,2025-01-10T09:00:00Z,false,false,confirmed,1,2025-02-06,,\r\n');
  });
});

describe('claimsToCsv', () => {
  const csv = claimsToCsv(CLAIMS);

  it('writes one row per claim that parses back', () => {
    const rows = read(csv);
    expect(Object.keys(rows[0]!)).toEqual([...CLAIMS_CSV_COLUMNS]);
    expect(rows[0]).toEqual({
      id: 'bridge-reopening',
      kind: 'allegation',
      title: 'Bridge reopening',
      statement: 'The mayor said the Riverside bridge will reopen in March, "without delay".',
      resolution_criteria: 'Confirmed if the bridge reopens during March 2025,\nrefuted otherwise.',
      details: '',
      tags: 'transport; city',
      deadline: '',
      check_by: '2025-04-01',
      status: 'refuted',
      outcome: 'refuted',
      known_on: '2025-04-01',
      resolution_note: 'Still closed on 1 April.',
      created_at: '2025-01-20T10:00:00Z',
      asserted_by: 'City Hall',
      denied_by: 'Local Gazette',
      question_type: 'binary', options: '', ordered: '', range_min: '', range_max: '', range_open_lower: '', range_open_upper: '', range_scale: '', resolution_value: '',
    });
    expect(rows.map((r) => [r.id, r.status, r.outcome])).toEqual([
      ['bridge-reopening', 'refuted', 'refuted'],
      ['river-clean', 'confirmed', 'confirmed'],
      ['boe-cut', 'confirmed', 'confirmed'],
      ['tunnel-sale', 'open', ''],
    ]);
    expect(csv).toBe(CLAIMS_CSV_HEADER + CLAIMS.map(claimToCsvLine).join(''));
  });
});

describe('formatCsvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['', ''],
    [null, ''],
    [0, '0'],
    [false, 'false'],
  ])('%j → %j', (value, expected) => {
    expect(formatCsvField(value)).toBe(expected);
  });
});

describe('the question columns (issue 17)', () => {
  const base = { ...CLAIMS[0]!, stances: [] };
  it('writes a multiple-choice claim with its options as JSON and its resolution value', () => {
    const [row] = read(claimsToCsv([{ ...base, questionType: 'multiple-choice', options: ['A, "quoted"', 'B'], ordered: true, status: 'resolved', resolution: { outcome: 'resolved', value: 'B', knownOn: '2025-04-01' } }]));
    expect(row).toMatchObject({ question_type: 'multiple-choice', ordered: 'true', outcome: 'resolved', resolution_value: '"B"', range_min: '' });
    expect(JSON.parse(row!.options!)).toEqual(['A, "quoted"', 'B']);
  });

  it('writes a date range as instants and a CDF forecast with a blank probability', () => {
    const [claim] = read(claimsToCsv([{ ...base, questionType: 'date', range: { min: '2025-01-01T00:00:00.000Z', max: '2026-01-01T00:00:00.000Z', openLower: false, openUpper: true, scale: 'linear' }, resolution: null }]));
    expect(claim).toMatchObject({ question_type: 'date', range_min: '2025-01-01T00:00:00.000Z', range_open_lower: 'false', range_open_upper: 'true', range_scale: 'linear', resolution_value: '' });
    const cdf = Array.from({ length: 201 }, (_, i) => i / 200);
    const [forecast] = read(forecastsToCsv([{ ...FORECASTS[0]!, probability: null, cdf }]));
    expect(forecast).toMatchObject({ probability: '', probabilities: '' });
    expect(JSON.parse(forecast!.cdf!)).toEqual(cdf);
  });
});
