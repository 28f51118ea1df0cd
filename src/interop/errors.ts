/**
 * Errors and notes shared by every importer. Importers are strict: they collect every
 * problem in the input and throw one ImportError listing them all, so a user can fix a
 * file in one pass instead of one error per attempt.
 */

/** One problem (or, in `notes`, one thing skipped) found in an input file. */
export interface ImportIssue {
  /** 1-based line in the input file (for CSV, the physical line where the record starts). */
  line?: number;
  /** Column name (CSV) or JSON path (`question.aggregations.recency_weighted.history[3]`). */
  field?: string;
  message: string;
}

/** Thrown by importers; `issues` lists every problem found, in input order. */
export class ImportError extends Error {
  readonly issues: ImportIssue[];

  constructor(issues: ImportIssue[]) {
    super(summarise(issues));
    this.name = 'ImportError';
    this.issues = issues;
  }
}

/** Formats one issue as `line 4, probability: ...`. */
export function formatIssue(issue: ImportIssue): string {
  const where = [issue.line !== undefined ? `line ${issue.line}` : '', issue.field ?? ''].filter(Boolean).join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}

function summarise(issues: ImportIssue[]): string {
  const head = issues.slice(0, 5).map(formatIssue).join('; ');
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `Import failed with ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${head}${more}`;
}

/** Past this many issues the rest are counted, not kept: a broken million-row file must not exhaust memory. */
export const MAX_ISSUES = 1000;

/** Anything issues can be pushed to: an array, or an IssueCollector. */
export interface IssueSink {
  push(issue: ImportIssue): unknown;
}

/** Collects issues up to MAX_ISSUES and throws them together. */
export class IssueCollector implements IssueSink {
  readonly issues: ImportIssue[] = [];
  private dropped = 0;

  /** Records a problem. */
  push(issue: ImportIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
    else this.dropped++;
  }

  /** True once any problem has been recorded. */
  get any(): boolean {
    return this.issues.length > 0;
  }

  /** Throws an ImportError if any problem was recorded. */
  throwIfAny(): void {
    if (!this.any) return;
    const tail = this.dropped > 0 ? [{ message: `${this.dropped} further problems were not listed` }] : [];
    throw new ImportError([...this.issues, ...tail]);
  }
}
