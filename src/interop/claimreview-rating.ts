/**
 * A fact-check rating → an outcome, only where it is clear.
 * Numeric: position between worstRating (default 1) and bestRating (default 5), so
 * reversed scales (best 1, worst 5) work; ≥ 0.8 of the way to best → confirmed,
 * ≤ 0.2 → refuted, between → open; -1 outside the scale means "not rated".
 * Text (alternateName / textualRating, English, case and trailing punctuation ignored):
 * true, correct, accurate, confirmed → confirmed; false, pants on fire, fake, incorrect,
 * wrong, fabricated → refuted; nuanced verdicts (misleading, half true, mostly true, …)
 * → open, even against the number; any other word → decided by the number alone.
 * A number and a word that disagree → open.
 */
import type { RatingInput } from './claimreview-extract.js';

export type RatingOutcome = 'confirmed' | 'refuted' | 'open';

const CONFIRMING = new Set(['true', 'correct', 'accurate', 'confirmed']);
const REFUTING = new Set(['false', 'pants on fire', 'fake', 'incorrect', 'wrong', 'fabricated']);
const NUANCED = new Set([
  'misleading', 'half true', 'mostly true', 'mostly false', 'mixture', 'mixed', 'partly true', 'partly false',
  'half truth', 'missing context', 'needs context', 'out of context', 'unproven', 'unverified', 'exaggerated',
  'satire', 'disputed', 'outdated',
]);

/** Lower-case, hyphens as spaces, trailing `!`/`.` dropped: "Pants-on-Fire!" → "pants on fire". */
function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/[.!]+$/, '');
}

/** What the label alone says; undefined when it is not in any list. */
export function judgeLabel(label: string | undefined): RatingOutcome | undefined {
  if (!label) return undefined;
  const word = normaliseLabel(label);
  if (CONFIRMING.has(word)) return 'confirmed';
  if (REFUTING.has(word)) return 'refuted';
  return NUANCED.has(word) ? 'open' : undefined;
}

/** Position of the value from worst (0) to best (1); undefined if unrated or off the scale. */
export function measurePosition(rating: RatingInput): number | undefined {
  const { value } = rating;
  const best = rating.best ?? 5;
  const worst = rating.worst ?? 1;
  if (value === undefined || best === worst) return undefined;
  const position = (value - worst) / (best - worst);
  return position >= 0 && position <= 1 ? position : undefined;
}

/** What the number alone says; undefined when there is no usable number. */
export function judgeNumber(rating: RatingInput): RatingOutcome | undefined {
  const position = measurePosition(rating);
  if (position === undefined) return undefined;
  if (position >= 0.8) return 'confirmed';
  return position <= 0.2 ? 'refuted' : 'open';
}

/** The outcome of one rating, and why, for notes. */
export function judgeRating(rating: RatingInput): { outcome: RatingOutcome; conflict: boolean } {
  const byLabel = judgeLabel(rating.label);
  const byNumber = judgeNumber(rating);
  const definite = (o: RatingOutcome | undefined) => o === 'confirmed' || o === 'refuted';
  if (definite(byLabel) && definite(byNumber) && byLabel !== byNumber) return { outcome: 'open', conflict: true };
  return { outcome: byLabel ?? byNumber ?? 'open', conflict: false };
}

/** The rating as people read it: its label, else `2 (worst 1, best 5)`. */
export function describeRating(rating: RatingInput): string {
  if (rating.label) return rating.label;
  if (rating.value === undefined || measurePosition(rating) === undefined) return 'not rated';
  return `${rating.value} (worst ${rating.worst ?? 1}, best ${rating.best ?? 5})`;
}
