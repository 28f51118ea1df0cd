/**
 * How a question resolves (issue 17): a yes/no question with an outcome (confirmed, refuted,
 * annulled, unresolvable); a multiple-choice, numeric or date question with a value (an
 * option's label, a number, an instant, or `below-range` / `above-range` where only that is
 * known), or annulled / unresolvable. A value beyond a closed bound cannot happen and is refused.
 */
import { toIsoInstant } from '../dates.js';
import { RuleError } from '../rule-error.js';
import { OUT_OF_RANGE, RESOLVED, type Outcome, type ResolutionOutcome, type ResolutionValue } from '../types.js';
import { rangeBounds, rangeNumber, type Question } from './question.js';

export interface ResolutionValueInput {
  outcome?: Outcome | typeof RESOLVED;
  value?: ResolutionValue;
}

/** The outcome and value a resolution records; throws RuleError naming `/outcome` or `/value`. */
export function decideResolutionValue(q: Question, input: ResolutionValueInput): { outcome: ResolutionOutcome; value?: ResolutionValue } {
  const { outcome, value } = input;
  if (q.type === 'binary') {
    if (value !== undefined) throw new RuleError(400, 'a yes/no question resolves with an outcome, not a value', '/value', 'validation');
    if (outcome === undefined || outcome === RESOLVED) throw new RuleError(400, 'give the outcome: confirmed, refuted, annulled or unresolvable', '/outcome', 'validation');
    return { outcome };
  }
  if (value === undefined) {
    if (outcome === 'annulled' || outcome === 'unresolvable') return { outcome };
    throw new RuleError(400, `a ${q.type} question resolves with a value (or outcome annulled or unresolvable)`, outcome === undefined ? '/value' : '/outcome', 'validation');
  }
  if (outcome !== undefined && outcome !== RESOLVED) throw new RuleError(400, 'give a value or an outcome, not both', '/outcome', 'validation');
  return { outcome: RESOLVED, value: decideValue(q, value) };
}

const refuse = (message: string) => new RuleError(422, message, '/value');

function decideValue(q: Question, value: ResolutionValue): ResolutionValue {
  if (q.type === 'multiple-choice') {
    if (typeof value !== 'string' || !(q.options ?? []).includes(value)) throw refuse(`must be one of the options: ${(q.options ?? []).map((o) => JSON.stringify(o)).join(', ')}`);
    return value;
  }
  const range = q.range;
  if (!range) throw refuse('the question has no range');
  if (value === 'below-range' || value === 'above-range') {
    if (value === 'below-range' && !range.openLower) throw refuse('the lower bound is closed: the outcome cannot lie below it');
    if (value === 'above-range' && !range.openUpper) throw refuse('the upper bound is closed: the outcome cannot lie above it');
    return value;
  }
  let stored: ResolutionValue;
  if (q.type === 'numeric') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw refuse(`must be a number (or ${OUT_OF_RANGE.join(' / ')})`);
    stored = value;
  } else {
    const iso = typeof value === 'string' ? toIsoInstant(value) : null;
    if (iso === null) throw refuse(`must be an ISO-8601 date or date-time (or ${OUT_OF_RANGE.join(' / ')})`);
    stored = iso;
  }
  const x = rangeNumber(stored);
  const { min, max } = rangeBounds(range);
  if (x < min && !range.openLower) throw refuse(`lies below the closed lower bound ${String(range.min)}`);
  if (x > max && !range.openUpper) throw refuse(`lies above the closed upper bound ${String(range.max)}`);
  return stored;
}
