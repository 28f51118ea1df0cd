/**
 * Estimative language of US Intelligence Community Directive 203, "Analytic Standards"
 * (ODNI, 2 January 2015), section D.6.e(2)(a): seven terms, each paired with its synonym
 * (and the adverbs ICD 203 gives in brackets: "improbably", "probably", "almost certainly"),
 * and the probability range each conveys. "probably not" is also accepted for "unlikely".
 *
 * Other modules import this file to validate stance input, so it has no dependencies.
 */

export interface EstimativeRange {
  low: number;
  high: number;
  /** (low + high) / 2, written out so it is the exact decimal. */
  midpoint: number;
}

interface EstimativeRow extends EstimativeRange {
  phrases: readonly string[];
}

const TABLE: readonly EstimativeRow[] = [
  { phrases: ['almost no chance', 'remote'], low: 0.01, high: 0.05, midpoint: 0.03 },
  { phrases: ['very unlikely', 'highly improbable'], low: 0.05, high: 0.2, midpoint: 0.125 },
  { phrases: ['unlikely', 'improbable', 'improbably', 'probably not'], low: 0.2, high: 0.45, midpoint: 0.325 },
  { phrases: ['roughly even chance', 'roughly even odds'], low: 0.45, high: 0.55, midpoint: 0.5 },
  { phrases: ['likely', 'probable', 'probably'], low: 0.55, high: 0.8, midpoint: 0.675 },
  { phrases: ['very likely', 'highly probable'], low: 0.8, high: 0.95, midpoint: 0.875 },
  { phrases: ['almost certain', 'almost certainly', 'nearly certain'], low: 0.95, high: 0.99, midpoint: 0.97 },
];

const BY_PHRASE: ReadonlyMap<string, EstimativeRow> = new Map(
  TABLE.flatMap((row) => row.phrases.map((phrase) => [phrase, row] as const)),
);

/** Every accepted phrase, lower-case, from least to most likely. */
export const ESTIMATIVE_PHRASES: readonly string[] = Object.freeze(TABLE.flatMap((row) => row.phrases));

/**
 * The ICD 203 probability range of an estimative phrase, e.g. "Very likely" →
 * { low: 0.8, high: 0.95, midpoint: 0.875 }. Case-insensitive; surrounding whitespace is
 * trimmed and inner runs of whitespace count as one space. Unknown phrase → null.
 */
export function estimativeRange(phrase: string): EstimativeRange | null {
  const row = BY_PHRASE.get(normalisePhrase(phrase));
  return row === undefined ? null : { low: row.low, high: row.high, midpoint: row.midpoint };
}

function normalisePhrase(phrase: string): string {
  return phrase.trim().replace(/\s+/g, ' ').toLowerCase();
}
