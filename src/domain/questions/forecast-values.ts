/**
 * What a forecast states, by the question it is for (issue 17): a yes/no question takes
 * `probability`; multiple choice `probabilities`, one per option; a number or a date `cdf`,
 * Metaculus's 201-point CDF (checked as its serializer checks it: cdf-check.ts). A wrong
 * shape is a 400 naming the field; a probability outside the instance's bounds a 422.
 */
import { RuleError } from '../rule-error.js';
import { checkCdfEnds, checkCdfSteps, roundCdf, type CdfProblem } from './cdf-check.js';
import type { Question } from './question.js';

export interface ForecastValuesInput {
  probability?: number;
  probabilities?: number[];
  cdf?: number[];
}
export type ForecastValues = { probability: number } | { probabilities: number[] } | { cdf: number[] };

/** A sum of probabilities further than this from 1 is refused (issue 17). */
export const SUM_TOLERANCE = 1e-6;
/**
 * A sum further than this from 1 (but within SUM_TOLERANCE) is divided out. Dividing leaves a
 * sum within a few ulps of 1, so a stored forecast decided again (a replayed export) is kept
 * exactly as it is.
 */
const RENORMALISE_ABOVE = 1e-12;
/** Bounds are checked on the divided values, which may move by up to SUM_TOLERANCE. */
const BOUND_SLACK = 1e-9;

const bad = (pointer: string, message: string) => new RuleError(400, message, pointer, 'validation');

/** The field a question type's forecast is given in. */
export function forecastField(q: Question): 'probability' | 'probabilities' | 'cdf' {
  return q.type === 'binary' ? 'probability' : q.type === 'multiple-choice' ? 'probabilities' : 'cdf';
}

/**
 * The values a forecast records for question `q`, within `[min, max]` (the instance's bounds,
 * or 0–1 for a platform's imported history). Throws RuleError naming the bad field.
 */
export function decideForecastValues(q: Question, input: ForecastValuesInput, [min, max]: readonly [number, number]): ForecastValues {
  const field = forecastField(q);
  for (const other of ['probability', 'probabilities', 'cdf'] as const) {
    if (other !== field && input[other] !== undefined) throw bad(`/${other}`, `a ${q.type} question takes \`${field}\`, not \`${other}\``);
  }
  if (input[field] === undefined) throw bad(`/${field}`, `a ${q.type} question’s forecast needs \`${field}\``);
  if (field === 'probability') {
    const p = input.probability as number;
    if (!(p >= min && p <= max)) {
      const certain = p === 0 || p === 1 ? ' Reckon never records certainty: give a chance inside the bounds.' : '';
      throw new RuleError(422, `Probability must be between ${min} and ${max}, the bounds of this instance's rules (this one is ${p}).${certain}`, '/probability');
    }
    return { probability: p };
  }
  if (field === 'probabilities') return { probabilities: decideProbabilities(input.probabilities as number[], q.options ?? [], min, max) };
  return { cdf: decideCdf(input.cdf as number[], q) };
}

function decideProbabilities(given: number[], options: string[], min: number, max: number): number[] {
  if (given.length !== options.length) throw bad('/probabilities', `give one probability per option: ${options.length} (${given.length} given)`);
  given.forEach((p, i) => {
    if (!Number.isFinite(p) || p < 0 || p > 1) throw bad(`/probabilities/${i}`, 'must be a probability between 0 and 1');
  });
  const sum = given.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw bad('/probabilities', `must sum to 1 (they sum to ${sum})`);
  const values = Math.abs(sum - 1) > RENORMALISE_ABOVE ? given.map((p) => p / sum) : [...given];
  values.forEach((p, i) => {
    if (!(p >= min - BOUND_SLACK && p <= max + BOUND_SLACK)) throw new RuleError(422, `each probability must lie between ${min} and ${max}`, `/probabilities/${i}`);
  });
  return values;
}

function decideCdf(given: number[], q: Question): number[] {
  const range = q.range;
  const problems = onePerPoint([...checkCdfSteps(given), ...(range && given.length === 201 ? checkCdfEnds(given, range.openLower, range.openUpper) : [])]);
  const first = problems[0];
  if (first) {
    const message = `the CDF is not valid: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`;
    throw new RuleError(400, message, first.pointer, 'validation', problems);
  }
  return roundCdf(given);
}

/** One problem per bad point, its messages joined, in the order the points were first named. */
function onePerPoint(problems: CdfProblem[]): CdfProblem[] {
  const byPointer = new Map<string, string[]>();
  for (const p of problems) byPointer.set(p.pointer, [...(byPointer.get(p.pointer) ?? []), p.message]);
  return [...byPointer].map(([pointer, messages]) => ({ pointer, message: messages.join('; ') }));
}
