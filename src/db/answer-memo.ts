/**
 * The JSON text of an aggregate answer (survival, base rates, overview, ranked sources,
 * calibration), kept per query for as long as the ledger has not moved: the key is the query
 * and the version is the ledger's head sequence number with the projection epoch (one index
 * lookup), so any append — from this process or another — or a rebuild makes the next request
 * compute the answer afresh from the projections. Concurrent requests for the same query and
 * version share one computation. Bounded in bytes (oldest entries go first).
 */
import type { Client } from '@libsql/client';
import { readRows, type ReadTarget } from './fast-read.js';
import { PROJECTION_EPOCH } from './schema.js';

const MAX_BYTES = 16 * 1024 * 1024;

interface Entry {
  version: string;
  body: Promise<Buffer>;
  bytes: number;
}

const memos = new WeakMap<Client, { entries: Map<string, Entry>; bytes: number }>();

/** The ledger's head and the projection epoch: what every projection is a function of. */
export async function ledgerVersion(target: ReadTarget): Promise<string> {
  const [r] = await readRows(target)(`SELECT (SELECT max(seq) FROM events), ${PROJECTION_EPOCH}`);
  return `${String(r?.[0] ?? 0)}/${String(r?.[1] ?? 0)}`;
}

/** The answer's JSON text for `key` at the ledger's current version, made by `make` when not kept. */
export async function memoAnswer(target: ReadTarget, key: string, make: () => Promise<unknown>): Promise<Buffer> {
  const version = await ledgerVersion(target);
  let memo = memos.get(target.client);
  if (!memo) memos.set(target.client, (memo = { entries: new Map(), bytes: 0 }));
  const kept = memo.entries.get(key);
  if (kept && kept.version === version) return kept.body;
  if (kept) {
    memo.entries.delete(key);
    memo.bytes -= kept.bytes;
  }
  const entry: Entry = { version, bytes: 0, body: make().then((v) => Buffer.from(JSON.stringify(v))) };
  memo.entries.set(key, entry);
  const m = memo;
  entry.body.then(
    (body) => {
      if (m.entries.get(key) !== entry) return;
      entry.bytes = body.byteLength + 2 * key.length;
      m.bytes += entry.bytes;
      for (const [k, e] of m.entries) {
        if (m.bytes <= MAX_BYTES) break;
        m.entries.delete(k);
        m.bytes -= e.bytes;
      }
    },
    // A failed computation is not kept.
    () => {
      if (m.entries.get(key) === entry) m.entries.delete(key);
    },
  );
  return entry.body;
}
