/**
 * One import of claims (every format but Reckon's JSON Lines): the commands it gives the
 * ledger (new sources, new claims, and what is new in claims already recorded), and every
 * problem found on the way, named by line and column or JSON Pointer.
 */
import type { ImportClaim, SourcePayload } from '../domain/types.js';
import { MAX_ISSUES, whereOf } from '../interop/index.js';
import type { Command } from '../ledger/commands.js';
import type { Ledger } from '../ledger/ledger.js';
import { claimCommands, derivedClaimId } from './bundle.js';
import { escapeControl, toPointer, type Problem } from './problems.js';
import { readRecordedClaim } from './recorded.js';
import { isUnchanged, syncClaim } from './sync.js';

/** The formats of claims; `jsonl` is a ledger, imported event by event. */
export type ClaimFormat = 'claims-csv' | 'forecasts-csv' | 'claimreview' | 'bundle' | 'csv' | 'fatebook' | 'metaculus';

/** A claim with the sources it is the first to mention. */
export type Item = { claim: ImportClaim; sources: SourcePayload[] };

/** Thrown at the end of the commands when problems were found, so that the ledger writes nothing. */
export class ProblemsFound extends Error {}

export const CSV_FORMATS: ReadonlySet<ClaimFormat> = new Set(['csv', 'fatebook', 'claims-csv', 'forecasts-csv']);

/**
 * Where a command's item was read: its own mark, else its claim's (`line 12`, or a path). A
 * rule's pointer names a Reckon field: the column in CSV; in a bundle (Reckon's own shape)
 * it continues the item's pointer; in another JSON format the item's own pointer is kept.
 */
function locate(item: object | undefined, claim: ImportClaim, format: ClaimFormat, rulePointer?: string): Omit<Problem, 'message'> {
  const csv = CSV_FORMATS.has(format);
  const own = item ? whereOf(item) : undefined;
  const at = own ?? whereOf(claim) ?? (claim.origin && /^line \d+$/.test(claim.origin) ? { line: Number(claim.origin.slice(5)) } : claim.origin ? { field: claim.origin } : {});
  const problem: Omit<Problem, 'message'> = {};
  if (at.line !== undefined) problem.line = at.line;
  const base = at.field ? toPointer(at.field) : '';
  if (csv) {
    if (rulePointer) problem.column = rulePointer.replace(/^\//, '');
  } else if (base && format !== 'bundle') problem.pointer = base;
  else if (base || rulePointer) problem.pointer = `${base}${rulePointer ?? ''}`;
  return problem;
}

/** One import of claims: what it found, and the commands it gives the ledger. */
export class ClaimImport {
  readonly claims = { created: 0, updated: 0, unchanged: 0 };
  readonly problems: Problem[] = [];
  /** Claims whose creation the rules refused: the rest of their commands are not sent. */
  private readonly refusedClaims = new Set<string>();
  /** The command the ledger is deciding, and its claim (the one a refusal concerns). */
  current: { cmd: Command; claim: ImportClaim } | undefined;

  constructor(
    private readonly ledger: Ledger,
    private readonly format: ClaimFormat,
    private readonly knownSources: Set<string>,
    private readonly knownClaims: Set<string>,
    private readonly onProgress?: (done: number) => void,
  ) {}

  report(item: object | undefined, claim: ImportClaim, message: string, pointer?: string): void {
    if (this.problems.length < MAX_ISSUES) this.problems.push({ ...locate(item, claim, this.format, pointer), message: escapeControl(message) });
  }

  /** A refusal by the ledger's rules, reported against the command being decided. */
  refused(err: unknown): void {
    if (!this.current) return;
    const { cmd, claim } = this.current;
    if (cmd.type === 'claim.create') this.refusedClaims.add(claim.id!);
    const item = cmd.type === 'forecast.record' || cmd.type === 'stance.record' ? cmd.input : undefined;
    const e = err as { message?: string; pointer?: string };
    this.report(item, claim, e.message ?? String(err), e.pointer);
  }

  /** Every command of the file: new sources, new claims, and what is new in recorded ones. */
  async *commands(source: AsyncIterable<Item> | Iterable<Item>): AsyncGenerator<Command> {
    let n = 0;
    for await (const { claim, sources } of source) {
      // Enough is listed: the rest of the file is not read.
      if (this.problems.length >= MAX_ISSUES) return;
      if (++n % 1000 === 0) this.onProgress?.(Number(/^line (\d+)$/.exec(claim.origin ?? '')?.[1] ?? n));
      for (const s of sources) {
        if (this.knownSources.has(s.id)) continue;
        this.knownSources.add(s.id);
        this.current = { cmd: { type: 'source.register', input: s }, claim };
        yield this.current.cmd;
      }
      claim.id ??= derivedClaimId(this.format, claim);
      for (const cmd of await this.claimCommands(claim as ImportClaim & { id: string })) {
        if (this.refusedClaims.has(claim.id)) break;
        this.current = { cmd, claim };
        yield cmd;
      }
    }
    // Problems found here (not by the ledger's rules) must stop the commit too.
    if (this.problems.length > 0) throw new ProblemsFound();
  }

  /** A new claim's commands, or a recorded claim's new parts (contradictions reported). */
  private async claimCommands(claim: ImportClaim & { id: string }): Promise<Iterable<Command>> {
    const onProblem = (item: object, err: { message: string; pointer?: string }) => this.report(item, claim, err.message, err.pointer);
    const recorded = this.knownClaims.has(claim.id) ? await readRecordedClaim(this.ledger.db.client, claim.id) : null;
    if (!recorded) {
      this.claims.created++;
      return claimCommands(claim, { onProblem });
    }
    const { delta, recorded: parts, contradictions } = syncClaim(claim, recorded);
    for (const c of contradictions) this.report(c.item, claim, c.message, `/${c.field}`);
    if (isUnchanged(delta)) {
      this.claims.unchanged++;
      return [];
    }
    this.claims.updated++;
    return claimCommands(delta, { recorded: parts, onProblem });
  }
}

