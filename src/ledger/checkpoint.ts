import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client } from '@libsql/client';
import { canonicalJson, GENESIS_HASH } from '../domain/canonical.js';
import { readHead } from './view.js';

/**
 * A signed checkpoint of the ledger head. The signature (Ed25519, base64) covers the RFC 8785
 * canonical JSON of `{ seq, hash, at }`. Published elsewhere, it lets anyone prove later that
 * the ledger still holds that head at that sequence number, which a hash chain alone cannot
 * (it cannot see a log cut short or rewritten whole).
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  algorithm: 'Ed25519';
  signature: string;
  publicKey: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** The key's file, when loaded from one (the verified mark is kept beside it). */
  path?: string;
}

/** The instance's Ed25519 key, created (mode 0600) on first use. */
export function loadSigningKey(path: string): SigningKey {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  const privateKey = createPrivateKey(readFileSync(path));
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), path };
}

const message = (c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>) => Buffer.from(canonicalJson({ seq: c.seq, hash: c.hash, at: c.at }));

/** The Ed25519 signature (base64) of `{ seq, hash, at }`, as a checkpoint carries it. */
export function signHead(key: SigningKey, body: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): string {
  return sign(null, message(body), key.privateKey).toString('base64');
}

export async function makeCheckpoint(client: Client, key: SigningKey, now = new Date()): Promise<Checkpoint> {
  const head = await readHead(client);
  const body = { seq: head.seq, hash: head.hash, at: now.toISOString() };
  return { ...body, algorithm: 'Ed25519', signature: signHead(key, body), publicKey: key.publicKeyPem };
}

export type CheckpointVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Does the ledger still hold this checkpoint? The signature must verify under `publicKeyPem`
 * (the instance's own key, not one the checkpoint brings), and event `seq` must exist with
 * that hash (seq 0: the genesis hash). The caller also walks the chain from there.
 */
export async function checkCheckpoint(client: Pick<Client, 'execute'>, cp: Pick<Checkpoint, 'seq' | 'hash' | 'at' | 'signature'>, publicKeyPem: string): Promise<CheckpointVerdict> {
  let signed = false;
  try {
    signed = verify(null, message(cp), createPublicKey(publicKeyPem), Buffer.from(cp.signature, 'base64'));
  } catch {
    signed = false;
  }
  if (!signed) return { ok: false, reason: 'the signature does not verify under this instance’s public key' };
  if (cp.seq === 0) return cp.hash === GENESIS_HASH ? { ok: true } : { ok: false, reason: 'a checkpoint at 0 must carry the genesis hash' };
  const rs = await client.execute({ sql: 'SELECT hash FROM events WHERE seq = ?', args: [cp.seq] });
  const row = rs.rows[0];
  if (!row) return { ok: false, reason: `the ledger no longer reaches sequence number ${cp.seq} (cut short?)` };
  if (String(row.hash) !== cp.hash) return { ok: false, reason: `event ${cp.seq} no longer has the checkpointed hash (rewritten?)` };
  return { ok: true };
}
