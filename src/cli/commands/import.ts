import { statSync } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { escapeControl } from '../../import/problems.js';
import { IMPORT_FORMATS, ImportFailure, runImport, type ImportFormatName, type ImportSummary } from '../../import/run-import.js';
import { addJson, CliError, collect, out, withLedger } from '../context.js';

/** `--map question="Their question"` → { question: 'Their question' }. */
function parseMap(pairs: string[] = []): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new CliError('invalid input', 1, [{ pointer: '/map', message: `expected column=Header, got '${pair}'` }]);
    map[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return map;
}

/** A progress bar on a TTY for large files; plain lines otherwise; nothing for small files. */
function progressReporter(path: string) {
  const size = statSync(path).size;
  if (size < 1_000_000) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'importing {bar} {percentage}% | line {value} | {rate} lines/s', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const estimate = Math.max(1, Math.round(size / 60));
    bar.start(estimate, 0, { rate: 0 });
    return {
      update: (line: number) => {
        if (line > bar.getTotal()) bar.setTotal(line);
        bar.update(line, { rate: Math.round(line / Math.max(0.001, (Date.now() - started) / 1000)) });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrint = 0;
  return {
    update: (line: number) => {
      if (Date.now() - lastPrint < 2000) return;
      lastPrint = Date.now();
      process.stderr.write(`importing: line ${line}, ${Math.round(line / Math.max(0.001, (Date.now() - started) / 1000))} lines/s\n`);
    },
    stop: () => undefined,
  };
}

export function registerImport(program: Command): void {
  addJson(
    program
      .command('import <files...>')
      .description('import a file: a Reckon export (JSON Lines, or the claims and forecasts CSV exports), a Reckon bundle, CSV, a Fatebook export, a Metaculus question, or ClaimReview JSON-LD')
      .option('-f, --format <format>', `one of ${IMPORT_FORMATS.join(', ')}`, 'auto')
      .option('--map <column=Header>', 'CSV: read a Reckon column from another header (repeatable)', collect)
      .option('--dry-run', 'validate and report what would be imported, writing nothing')
      .addHelpText(
        'after',
        `\nThe whole file lands in one transaction, or nothing does; every problem names its line.
CSV columns: question, kind, criteria, deadline, source, probability, made at, outcome, resolved on
(optional: id, title, details, tags, check by, stance, date, source type).

Examples:
  $ reckon import forecasts.csv --map question="Question" --map probability="My forecast" --dry-run
  $ reckon import fatebook-export.csv
  $ reckon import reckon-export.jsonl
  $ reckon import claims.csv forecasts.csv   # the two CSV exports, together (one transaction)

Format names are those of reckon export where a format goes both ways (jsonl, claims-csv,
forecasts-csv, claimreview). Importing a file again adds nothing ("nothing new").`,
      ),
  ).action(async (files: string[], o: { format: string; map?: string[]; dryRun?: boolean; json?: boolean }) => {
    const file = files.join(' + ');
    if (!(IMPORT_FORMATS as readonly string[]).includes(o.format)) throw new CliError('invalid input', 1, [{ pointer: '/format', message: `must be one of ${IMPORT_FORMATS.join(', ')}` }]);
    const map = parseMap(o.map);
    for (const f of files) {
      try {
        statSync(f);
      } catch {
        throw new CliError(`cannot read ${escapeControl(f)}`);
      }
    }
    await withLedger(o, async (ctx) => {
      const progress = progressReporter(files[0]!);
      const started = performance.now();
      try {
        const summary = await runImport(ctx.ledger, files.length === 1 ? files[0]! : files, { format: o.format as ImportFormatName, map, dryRun: o.dryRun, actor: ctx.actor, onProgress: progress.update });
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
        out(ctx, { ...summary, seconds }, () => describe(summary, escapeControl(file), seconds));
      } catch (err) {
        progress.stop();
        if (!(err instanceof ImportFailure)) throw err;
        // --json: the same report as a success, its problems listed (and the error on stderr).
        if (ctx.json) {
          const report = { dryRun: Boolean(o.dryRun), claims: { created: 0, updated: 0, unchanged: 0 }, events: { appended: 0 }, problems: err.problems, notes: [], head: null };
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        }
        const n = err.problems.length;
        throw new CliError(
          `nothing was imported: ${n} problem${n === 1 ? '' : 's'} in ${escapeControl(file)}`,
          1,
          err.problems.map((p) => ({ pointer: [p.line !== undefined ? `line ${p.line}` : '', p.column ?? p.pointer ?? ''].filter(Boolean).join(', '), message: p.message })),
        );
      }
    });
  });
}

/** The one-line summary: what was added, or that nothing was new. */
function describe(s: ImportSummary, file: string, seconds: number): string {
  const { created, updated, unchanged } = s.claims;
  const kept = [updated ? `${updated} updated` : '', unchanged ? `${unchanged} unchanged` : ''].filter(Boolean).join(', ');
  if (s.events.appended === 0) return `nothing new: ${file} (${s.format}) holds nothing this database does not${kept ? ` (${kept})` : ''}; nothing was written`;
  const what = `${created} claims${kept ? ` (and ${kept})` : ''} as ${s.events.appended} events from ${file} (${s.format}) in ${seconds.toFixed(1)} s`;
  return s.dryRun ? `dry run: would import ${what}; nothing was written` : `imported ${what}; head ${s.head ?? '(unchanged)'}`;
}
