/**
 * Importing Reckon's own export (JSON Lines, one event with its hash per line): the whole
 * chain is verified first, naming the first line that does not verify; then the events the
 * database does not hold are appended verbatim, so the head hash is reproduced. A database
 * whose ledger is a beginning of the file's takes the rest (a later export syncs); one that
 * holds all of it takes nothing ("nothing new"); any other database refuses the file.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { GENESIS_HASH } from '../domain/canonical.js';
import type { LedgerEvent } from '../domain/types.js';
import type { Command } from '../ledger/commands.js';
import { BulkError, type Ledger } from '../ledger/ledger.js';
import { checkLink } from '../ledger/verify.js';
import { escapeControl, ImportFailure } from './problems.js';
import type { ImportOptions, ImportSummary } from './run-import.js';

async function* jsonLines(path: string): AsyncGenerator<{ line: number; event: LedgerEvent }> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (!text.trim()) continue;
    let event: LedgerEvent;
    try {
      event = JSON.parse(text) as LedgerEvent;
    } catch {
      throw new ImportFailure([{ line, message: 'not valid JSON' }]);
    }
    yield { line, event };
  }
}

/** The database's event at `seq` (its hash), or null. */
async function hashAt(ledger: Ledger, seq: number): Promise<string | null> {
  const rs = await ledger.db.client.execute({ sql: 'SELECT hash FROM events WHERE seq = ?', args: [seq] });
  return rs.rows[0] ? String(rs.rows[0].hash) : null;
}

export async function importLedgerExport(ledger: Ledger, path: string, opts: ImportOptions): Promise<ImportSummary> {
  const headRow = (await ledger.db.client.execute('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1')).rows[0];
  const held = headRow ? { seq: Number(headRow.seq), hash: String(headRow.hash) } : { seq: 0, hash: GENESIS_HASH };
  let prev = { seq: 0, hash: GENESIS_HASH };
  let continues = held.seq === 0;
  let lastLine = 0;
  const claims = { created: 0, updated: 0, unchanged: 0 };
  for await (const { line, event } of jsonLines(path)) {
    const problem = checkLink(event, prev);
    if (problem) throw new ImportFailure([{ line, message: escapeControl(`the chain does not verify here: ${problem}`) }]);
    prev = { seq: event.seq, hash: event.hash };
    lastLine = line;
    if (event.seq === held.seq) {
      if (event.hash !== held.hash) throw new ImportFailure([{ line, message: `this export does not continue this database's ledger: event ${event.seq} differs (import a Reckon export into an empty database, or into the one it continues)` }]);
      continues = true;
    }
    if (event.type === 'claim.created') claims[event.seq <= held.seq ? 'unchanged' : 'created']++;
  }
  if (lastLine === 0) throw new ImportFailure([{ line: 1, message: 'the file is empty' }]);
  if (!continues) {
    // The file ends before the database's head: it is an earlier export of this ledger, or another ledger.
    if ((await hashAt(ledger, prev.seq)) !== prev.hash) {
      throw new ImportFailure([{ line: lastLine, message: `this export does not continue this database's ledger: event ${prev.seq} differs (import a Reckon export into an empty database, or into the one it continues)` }]);
    }
  }
  const where = { line: 0 };
  const commands = (async function* () {
    for await (const { line, event } of jsonLines(path)) {
      if (event.seq <= held.seq) continue;
      where.line = line;
      if (line % 10_000 === 0) opts.onProgress?.(line);
      yield { type: 'event.import', event } as Command;
    }
  })();
  try {
    const { count, head } = await ledger.appendAll(commands, { dryRun: opts.dryRun });
    return { format: 'jsonl', dryRun: Boolean(opts.dryRun), claims, events: { appended: count }, problems: [], notes: [], head: head?.hash ?? null };
  } catch (err) {
    if (err instanceof BulkError) throw new ImportFailure([{ line: where.line, message: escapeControl((err.cause as Error).message) }]);
    throw err;
  }
}
