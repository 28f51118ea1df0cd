/**
 * Quick log: one line such as "Will the ceasefire hold until 2027-06-30? 70%" read into a draft
 * prediction — title, statement, deadline, probability and pre-filled resolution criteria to
 * review. Dates are read by chrono-node (a natural-language date parser: "by end of June 2027",
 * "in 3 months", ISO dates), with one addition it lacks, a bare year after a preposition ("before
 * 2026"); the probability is a percentage (`70%`), a fraction (`0.7`) or odds (`7:3` = 0.7).
 * Pure: the reference time and the instance's probability bounds are passed in.
 */
import * as chrono from 'chrono-node';
import { IMPLICIT_RULES, type InstanceRules } from './instance-rules.js';
import { boundsProblem } from './probability-input.js';

export interface QuickLogProblem {
  /** The draft field the problem is about, as a JSON Pointer. */
  pointer: '/deadline' | '/probability' | '/text';
  message: string;
}

export interface QuickLogDraft {
  title: string;
  statement: string;
  /** YYYY-MM-DD, or null when the text names no date. */
  deadline: string | null;
  /** In (0, 1), or null when the text gives none. */
  probability: number | null;
  resolutionCriteria: string;
  /** The criteria were written from the text, not by a person: review them. */
  criteriaNeedReview: true;
  /** The parts of the text read as the date and as the probability. */
  dateText: string | null;
  probabilityText: string | null;
  problems: QuickLogProblem[];
}

/** chrono's English parsers plus a bare year after a preposition ("before 2026", "by 2027"). */
const parser = chrono.casual.clone();
parser.parsers.push({
  pattern: () => /\b(?:before|by|in|until|till|through|during|end of)\s+(\d{4})(?![-/.]\d)\b/i,
  extract: (_context, match) => ({ year: Number(match[1]) }),
});

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The deadline a date phrase means. A whole month or year given after "by", "in" or "until"
 * runs to its last day; after "before", to the last day before it begins ("before 2026" →
 * 2025-12-31, "before 2027-06-30" → 2027-06-29). A relative phrase ("in 3 months") is its date.
 */
function deadlineOf(result: chrono.ParsedResult, preceding: string): string {
  const s = result.start;
  const year = s.get('year') as number;
  const relative = /\b(?:day|week|month|year)s?\b|\bfrom now\b/i.test(result.text);
  if (relative) return iso(year, s.get('month') as number, s.get('day') as number);
  const before = /\bbefore\s*$/i.test(preceding) || /^before\b/i.test(result.text);
  if (s.isCertain('day')) {
    const day = iso(year, s.get('month') as number, s.get('day') as number);
    return before ? addDays(day, -1) : day;
  }
  if (s.isCertain('month')) {
    const month = s.get('month') as number;
    return before ? addDays(iso(year, month, 1), -1) : iso(year, month, lastDayOf(year, month));
  }
  return before ? iso(year - 1, 12, 31) : iso(year, 12, 31);
}

interface ProbabilityMatch {
  value: number;
  text: string;
  index: number;
  unit: 'percent' | 'fraction' | 'odds';
}

/** The probability at the end of the line (after the question mark, if there is one). */
function findProbability(text: string): ProbabilityMatch | null {
  const q = text.lastIndexOf('?');
  const start = q >= 0 ? q + 1 : 0;
  const tail = text.slice(start);
  const patterns: Array<[RegExp, ProbabilityMatch['unit']]> = [
    [/(\d{1,3}(?:[.,]\d+)?)\s*%/g, 'percent'],
    [/\b(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\b/g, 'odds'],
    [/(?:^|\s)((?:0?\.\d+)|0|1)(?=\s*$)/g, 'fraction'],
  ];
  let best: ProbabilityMatch | null = null;
  for (const [re, unit] of patterns) {
    // Without a question mark only a probability that ends the line counts, so "2024" or "12:30" in the question are left alone.
    for (const m of tail.matchAll(re)) {
      const at = start + (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
      if (q < 0 && text.slice(at + m[0].trim().length).trim() !== '') continue;
      const value = unit === 'percent' ? Number(m[1]!.replace(',', '.')) / 100 : unit === 'odds' ? Number(m[1]) / (Number(m[1]) + Number(m[2])) : Number(m[1]);
      if (!best || at > best.index) best = { value, text: m[0].trim(), index: at, unit };
    }
  }
  return best;
}

/** Why the probability read cannot be recorded, in the unit it was written in; null when it can. */
function probabilityProblem(p: ProbabilityMatch, rules: InstanceRules): string | null {
  if (p.unit === 'odds' && !(Number.isFinite(p.value) && p.value > 0 && p.value < 1)) return `“${p.text}” are not odds Reckon can record: give two positive numbers, such as 7:3 for 70 %.`;
  return boundsProblem(p, rules);
}

/** Read one line into a draft prediction; `today` (YYYY-MM-DD, UTC) is the reference date. */
export function parseQuickLog(line: string, now: Date, rules: InstanceRules = IMPLICIT_RULES): QuickLogDraft {
  const text = line.replace(/\s+/g, ' ').trim();
  const problems: QuickLogProblem[] = [];
  const prob = findProbability(text);
  const question = (prob ? `${text.slice(0, prob.index)}${text.slice(prob.index + prob.text.length)}` : text).replace(/\s+/g, ' ').replace(/\s+([?.!])/g, '$1').trim();
  if (!question) problems.push({ pointer: '/text', message: 'Write the question, a date and a probability, such as: Will the ceasefire hold until 2027-06-30? 70%' });
  const results = parser.parse(question, { instant: now, timezone: 'UTC' }, { forwardDate: true });
  const date = results[results.length - 1] ?? null;
  const deadline = date ? deadlineOf(date, question.slice(0, date.index)) : null;
  const today = now.toISOString().slice(0, 10);
  if (!date) problems.push({ pointer: '/deadline', message: 'No date found: say when it is decided, such as “by 2027-06-30”, “before 2026”, “by end of June 2027” or “in 3 months”.' });
  else if (deadline !== null && deadline <= today) problems.push({ pointer: '/deadline', message: `The deadline ${deadline} is not in the future: forecasting on a prediction closes at its deadline.` });
  if (!prob) problems.push({ pointer: '/probability', message: 'No probability found: end the line with one, such as 70%, 0.7 or 7:3.' });
  else {
    const bad = probabilityProblem(prob, rules);
    if (bad) problems.push({ pointer: '/probability', message: bad });
  }
  const title = question.slice(0, 200);
  const resolutionCriteria = `Confirmed if, by ${deadline ?? 'the deadline'} (UTC), what this asks has happened: “${question}”. Refuted if it has not. (Drafted by quick log from the one-line entry; review before relying on it.)`;
  return { title, statement: question, deadline, probability: prob && !probabilityProblem(prob, rules) ? prob.value : null, resolutionCriteria, criteriaNeedReview: true, dateText: date?.text ?? null, probabilityText: prob?.text ?? null, problems };
}
