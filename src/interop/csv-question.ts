/**
 * The CSV columns of questions that are not yes/no (issue 17), written by export-csv.ts and read
 * back by csv-reimport.ts. Claims: `question_type` (binary, multiple-choice, numeric, date),
 * `options` (a JSON array of labels, so a label may hold any character), `ordered`, the range
 * as `range_min`, `range_max` (numbers, or ISO instants for dates), `range_open_lower`,
 * `range_open_upper` (true/false) and `range_scale`, and `resolution_value` (JSON: the option's
 * label, the number, the instant, or "below-range"/"above-range"). Forecasts: `probabilities`
 * and `cdf` as JSON arrays, `probability` blank. A yes/no claim leaves them all blank except
 * `question_type`. JSON cells load with `json.loads` in pandas.
 */
import type { ImportClaim, QuestionRange, QuestionType, ResolutionValue } from '../domain/types.js';
import type { CsvValue } from './csv-write.js';
import type { ExportClaim, ExportForecast } from './read-model.js';

export const CLAIM_QUESTION_COLUMNS = [
  'question_type', 'options', 'ordered', 'range_min', 'range_max', 'range_open_lower', 'range_open_upper', 'range_scale', 'resolution_value',
] as const;
export type ClaimQuestionColumn = (typeof CLAIM_QUESTION_COLUMNS)[number];

export const FORECAST_VALUE_COLUMNS = ['probabilities', 'cdf'] as const;

const json = (v: unknown) => (v === undefined || v === null ? undefined : JSON.stringify(v));

/** The question columns of one claim. */
export function questionCells(claim: ExportClaim): Record<ClaimQuestionColumn, CsvValue> {
  const r = claim.range;
  return {
    question_type: claim.questionType ?? 'binary',
    options: json(claim.options),
    ordered: claim.options ? Boolean(claim.ordered) : undefined,
    range_min: r?.min,
    range_max: r?.max,
    range_open_lower: r?.openLower,
    range_open_upper: r?.openUpper,
    range_scale: r?.scale,
    resolution_value: json(claim.resolution?.value),
  };
}

/** The value columns of one forecast. */
export function forecastValueCells(f: ExportForecast): CsvValue[] {
  return [json(f.probabilities), json(f.cdf)];
}

type Bad = (field: ClaimQuestionColumn, message: string) => void;

function parseJson(text: string, field: ClaimQuestionColumn, bad: Bad): unknown {
  try {
    return JSON.parse(text);
  } catch {
    bad(field, `"${text}" is not JSON`);
    return undefined;
  }
}

/** The question of a claims-CSV row (nothing for yes/no); the rule engine checks the rest. */
export function readQuestionCells(get: (c: ClaimQuestionColumn) => string, bad: Bad): Pick<ImportClaim, 'questionType' | 'options' | 'ordered' | 'range'> {
  const type = get('question_type') || 'binary';
  if (type === 'binary') return {};
  if (!['multiple-choice', 'numeric', 'date'].includes(type)) {
    bad('question_type', `"${type}" is not a question type (binary, multiple-choice, numeric or date)`);
    return {};
  }
  if (type === 'multiple-choice') {
    const options = parseJson(get('options') || 'null', 'options', bad);
    if (!Array.isArray(options) || !options.every((o) => typeof o === 'string')) bad('options', 'must be a JSON array of option labels');
    return { questionType: type, options: options as string[], ...(get('ordered') === 'true' ? { ordered: true } : {}) };
  }
  const bound = (c: 'range_min' | 'range_max') => (type === 'numeric' ? Number(get(c)) : get(c));
  const range: QuestionRange = {
    min: bound('range_min'), max: bound('range_max'),
    openLower: get('range_open_lower') === 'true', openUpper: get('range_open_upper') === 'true',
    scale: get('range_scale') === 'log' ? 'log' : 'linear',
  };
  return { questionType: type as QuestionType, range };
}

/** A row's resolution value (JSON), or undefined when the cell is blank. */
export function readResolutionValue(text: string, bad: Bad): ResolutionValue | undefined {
  if (text === '') return undefined;
  const v = parseJson(text, 'resolution_value', bad);
  if (typeof v === 'string' || typeof v === 'number') return v;
  bad('resolution_value', 'must be a JSON string or number');
  return undefined;
}

/** A forecast row's probabilities or CDF (JSON arrays of numbers); undefined when both are blank. */
export function readForecastValues(get: (c: (typeof FORECAST_VALUE_COLUMNS)[number]) => string, bad: (field: string, message: string) => void): { probabilities: number[] } | { cdf: number[] } | undefined {
  for (const c of FORECAST_VALUE_COLUMNS) {
    const text = get(c);
    if (text === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      v = undefined;
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) {
      bad(c, 'must be a JSON array of numbers');
      return undefined;
    }
    return c === 'cdf' ? { cdf: v } : { probabilities: v };
  }
  return undefined;
}
