/**
 * The problems of an import, in one shape for every format and every cause (a parser's
 * finding, a csv-parse syntax error, a rule the ledger applies, a contradiction of the
 * record): the line, the CSV column or the JSON Pointer, and a message safe to print.
 */
import type { ImportIssue } from '../interop/index.js';

export interface Problem {
  /** 1-based line of the input file, where there is one. */
  line?: number;
  /** CSV formats: the column. */
  column?: string;
  /** JSON formats: an RFC 6901 pointer into the file. */
  pointer?: string;
  message: string;
}

/** Longest message kept: a csv-parse error quotes the field it failed on, which may be megabytes. */
const MAX_MESSAGE = 500;

/**
 * `text` with every terminal control character (C0 but tab, DEL, C1, and the bidirectional
 * overrides that reorder what a terminal shows) written as a visible escape (`\x1b`,
 * `\u202e`), so input echoed in a message cannot drive the terminal; cut to MAX_MESSAGE.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return safe.length > MAX_MESSAGE ? `${safe.slice(0, MAX_MESSAGE - 1)}…` : safe;
}

/** A JSON path as the importers write it (`question.history[3]`, or already `/claims/0`) → a JSON Pointer. */
export function toPointer(path: string): string {
  if (path === '' || path.startsWith('/')) return path;
  const parts = path.match(/[^.[\]]+/g) ?? [];
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** An importer's issue as a problem: its field is a column in CSV formats, a pointer in JSON ones. */
export function toProblem(issue: ImportIssue, csv: boolean): Problem {
  const problem = {} as Problem;
  if (issue.line !== undefined) problem.line = issue.line;
  if (issue.field) {
    if (csv) problem.column = escapeControl(issue.field);
    else problem.pointer = toPointer(escapeControl(issue.field));
  }
  problem.message = escapeControl(issue.message);
  return problem;
}

/** Problems in file order (those without a line first, as they concern the whole file). */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i).map(({ p }) => p);
}

/** `line 4, probability: message`. */
export function describeProblem(p: Problem): string {
  const where = [p.line !== undefined ? `line ${p.line}` : '', p.column ?? p.pointer ?? ''].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** An import that wrote nothing: every problem found, in file order. */
export class ImportFailure extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(describeProblem).join('\n'));
    this.name = 'ImportFailure';
    this.problems = sorted;
  }
}
