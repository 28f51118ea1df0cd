import type { Command as Program } from 'commander';
import { ZodError, type ZodType } from 'zod';
import { openDatabase, type Database } from '../db/client.js';
import type { InstanceRules } from '../domain/instance-rules.js';
import { parseProbability, readProbability } from '../domain/probability-input.js';
import { RuleError, ruleFields } from '../domain/rules.js';
import { databaseOptions, readEnv, type Env } from '../env.js';
import { zodFieldErrors } from '../commands/field-errors.js';
import { InputError, validateInput } from '../commands/validate.js';
import { BulkError, Ledger } from '../ledger/ledger.js';

/** An error the CLI reports on stderr with a non-zero exit code, naming the bad field. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly fields: Array<{ pointer: string; message: string }> = [],
  ) {
    super(message);
  }
}

export interface Ctx {
  env: Env;
  db: Database;
  ledger: Ledger;
  json: boolean;
  /** Who records: the CLI user (RECKON_ACTOR or the OS user). */
  actor: string;
}

/** Open the database named by RECKON_DATABASE_URL, run `fn`, and close it. */
export async function withLedger<T>(opts: { json?: boolean }, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const env = readEnv();
  const db = await openDatabase(databaseOptions(env));
  const ledger = new Ledger(db, { minProbability: env.RECKON_MIN_PROBABILITY, maxProbability: env.RECKON_MAX_PROBABILITY });
  try {
    return await fn({ env, db, ledger, json: Boolean(opts.json), actor: `cli:${process.env.USER ?? 'local'}` });
  } finally {
    db.close();
  }
}

/** The probability bounds this instance records new forecasts under, as configured. */
export function configuredRules(env: Env = readEnv()): InstanceRules {
  return { minProbability: env.RECKON_MIN_PROBABILITY, maxProbability: env.RECKON_MAX_PROBABILITY };
}

/**
 * A probability option as typed (`70%`, `0.7`, odds `7:3`; a bare number above 1 is refused
 * with a hint, never guessed), checked against the instance's bounds; a refusal speaks in the
 * unit typed and names the field (`pointer`).
 */
export function probabilityOption(text: string | undefined, pointer: string, rules: InstanceRules | null): number | undefined {
  if (text === undefined) return undefined;
  const r = rules ? parseProbability(text, 'fraction', rules) : readProbability(text, 'fraction');
  if (!r.ok) throw new CliError('invalid input', 1, [{ pointer, message: r.message }]);
  return 'probability' in r ? r.probability.value : r.value;
}

/** Validate CLI input with the same schema the API and the ledger use; field errors name the field. */
export function parseInput<T>(schema: ZodType<T>, value: unknown): T {
  try {
    return validateInput(schema, value) as T;
  } catch (err) {
    if (err instanceof InputError) throw new CliError('invalid input', 1, err.errors);
    throw err;
  }
}

/** Print a result: JSON with --json, else the text. */
export function out(ctx: { json: boolean }, value: unknown, text: () => string): void {
  process.stdout.write(ctx.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/** Report any error on stderr; return the exit code. */
export function reportError(err: unknown, json: boolean): number {
  let message: string;
  let fields: Array<{ pointer: string; message: string }> = [];
  let code = 1;
  let status: number | undefined;
  let problem: string | undefined;
  const cause = err instanceof BulkError ? err.cause : err;
  if (cause instanceof CliError) {
    message = cause.message;
    fields = cause.fields;
    code = cause.exitCode;
  } else if (cause instanceof InputError) {
    message = 'invalid input';
    status = cause.status;
    fields = cause.errors;
  } else if (cause instanceof RuleError) {
    message = cause.message;
    status = cause.status;
    problem = cause.code;
    if (cause.pointer) fields = ruleFields(cause);
  } else if (cause instanceof ZodError) {
    message = 'invalid input';
    fields = zodFieldErrors(cause);
  } else {
    message = cause instanceof Error ? cause.message : String(cause);
  }
  if (err instanceof BulkError) message = `item ${err.index + 1}: ${message}`;
  if (json) process.stderr.write(`${JSON.stringify({ error: message, ...(status ? { status } : {}), ...(problem ? { code: problem } : {}), fields })}\n`);
  else {
    process.stderr.write(`reckon: ${message}\n`);
    for (const f of fields) process.stderr.write(`  ${f.pointer.replace(/^\//, '') || '(input)'}: ${f.message}\n`);
  }
  return code;
}

/** Commander collects a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function addJson(cmd: Program): Program {
  return cmd.option('--json', 'print machine-readable JSON');
}
