import { Option, type Command } from 'commander';
import { claimFromRow, claimSummaries, listClaimRows, type ClaimFilters } from '../../db/claim-list.js';
import type { LatestForecast } from '../../db/claim-list-row.js';
import { readClaimView } from '../../db/claim-read.js';
import { addJson, CliError, out, withLedger } from '../context.js';
import { CLAIM_KINDS, STATUSES } from '../../domain/types.js';

/** The API's list filters, as commander hands them over (limit as text). */
type ListOptions = Omit<ClaimFilters, 'limit' | 'now'> & { limit: string; json?: boolean };

const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;

export function registerList(program: Command): void {
  addJson(
    program
      .command('list')
      .description('list claims, with the same filters as the API')
      .addOption(new Option('--kind <kind>', 'prediction or allegation').choices(CLAIM_KINDS))
      .addOption(new Option('--status <status>', 'open, confirmed, refuted, annulled, unresolvable or resolved (with a value)').choices(STATUSES))
      .option('--tag <tag>', 'claims with this tag')
      .option('--source <id>', 'claims this source forecast or took a stance on')
      .option('-q, --q <text>', 'full-text search')
      .addOption(new Option('--due <when>', 'passed or upcoming').choices(['passed', 'upcoming']))
      .addOption(new Option('--sort <sort>', 'newest or oldest (by date in the world), recorded (newest recorded first) or deadline').choices(['newest', 'oldest', 'recorded', 'deadline']).default('newest'))
      .option('--limit <n>', 'page size', '50')
      .option('--cursor <cursor>', 'next page, from a previous --json answer')
      .addHelpText('after', '\nExample:\n  $ reckon list --kind allegation --status open --tag north-korea'),
  ).action(async (o: ListOptions) => {
    const limit = Number(o.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new CliError('invalid input', 1, [{ pointer: '/limit', message: 'must be a whole number from 1 to 200' }]);
    await withLedger(o, async (ctx) => {
      const { rows, nextCursor } = await listClaimRows(ctx.db.client, { ...o, limit });
      const claims = rows.map(claimFromRow);
      const { forecasts, tallies } = await claimSummaries(ctx.db.client, claims.map((c) => c.id));
      const items = claims.map((c) => ({ ...c, latestForecasts: forecasts.get(c.id) ?? [], stanceTally: tallies.get(c.id) ?? { asserts: 0, denies: 0 } }));
      out(ctx, { items, nextCursor }, () =>
        items
          .map((c) => {
            const due = c.deadline ?? c.checkBy ?? '';
            const summary = c.kind === 'prediction' ? c.latestForecasts.map((f) => `${f.sourceId} ${latestInWords(c, f)}`).join(', ') : `${c.stanceTally.asserts} assert / ${c.stanceTally.denies} deny`;
            return `${c.id.padEnd(32)} ${c.kind.padEnd(10)} ${c.status.padEnd(12)} ${due.padEnd(10)} ${c.title}${c.editedAfterForecasts ? ' [edited after forecasts]' : ''}\n${' '.repeat(33)}${summary}`;
          })
          .join('\n') + (nextCursor ? `\n(more: --cursor ${nextCursor})` : '') || '(no claims)',
      );
    });
  });

  addJson(
    program
      .command('show <claimId>')
      .description('show a claim with its whole history')
      .option('--as-of <datetime>', 'as it stood at that moment in the world')
      .addHelpText('after', '\nExample:\n  $ reckon show nk-wagner-delivery --as-of 2023-01-01'),
  ).action(async (id: string, o: { asOf?: string; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const view = await readClaimView(ctx.db.client, id, { asOf: o.asOf });
      if (!view) throw new CliError(`no claim with id '${id}'${o.asOf ? ` as of ${o.asOf}` : ''}`);
      out(ctx, view, () => {
        const lines = [`${view.title}  [${view.kind}, ${view.status}]`, `  ${view.statement}`, `  Criteria: ${view.resolutionCriteria}`];
        if (view.options) lines.push(`  Options${view.ordered ? ' (ordered)' : ''}: ${view.options.join(' | ')}`);
        if (view.range) lines.push(`  Range: ${view.range.openLower ? '(' : '['}${view.range.min}, ${view.range.max}${view.range.openUpper ? ')' : ']'} ${view.range.scale}`);
        if (view.deadline) lines.push(`  Deadline: ${view.deadline}`);
        for (const t of view.timeline) lines.push(`  #${t.seq} ${t.worldAt.slice(0, 10)} ${EVENT_WORDS[t.type] ?? t.type}${t.retracted ? ' (retracted)' : ''} ${describe(t.payload)}`);
        return lines.join('\n');
      });
    });
  });
}

/** What each event is called in a person's words (the JSON keeps the event type). */
const EVENT_WORDS: Record<string, string> = {
  'source.registered': 'source registered',
  'claim.created': 'logged',
  'claim.edited': 'edited',
  'forecast.recorded': 'forecast',
  'stance.recorded': 'stance',
  'evidence.recorded': 'evidence',
  'claim.resolved': 'resolved',
  'claim.reopened': 'reopened',
  'event.retracted': 'retraction',
};

function describe(p: Record<string, unknown>): string {
  if (typeof p.probability === 'number') return `${p.sourceId} ${pct(p.probability)}`;
  if (Array.isArray(p.probabilities)) return `${p.sourceId} ${(p.probabilities as number[]).map(pct).join(' / ')}`;
  if (Array.isArray(p.cdf)) return `${p.sourceId} a distribution (CDF of ${(p.cdf as number[]).length} points)`;
  if (p.value !== undefined) return `with ${JSON.stringify(p.value)} (known on ${p.knownOn})`;
  if (typeof p.stance === 'string') return `${p.sourceId} ${p.stance}`;
  if (typeof p.bearing === 'string') return `${p.bearing}: ${p.summary}`;
  if (typeof p.outcome === 'string') return `${p.outcome} (known on ${p.knownOn})`;
  if (typeof p.reason === 'string') return `— ${p.reason}`;
  return '';
}

/** A latest forecast in a line: "70%", the leading option "Austria 45%", or "median 11000 (50 %: 9500–12600)". */
function latestInWords(c: { options?: string[] }, f: LatestForecast): string {
  if ('probability' in f) return pct(f.probability);
  if ('probabilities' in f) {
    const lead = f.probabilities.indexOf(Math.max(...f.probabilities));
    return `${c.options?.[lead] ?? `option ${lead + 1}`} ${pct(f.probabilities[lead] ?? 0)}`;
  }
  return `median ${f.median} (50 %: ${f.lowerQuartile}–${f.upperQuartile})`;
}
