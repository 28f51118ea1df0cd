import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { allEvents, exportClaims, exportForecasts } from '../../export/read.js';
import { CLAIMS_CSV_HEADER, claimReviewJsonLd, claimToCsvLine, FORECASTS_CSV_HEADER, forecastToCsvLine, type ExportClaim } from '../../interop/index.js';
import { addJson, CliError, withLedger } from '../context.js';

/** The same names as `reckon import`'s (`reckon-jsonl` is jsonl's other name there too). */
export const EXPORT_FORMATS = ['jsonl', 'claims-csv', 'forecasts-csv', 'claimreview', 'reckon-jsonl'] as const;

/** Write, waiting when the stream asks for it, so memory stays flat on a large export. */
async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
}

export function registerExport(program: Command): void {
  addJson(
    program
      .command('export')
      .description('export the ledger (JSON Lines, every event with its hash), claims or forecasts as CSV, or resolved allegations as ClaimReview JSON-LD')
      .option('-f, --format <format>', EXPORT_FORMATS.join(', '), 'jsonl')
      .option('-o, --out <file>', 'write to a file instead of stdout')
      .option('--base-url <url>', 'ClaimReview: where this Reckon is published', 'http://127.0.0.1:3000')
      .option('--publisher <name>', 'ClaimReview: the publishing organisation', 'Reckon')
      .addHelpText('after', `\nExamples:\n  $ reckon export > ledger.jsonl            # import it elsewhere with: reckon import ledger.jsonl\n  $ reckon export --format forecasts-csv -o forecasts.csv   # with claims-csv: reckon import claims.csv forecasts.csv\n  $ reckon export --format claimreview --base-url https://reckon.example.org`),
  ).action(async (o: { format: string; out?: string; baseUrl: string; publisher: string; json?: boolean }) => {
    if (!(EXPORT_FORMATS as readonly string[]).includes(o.format)) throw new CliError('invalid input', 1, [{ pointer: '/format', message: `must be one of ${EXPORT_FORMATS.join(', ')}` }]);
    if (o.format === 'reckon-jsonl') o.format = 'jsonl';
    await withLedger(o, async (ctx) => {
      const stream: Writable = o.out ? createWriteStream(o.out) : process.stdout;
      // A reader that stops early (`reckon export | head`) ends the export quietly, as Unix tools do.
      if (!o.out) {
        stream.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EPIPE') process.exit(0);
          throw err;
        });
      }
      let n = 0;
      if (o.format === 'jsonl') {
        for await (const e of allEvents(ctx.db.client)) (await write(stream, `${JSON.stringify(e)}\n`), n++);
      } else if (o.format === 'claims-csv') {
        await write(stream, CLAIMS_CSV_HEADER);
        for await (const c of exportClaims(ctx.db.client)) (await write(stream, claimToCsvLine(c)), n++);
      } else if (o.format === 'forecasts-csv') {
        await write(stream, FORECASTS_CSV_HEADER);
        for await (const f of exportForecasts(ctx.db.client)) (await write(stream, forecastToCsvLine(f)), n++);
      } else {
        const claims: ExportClaim[] = [];
        for await (const c of exportClaims(ctx.db.client, "AND c.kind = 'allegation' AND c.status IN ('confirmed', 'refuted')")) claims.push(c);
        const reviews = claimReviewJsonLd(claims, { baseUrl: o.baseUrl, publisher: { name: o.publisher, url: o.baseUrl } });
        n = reviews.length;
        await write(stream, `${JSON.stringify(reviews, null, 2)}\n`);
      }
      if (o.out) {
        await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
        process.stderr.write(`wrote ${n} ${o.format === 'jsonl' ? 'events' : 'records'} to ${o.out}\n`);
      }
    });
  });
}
