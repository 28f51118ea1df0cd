/**
 * A probability as a person types it, and the message about it in the unit they typed.
 *
 * Every human input reads the same way (the web's percent fields keep a JS twin of this in
 * web/js/probability.js; the JSON API takes fractions only):
 *   - `70%` is a percentage anywhere; `7:3` is odds for (7 / (7 + 3) = 0.7);
 *   - a bare number is read in the field's unit: `70` in a percent field is 70 %, `0.7` in a
 *     fraction field (the CLI's `-p`) is 0.7;
 *   - a bare number above 1 in a fraction field is refused with a hint ("write 70% or 0.7")
 *     rather than guessed, since `1.5` may be a typo for 0.15 as easily as for 1.5 %.
 * The bounds are the instance's rules (instance-rules.ts), never constants, and a message
 * quotes them in the unit typed: "between 1 % and 99 % (you typed 100 %)".
 */
import type { InstanceRules } from './instance-rules.js';

export type ProbabilityUnit = 'percent' | 'fraction' | 'odds';
/** How a bare number in a field is read. */
export type FieldUnit = 'percent' | 'fraction';

export interface TypedProbability {
  /** The probability as a fraction (0.7). */
  value: number;
  /** The unit the person wrote it in. */
  unit: ProbabilityUnit;
  /** What they wrote, trimmed. */
  text: string;
}

export type ReadResult = { ok: true; probability: TypedProbability } | { ok: false; message: string };

const PERCENT = /^([+-]?\d+(?:[.,]\d+)?|[+-]?[.,]\d+)\s*%$/;
const ODDS = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/;
const BARE = /^([+-]?\d+(?:[.,]\d+)?|[+-]?[.,]\d+)$/;

const num = (s: string) => Number(s.replace(',', '.'));

/** Round away binary noise for display: 0.7 * 100 → 70, not 70.00000000000001. */
function tidy(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

/** `p` (a fraction) written in `unit`: percent "70 %", fraction "0.7" (odds speak in percent). */
export function inUnit(p: number, unit: ProbabilityUnit): string {
  return unit === 'fraction' ? tidy(p) : `${tidy(p * 100)} %`;
}

/** Read `text` as a probability; a bare number is read in `field`'s unit. */
export function readProbability(text: string, field: FieldUnit): ReadResult {
  const t = text.trim();
  const hint = field === 'percent' ? 'such as 70 or 70%' : 'such as 0.7, 70% or 7:3';
  if (t === '') return { ok: false, message: `Probability is required: give one ${hint}.` };
  let m = PERCENT.exec(t);
  if (m) return { ok: true, probability: { value: num(m[1]!) / 100, unit: 'percent', text: t } };
  m = ODDS.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (!(a > 0 && b > 0)) return { ok: false, message: `Odds must be two positive numbers, such as 7:3 for 70 % (you typed ${t}).` };
    return { ok: true, probability: { value: a / (a + b), unit: 'odds', text: t } };
  }
  m = BARE.exec(t);
  if (!m) return { ok: false, message: `Probability must be a number ${hint} (you typed “${t}”).` };
  const x = num(m[1]!);
  if (field === 'percent') return { ok: true, probability: { value: x / 100, unit: 'percent', text: t } };
  if (x > 1) return { ok: false, message: `Probability ${t} is not a fraction: write ${t}% for ${t} percent, or ${tidy(x / 100)} as a fraction.` };
  return { ok: true, probability: { value: x, unit: 'fraction', text: t } };
}

/**
 * Why `p` is outside the instance's bounds, in the unit it was typed in, with a hint; null when
 * it is inside. A percentage below 1 that would fit as a fraction ("0.7 %") asks whether the
 * person meant the fraction's percentage ("did you mean 70 %?").
 */
export function boundsProblem(p: TypedProbability, rules: InstanceRules): string | null {
  const { minProbability: min, maxProbability: max } = rules;
  if (Number.isFinite(p.value) && p.value >= min && p.value <= max) return null;
  const unit = p.unit === 'odds' ? 'percent' : p.unit;
  const typed = p.unit === 'odds' ? `${p.text}, which is ${inUnit(p.value, 'percent')}` : inUnit(p.value, unit);
  let hint = '';
  if (p.value <= 0 || p.value >= 1) hint = ' Reckon never records certainty: a forecast is a chance, so stay inside the bounds.';
  if (p.unit === 'percent' && p.value * 100 >= min && p.value * 100 <= max) hint = ` Did you mean ${inUnit(p.value * 100, 'percent')}?`;
  return `Probability must be between ${inUnit(min, unit)} and ${inUnit(max, unit)} (you typed ${typed}).${hint}`;
}

/** Read and check in one step: the fraction, or the message to show. */
export function parseProbability(text: string, field: FieldUnit, rules: InstanceRules): { ok: true; value: number; unit: ProbabilityUnit } | { ok: false; message: string } {
  const r = readProbability(text, field);
  if (!r.ok) return r;
  const bad = boundsProblem(r.probability, rules);
  return bad ? { ok: false, message: bad } : { ok: true, value: r.probability.value, unit: r.probability.unit };
}
