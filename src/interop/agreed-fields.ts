import type { IssueSink } from './errors.js';

/**
 * Field values of one record (a claim, a question) stated across several CSV rows. The
 * first row stating a field sets it; a later row stating something else is an error
 * naming both lines. Undefined means "not stated here" and agrees with anything.
 */
export class AgreedFields<K extends string> {
  private readonly values: Partial<Record<K, { value: string; line: number }>> = {};

  /** States `value` for `field` on `line`. */
  state(field: K, value: string | undefined, line: number, issues: IssueSink): void {
    if (value === undefined) return;
    const earlier = this.values[field];
    if (!earlier) this.values[field] = { value, line };
    else if (earlier.value !== value) {
      issues.push({ line, field, message: `"${value}" disagrees with "${earlier.value}" on line ${earlier.line} for the same claim` });
    }
  }

  /** The agreed value, if any row stated one. */
  get(field: K): string | undefined {
    return this.values[field]?.value;
  }
}
