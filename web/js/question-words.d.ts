/** Types for question-words.js. */
export function describeForecast(claim: any, f: { probability?: number; probabilities?: number[]; cdf?: number[] }): string;
export function describeOutcome(claim: any, resolution?: any): string;
