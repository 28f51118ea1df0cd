/**
 * The probability column of a Reckon CSV, read one way for the whole file:
 *   - `70%` is always a percentage;
 *   - bare numbers are fractions when every bare value lies in (0, 1), and percentages when
 *     every bare value lies in [1, 100] (so a bare `1` is 1 %, never certainty);
 *   - `0` is 0 on either scale;
 *   - a column that mixes the two (`0.2`, `1.5`, `0.6`) is refused at the first value that
 *     does not fit the scale its first bare value set.
 * Reading in file order and fixing the scale at the first bare value gives the same verdict
 * as looking at the whole column first, so a streamed file needs no second pass.
 */
import type { Parsed } from './values.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

type Scale = 'fraction' | 'percent';

/** A cell's text as written: a number, and whether it carries `%`. Pure, so callers may cache it. */
export function readProbabilityText(text: string): Parsed<{ percent: boolean; number: number }> {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!NUMBER.test(digits)) return { ok: false, message: `"${text}" is not a probability (use 0.7 or 70%; a column of bare numbers is either all fractions or all percentages)` };
  return { ok: true, value: { percent, number: Number(digits) } };
}

/** Dividing by 100 leaves float noise (0.07 * 100 / 100); 12 places is far below any real precision. */
const fromPercent = (n: number) => Number((n / 100).toFixed(12));

/** Reads one column's cells in file order, holding the scale its first bare value set. */
export class ProbabilityScale {
  private scale: Scale | undefined;
  private first: { line: number; text: string } | undefined;

  constructor(private readonly read: (text: string) => Parsed<{ percent: boolean; number: number }> = readProbabilityText) {}

  /** The probability (0–1) a cell on `line` states, or why it cannot be read. */
  parse(text: string, line: number): Parsed<number> {
    const cell = this.read(text);
    if (!cell.ok) return cell;
    const { percent, number } = cell.value;
    if (percent) return number >= 0 && number <= 100 ? { ok: true, value: fromPercent(number) } : { ok: false, message: `"${text}" is outside 0–100%` };
    if (number === 0) return { ok: true, value: 0 };
    const scale: Scale | undefined = number > 0 && number < 1 ? 'fraction' : number >= 1 && number <= 100 ? 'percent' : undefined;
    if (scale === undefined) return { ok: false, message: `"${text}" is neither a fraction in (0, 1) nor a percentage in [1, 100]` };
    if (this.scale === undefined) {
      this.scale = scale;
      this.first = { line, text };
    } else if (scale !== this.scale) {
      const first = this.first!;
      return {
        ok: false,
        message: `"${text}" is a ${scale === 'percent' ? 'percentage' : 'fraction'}, but this column's bare numbers are ${this.scale === 'percent' ? 'percentages' : 'fractions'} (line ${first.line}: "${first.text}"); one column is read one way: write ${this.scale === 'percent' ? 'every value as a percentage' : 'every value as a fraction'}, or add % to each percentage`,
      };
    }
    return { ok: true, value: scale === 'percent' ? fromPercent(number) : number };
  }
}
