/**
 * `reckon resolve` warns before resolving when the known-on date would leave forecasts out
 * (made on or after it; a date-only date is the start of that day, UTC) or when the claim's
 * deadline has not come, and in a terminal asks for confirmation (`--yes` skips the question).
 * Without a terminal (scripts, pipes) it warns on stderr and goes on.
 */
import { createInterface } from 'node:readline/promises';
import type { Client } from '@libsql/client';
import { partialDatePrecision } from '../domain/dates.js';
import { readResolutionPreview, type ClaimResolutionPreview } from '../db/resolution-preview.js';
import { CliError } from './context.js';

/** `today` (the default) is now: the outcome is known as of this moment, so forecasts made earlier today count. */
export function knownOnOption(value: string, now = Date.now()): string {
  return value.trim().toLowerCase() === 'today' ? new Date(now).toISOString() : value;
}

/** The warnings, one sentence each; empty when there is nothing to confirm. */
export function resolutionWarnings(p: ClaimResolutionPreview): string[] {
  const out: string[] = [];
  const n = p.uncountedForecasts;
  if (n > 0) {
    const day = partialDatePrecision(p.knownOn) === 'day';
    out.push(
      `${n} forecast${n === 1 ? ' was' : 's were'} made on or after ${p.knownOnFrom} and will not count` +
        (day ? ` (a date-only --known-on means the start of that day, UTC; give a time such as ${p.knownOn}T18:00:00Z, or --known-on today for now)` : ''),
    );
  }
  if (p.beforeDeadline && p.deadline) out.push(`the known-on date is before the deadline (${p.deadline}): this resolves the claim before forecasting closes`);
  return out;
}

/**
 * Warn, and in a terminal ask; throws a CliError (nothing recorded) when the answer is not yes.
 * Returns quietly when the claim does not exist or is not open: the ledger refuses those itself.
 */
export async function confirmResolution(client: Client, claimId: string, knownOn: string, opts: { yes?: boolean }): Promise<void> {
  const preview = await readResolutionPreview(client, claimId, knownOn);
  if (!preview || preview.status !== 'open') return;
  const warnings = resolutionWarnings(preview);
  if (warnings.length === 0) return;
  for (const w of warnings) process.stderr.write(`reckon: warning: ${w}\n`);
  if (opts.yes || !process.stdin.isTTY) return;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Resolve anyway? [y/N] ');
    if (!/^\s*y(es)?\s*$/i.test(answer)) throw new CliError('not resolved: nothing was recorded', 1);
  } finally {
    rl.close();
  }
}
