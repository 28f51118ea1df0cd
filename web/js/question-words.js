/**
 * A forecast and a resolution in words, whatever the question (issue 17): a yes/no
 * probability ("70%"), a probability per option ("Sweden 35%, Austria 45%, Israel 20%"), a CDF
 * by its median and central half ("median 11,000 (50 %: 9,500–12,600)"), a resolution by its
 * value ("Austria", "11,000", "below the range"). Pure: no DOM.
 */
import { describeResolution, formatQuantile, quantileOf } from './charts/continuous.js';
import { STATUS_LABELS, pct } from './format.js';

/** @param {any} claim @param {{ probability?: number, probabilities?: number[], cdf?: number[] }} f */
export function describeForecast(claim, f) {
  if (Array.isArray(f.probabilities)) return f.probabilities.map((p, i) => `${claim.options?.[i] ?? `option ${i + 1}`} ${pct(p, 0)}`).join(', ');
  if (Array.isArray(f.cdf) && claim.range) {
    const [q1, q2, q3] = [0.25, 0.5, 0.75].map((p) => formatQuantile(claim, quantileOf(claim, f.cdf, p)));
    return `median ${q2} (50 %: ${q1}–${q3})`;
  }
  return pct(f.probability);
}

/** "Confirmed", or for a question with a value "Resolved: Austria". */
export function describeOutcome(claim, resolution = claim.resolution) {
  if (!resolution) return 'Not resolved';
  if (resolution.value === undefined || resolution.value === null) return STATUS_LABELS[resolution.outcome] ?? resolution.outcome;
  if (claim.questionType === 'multiple-choice') return `Resolved: ${resolution.value}`;
  return `Resolved: ${describeResolution({ ...claim, resolution })}`;
}
