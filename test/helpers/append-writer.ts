/**
 * A second writer process for tests: appends N forecasts (concurrently, so they group-commit)
 * to the database in RECKON_DATABASE_URL and prints each acknowledged event's seq and hash.
 * Usage: tsx test/helpers/append-writer.ts <claimId> <sourceId> <count>
 */
import { openDatabase } from '../../src/db/client.js';
import { Ledger } from '../../src/ledger/ledger.js';

const [claimId, sourceId, count] = process.argv.slice(2);
const db = await openDatabase({ url: process.env.RECKON_DATABASE_URL as string });
const ledger = new Ledger(db);
const results = await Promise.all(
  Array.from({ length: Number(count) }, () => ledger.append({ type: 'forecast.record', claimId: claimId as string, input: { sourceId: sourceId as string, probability: 0.6 } })),
);
process.stdout.write(JSON.stringify(results.map((e) => ({ seq: e.seq, hash: e.hash }))));
db.close();
