import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Client } from '@libsql/client';
import { checkCheckpoint, signHead, type SigningKey } from './checkpoint.js';
import type { ChainPoint } from './verify.js';

/**
 * The verified mark: how far the hash chain is known to verify, kept as a signed checkpoint
 * (the same `{ seq, hash, at }` message and Ed25519 key as GET /api/checkpoint) in a small
 * file beside the signing key, one per database. Verification resumes after it instead of
 * from the genesis. It is a file, not a row, so that no read ever writes to the database.
 * A mark is believed only if its signature verifies under the instance's own key and event
 * `seq` still has that hash; a mark edited by hand, or one of another database, is ignored
 * and the walk starts from the genesis.
 */
export function verifiedMarkFile(key: SigningKey, databaseUrl: string): string | undefined {
  if (!key.path) return undefined;
  const tag = createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12);
  return `${key.path}.verified-${tag}.json`;
}

export async function readVerifiedMark(file: string, client: Pick<Client, 'execute'>, key: SigningKey): Promise<(ChainPoint & { at: string }) | null> {
  let mark: { seq: number; hash: string; at: string; signature: string };
  try {
    mark = JSON.parse(await readFile(file, 'utf8')) as typeof mark;
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(mark.seq) || typeof mark.hash !== 'string' || typeof mark.at !== 'string' || typeof mark.signature !== 'string') return null;
  const verdict = await checkCheckpoint(client, mark, key.publicKeyPem);
  return verdict.ok ? { seq: mark.seq, hash: mark.hash, at: mark.at } : null;
}

/** Sign `point` and write it (a temp file renamed over the old one: never half written). */
export async function saveVerifiedMark(file: string, key: SigningKey, point: ChainPoint, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const body = { seq: point.seq, hash: point.hash, at, algorithm: 'Ed25519', signature: signHead(key, { seq: point.seq, hash: point.hash, at }) };
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(body)}\n`, { mode: 0o600 });
  await rename(temp, file);
}
