/**
 * What a prediction asks (issue 17): yes/no, one of several options, a number or a date. A
 * claim's question is fixed when it is created (an edit cannot change it). These rules are
 * pure; src/domain/rules.ts applies them to every command, on every path.
 */
import { parseInstant, toIsoInstant } from '../dates.js';
import { RuleError } from '../rule-error.js';
import type { ClaimCreatedPayload, ClaimKind, QuestionRange, QuestionType } from '../types.js';

export interface Question {
  type: QuestionType;
  /** Multiple choice. */
  options?: string[];
  ordered?: boolean;
  /** Numeric and date. */
  range?: QuestionRange;
}

export const BINARY: Question = { type: 'binary' };

/** The question a claim's creation records (no `questionType`: yes/no). */
export function questionOf(p: Pick<ClaimCreatedPayload, 'questionType' | 'options' | 'ordered' | 'range'>): Question {
  if (!p.questionType) return BINARY;
  return { type: p.questionType, ...(p.options ? { options: p.options } : {}), ...(p.ordered ? { ordered: true } : {}), ...(p.range ? { range: p.range } : {}) };
}

/**
 * A range with its keys in the order `{ min, max, openLower, openUpper, scale }`: the
 * ledger stores payloads as canonical JSON (keys sorted), so a range read back from it is put
 * in order again before it is answered (a contract clients may rely on, key order included).
 */
export function rangeInOrder(r: QuestionRange): QuestionRange {
  return { min: r.min, max: r.max, openLower: r.openLower, openUpper: r.openUpper, scale: r.scale };
}

const bad = (pointer: string, message: string) => new RuleError(400, message, pointer, 'validation');

/** A range's bounds as numbers in its units: numbers as they are, instants in epoch seconds. */
export function rangeBounds(range: QuestionRange): { min: number; max: number } {
  return { min: rangeNumber(range.min), max: rangeNumber(range.max) };
}

/** A value in a range's units: a number as it is, an instant in epoch seconds (Metaculus dates). */
export function rangeNumber(v: number | string): number {
  return typeof v === 'number' ? v : (parseInstant(v) ?? Number.NaN) / 1000;
}

export interface QuestionInput {
  questionType?: QuestionType;
  options?: string[];
  ordered?: boolean;
  range?: { min: number | string; max: number | string; openLower?: boolean; openUpper?: boolean; scale?: QuestionRange['scale'] };
}

/**
 * The question fields a claim's creation records, from its input: none for yes/no (so a
 * binary claim's event is what it always was); else `questionType` with its options (2–20
 * distinct labels, `ordered: true` only when given) or its whole range (bounds closed and
 * the scale linear unless said, a date's bounds as ISO instants). 400 naming the field otherwise.
 */
export function decideQuestion(input: QuestionInput, kind: ClaimKind): Pick<ClaimCreatedPayload, 'questionType' | 'options' | 'ordered' | 'range'> {
  const type = input.questionType ?? 'binary';
  if (type !== 'binary' && kind !== 'prediction') throw bad('/questionType', 'only a prediction has a question type');
  const takesOptions = type === 'multiple-choice';
  const takesRange = type === 'numeric' || type === 'date';
  if (!takesOptions && input.options !== undefined) throw bad('/options', `a ${type} question has no options`);
  if (!takesOptions && input.ordered !== undefined) throw bad('/ordered', `a ${type} question has no ordered options`);
  if (!takesRange && input.range !== undefined) throw bad('/range', `a ${type} question has no range`);
  if (type === 'binary') return {};
  if (takesOptions) return { questionType: type, options: decideOptions(input.options), ...(input.ordered ? { ordered: true } : {}) };
  return { questionType: type, range: decideRange(input.range, type) };
}

function decideOptions(options: string[] | undefined): string[] {
  if (options === undefined) throw bad('/options', 'a multiple-choice question needs its options (2 to 20)');
  const labels = options.map((o) => o.trim());
  if (labels.length < 2 || labels.length > 20) throw bad('/options', `a multiple-choice question has 2 to 20 options (${labels.length} given)`);
  labels.forEach((label, i) => {
    if (label === '') throw bad(`/options/${i}`, 'an option needs a label');
    if (labels.indexOf(label) !== i) throw bad(`/options/${i}`, `option "${label}" is given twice`);
  });
  return labels;
}

function decideRange(range: QuestionInput['range'], type: 'numeric' | 'date'): QuestionRange {
  if (range === undefined) throw bad('/range', `a ${type} question needs its range: { min, max, openLower, openUpper, scale }`);
  const scale = range.scale ?? 'linear';
  const bound = (v: number | string, key: 'min' | 'max'): number | string => {
    if (type === 'numeric') {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`/range/${key}`, 'a numeric question’s bound is a number');
      return v;
    }
    const iso = typeof v === 'string' ? toIsoInstant(v) : null;
    if (iso === null) throw bad(`/range/${key}`, 'a date question’s bound is an ISO-8601 date or date-time');
    return iso;
  };
  const min = bound(range.min, 'min');
  const max = bound(range.max, 'max');
  const lo = rangeNumber(min);
  if (!(lo < rangeNumber(max))) throw bad('/range/max', 'max must lie above min');
  if (scale === 'log' && !(lo > 0)) throw bad('/range/min', 'a log scale needs min > 0');
  return { min, max, openLower: range.openLower ?? false, openUpper: range.openUpper ?? false, scale };
}
