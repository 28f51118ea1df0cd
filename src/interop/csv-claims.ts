/**
 * Gathers the rows of one claim (Reckon CSV) and turns them into an ImportClaim. Claim
 * columns must agree across rows; a blank cell agrees with anything.
 */
import type { ClaimKind, ImportClaim, Outcome } from '../domain/types.js';
import { AgreedFields } from './agreed-fields.js';
import type { ImportIssue, IssueSink } from './errors.js';
import { CLAIM_COLUMNS, type ClaimColumn, type CsvRow } from './csv-row.js';

/** The rows of one claim, merged as they arrive. */
export class ClaimDraft {
  readonly firstLine: number;
  readonly key: string;
  private readonly fields = new AgreedFields<ClaimColumn>();
  private readonly forecasts: NonNullable<ImportClaim['forecasts']> = [];
  private readonly stances: NonNullable<ImportClaim['stances']> = [];
  readonly sourceIds = new Set<string>();
  private readonly invalid = new Set<ClaimColumn>();

  constructor(row: CsvRow, issues: IssueSink) {
    this.firstLine = row.line;
    this.key = row.key;
    this.add(row, issues);
  }

  /** Merges a row, reporting claim columns that contradict an earlier row. */
  add(row: CsvRow, issues: IssueSink): void {
    for (const column of CLAIM_COLUMNS) this.fields.state(column, row.fields[column], row.line, issues);
    row.invalid.forEach((column) => this.invalid.add(column));
    if (row.forecast) this.forecasts.push(row.forecast);
    if (row.stance) this.stances.push(row.stance);
    if (row.source && (row.forecast || row.stance)) this.sourceIds.add(row.source.id);
  }

  /** The finished claim, or undefined after reporting what it lacks. */
  finish(sink: IssueSink): ImportClaim | undefined {
    const get = (column: ClaimColumn) => this.fields.get(column);
    const line = this.firstLine;
    const issues: ImportIssue[] = [];
    // A column given but unreadable was reported where it was read; "missing" would mislead.
    const missing = (column: ClaimColumn) => get(column) === undefined && !this.invalid.has(column);
    const statement = get('question');
    const criteria = get('criteria');
    const kind = (get('kind') ?? 'prediction') as ClaimKind;
    const outcome = (get('outcome') ?? 'open') as Outcome | 'open';
    const resolvedOn = get('resolved on');
    if (missing('question')) issues.push({ line, field: 'question', message: `claim "${this.key}" has no question on any row` });
    if (missing('criteria')) issues.push({ line, field: 'criteria', message: 'a claim needs resolution criteria' });
    if (kind === 'prediction' && !this.invalid.has('kind') && missing('deadline')) issues.push({ line, field: 'deadline', message: 'a prediction needs a deadline' });
    if (outcome !== 'open' && missing('resolved on')) issues.push({ line, field: 'resolved on', message: `outcome "${outcome}" needs the date it became known` });
    if (outcome === 'open' && !this.invalid.has('outcome') && resolvedOn !== undefined) issues.push({ line, field: 'outcome', message: 'a resolution date needs an outcome' });
    issues.forEach((issue) => sink.push(issue));
    if (issues.length > 0 || this.invalid.size > 0 || statement === undefined || criteria === undefined) return undefined;
    return this.build(kind, statement, criteria, outcome, resolvedOn);
  }

  private build(kind: ClaimKind, statement: string, criteria: string, outcome: Outcome | 'open', resolvedOn?: string): ImportClaim {
    const get = (column: ClaimColumn) => this.fields.get(column);
    const claim: ImportClaim = { kind, title: get('title') ?? statement, statement, resolutionCriteria: criteria };
    const id = get('id');
    const details = get('details');
    const tags = get('tags');
    const deadline = get('deadline');
    const checkBy = get('check by');
    if (id !== undefined) claim.id = id;
    if (details !== undefined) claim.details = details;
    if (tags !== undefined) claim.tags = tags.split('; ');
    if (deadline !== undefined) claim.deadline = deadline;
    if (checkBy !== undefined) claim.checkBy = checkBy;
    if (this.forecasts.length) claim.forecasts = this.forecasts;
    if (this.stances.length) claim.stances = this.stances;
    if (outcome !== 'open' && resolvedOn !== undefined) claim.resolution = { outcome, knownOn: resolvedOn };
    claim.origin = `line ${this.firstLine}`;
    return claim;
  }
}
