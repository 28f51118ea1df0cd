/**
 * Parsing of single cell values in the spreadsheet formats. Each parser returns the value
 * or an error message, so callers can attach the line and column.
 */
import { CLAIM_KINDS, type ClaimKind, type Outcome, type StanceKind } from '../domain/types.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A probability written as `0.7`, `70%` or `70`. A bare number above 1 is read as a
 * percentage (spreadsheets and PredictionBook use 0–100), so `1` means certainty, never 1%.
 */
export function parseProbability(text: string): Parsed<number> {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!NUMBER.test(digits)) return fail(`"${text}" is not a probability (use 0.7, 70% or 70)`);
  const number = Number(digits);
  const value = percent || number > 1 ? number / 100 : number;
  if (value < 0 || value > 1) return fail(`"${text}" is outside 0–100%`);
  // Dividing by 100 leaves float noise (0.07 * 100 / 100); 12 places is far below any real precision.
  return ok(Number(value.toFixed(12)));
}

const OUTCOME_WORDS: Record<string, Outcome | 'open'> = {
  confirmed: 'confirmed',
  yes: 'confirmed',
  true: 'confirmed',
  refuted: 'refuted',
  no: 'refuted',
  false: 'refuted',
  annulled: 'annulled',
  ambiguous: 'annulled',
  unresolvable: 'unresolvable',
  open: 'open',
  '': 'open',
};

/** confirmed|yes|true, refuted|no|false, annulled|ambiguous, unresolvable; blank or `open` = open. */
export function parseOutcome(text: string): Parsed<Outcome | 'open'> {
  const outcome = OUTCOME_WORDS[text.trim().toLowerCase()];
  return outcome ? ok(outcome) : fail(`"${text}" is not an outcome (confirmed, refuted, annulled, unresolvable, yes, no, true, false, ambiguous or blank)`);
}

/** prediction|allegation, blank = prediction. */
export function parseKind(text: string): Parsed<ClaimKind> {
  const kind = text.trim().toLowerCase() || 'prediction';
  return (CLAIM_KINDS as readonly string[]).includes(kind) ? ok(kind as ClaimKind) : fail(`"${text}" is not a kind (prediction or allegation)`);
}

/** asserts|denies. */
export function parseStance(text: string): Parsed<StanceKind> {
  const stance = text.trim().toLowerCase();
  return stance === 'asserts' || stance === 'denies' ? ok(stance) : fail(`"${text}" is not a stance (asserts or denies)`);
}

/** `a; b ;c` → ['a', 'b', 'c'], empty items dropped. */
export function splitTags(text: string): string[] {
  return text
    .split(';')
    .map((tag) => tag.trim())
    .filter(Boolean);
}
