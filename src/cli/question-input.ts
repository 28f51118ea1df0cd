/**
 * The CLI's words for issue 17's questions: the options of `reckon log` (alias `new`) that make a
 * multiple-choice, numeric or date question, the ways `reckon forecast` takes such a forecast
 * (probabilities listed or per option; a CDF from quartiles, as Metaculus's slider form builds
 * it — web/js/cdf, the same code the web form runs — or from a file), and `reckon resolve
 * --value`. Everything is then checked by the one rule engine (src/commands, src/domain/rules.ts).
 */
import { readFileSync } from 'node:fs';
import { slidersForQuartiles } from '../../web/js/cdf/fit.js';
import { toLocation } from '../../web/js/cdf/scale.js';
import type { ClaimView } from '../domain/claim-view.js';
import type { InstanceRules } from '../domain/instance-rules.js';
import { CliError, probabilityOption } from './context.js';

export interface QuestionOptions {
  type?: string;
  option?: string[];
  ordered?: boolean;
  min?: string;
  max?: string;
  openLower?: boolean;
  openUpper?: boolean;
  scale?: string;
}

const invalid = (pointer: string, message: string) => new CliError('invalid input', 1, [{ pointer, message }]);

/** A bound as typed: a number for a numeric question, the text (an instant) for a date one. */
function bound(text: string | undefined, type: string, key: 'min' | 'max'): number | string | undefined {
  if (text === undefined) return undefined;
  if (type !== 'numeric') return text;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw invalid(`/range/${key}`, `must be a number (--${key} ${text})`);
  return n;
}

/** The question fields of a claim's input from `--type`, `--option`, `--ordered`, `--min`… (none for yes/no). */
export function questionFields(o: QuestionOptions): Record<string, unknown> {
  const type = o.type ?? 'binary';
  const fields: Record<string, unknown> = type === 'binary' ? {} : { questionType: type };
  if (o.option !== undefined) fields.options = o.option;
  if (o.ordered) fields.ordered = true;
  if (o.min !== undefined || o.max !== undefined || o.openLower || o.openUpper || o.scale !== undefined) {
    fields.range = { min: bound(o.min, type, 'min'), max: bound(o.max, type, 'max'), openLower: Boolean(o.openLower), openUpper: Boolean(o.openUpper), ...(o.scale ? { scale: o.scale } : {}) };
  }
  return fields;
}

export interface ForecastOptions {
  probability?: string;
  probabilities?: string;
  optionProbability?: string[];
  quartiles?: string;
  cdfFile?: string;
}

/** `--probabilities 50%,30%,20%` (any unit `-p` takes). */
function listed(text: string, rules: InstanceRules): number[] {
  return text.split(',').map((t, i) => probabilityOption(t.trim(), `/probabilities/${i}`, rules) as number);
}

/** `--option-probability "Label=50%"`, once per option, put in the question's order. */
function perOption(pairs: string[], options: string[], rules: InstanceRules): number[] {
  const given = new Map<string, number>();
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const label = pair.slice(0, at).trim();
    if (at < 0 || !options.includes(label)) throw invalid('/probabilities', `"${pair}" must be LABEL=PROBABILITY with a label among: ${options.join(', ')}`);
    given.set(label, probabilityOption(pair.slice(at + 1).trim(), `/probabilities/${options.indexOf(label)}`, rules) as number);
  }
  const missing = options.filter((l) => !given.has(l));
  if (missing.length > 0) throw invalid('/probabilities', `give a probability for every option; missing: ${missing.join(', ')}`);
  return options.map((l) => given.get(l) as number);
}

/** A CDF from quartiles typed in the range's units (instants for dates), through Metaculus's slider form. */
function fromQuartiles(text: string, view: ClaimView): { cdf: number[]; error: number } {
  const range = view.range;
  if (!range) throw invalid('/cdf', 'quartiles need a numeric or date question');
  const parts = text.split(',').map((t) => t.trim());
  if (parts.length !== 3) throw invalid('/cdf', '--quartiles takes three values: lower quartile, median, upper quartile');
  const values = parts.map((p) => (view.questionType === 'numeric' ? Number(p) : p));
  if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) throw invalid('/cdf', `--quartiles ${text}: each must be a number`);
  const [lower25, median, upper75] = values.map((v) => toLocation(v, range)) as [number, number, number];
  if (![lower25, median, upper75].every(Number.isFinite) || !(lower25 < median && median < upper75)) throw invalid('/cdf', `--quartiles ${text}: give three increasing values within the range's scale`);
  const fit = slidersForQuartiles({ lower25, median, upper75 }, { openLower: range.openLower, openUpper: range.openUpper });
  return { cdf: fit.cdf, error: fit.error };
}

/** 201 numbers from a file: a JSON array, or numbers separated by commas or white space. */
function fromFile(path: string): number[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    throw invalid('/cdf', `cannot read ${path}`);
  }
  const values = text.startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split(/[\s,]+/).filter(Boolean);
  const cdf = values.map(Number);
  if (cdf.some((v) => !Number.isFinite(v))) throw invalid('/cdf', `${path} must hold numbers only`);
  return cdf;
}

/** The forecast's values for the claim's question, with a note on a quartile fit when there is one. */
export function forecastValues(o: ForecastOptions, view: ClaimView, rules: InstanceRules): { values: Record<string, unknown>; note?: string } {
  const ways = [o.probability, o.probabilities, o.optionProbability, o.quartiles, o.cdfFile].filter((w) => w !== undefined).length;
  if (ways > 1) throw invalid('/probability', 'give the forecast one way: -p, --probabilities, --option-probability, --quartiles or --cdf-file');
  if (o.probability !== undefined) return { values: { probability: probabilityOption(o.probability, '/probability', rules) } };
  if (o.probabilities !== undefined) return { values: { probabilities: listed(o.probabilities, rules) } };
  if (o.optionProbability !== undefined) return { values: { probabilities: perOption(o.optionProbability, view.options ?? [], rules) } };
  if (o.cdfFile !== undefined) return { values: { cdf: fromFile(o.cdfFile) } };
  if (o.quartiles !== undefined) {
    const fit = fromQuartiles(o.quartiles, view);
    return { values: { cdf: fit.cdf }, ...(fit.error > 0.01 ? { note: `the nearest CDF Metaculus's form can make misses a quartile by ${(fit.error * 100).toFixed(1)} % of the range` } : {}) };
  }
  const how = view.questionType === 'multiple-choice' ? '--probabilities or --option-probability' : view.questionType === 'binary' ? '-p' : '--quartiles or --cdf-file';
  const field = view.questionType === 'multiple-choice' ? '/probabilities' : view.questionType === 'binary' ? '/probability' : '/cdf';
  throw invalid(field, `give the forecast with ${how}`);
}

/** `--value` as the claim's question takes it: a number for a numeric question (unless out of range), else the text. */
export function resolutionValue(text: string, view: ClaimView): string | number {
  if (view.questionType !== 'numeric' || text === 'below-range' || text === 'above-range') return text;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw invalid('/value', `must be a number, below-range or above-range (--value ${text})`);
  return n;
}
