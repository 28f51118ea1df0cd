import { readFile } from 'node:fs/promises';
import { allSources } from '../db/queries.js';
import type { ImportBundle } from '../domain/types.js';
import type { BulkOptions, Ledger } from '../ledger/ledger.js';
import { BundleSchema, bundleCommands } from './bundle.js';

export class BundleError extends Error {
  constructor(readonly issues: Array<{ pointer: string; message: string }>) {
    super(`the bundle did not validate:\n${issues.map((i) => `  ${i.pointer || '/'}: ${i.message}`).join('\n')}`);
  }
}

export function parseBundle(value: unknown): ImportBundle {
  const parsed = BundleSchema.safeParse(value);
  if (!parsed.success) {
    throw new BundleError(parsed.error.issues.map((i) => ({ pointer: i.path.map((p) => `/${String(p)}`).join(''), message: i.message })));
  }
  return parsed.data as ImportBundle;
}

/** Record a bundle in one transaction: all of it or nothing. */
export async function importBundle(ledger: Ledger, bundle: ImportBundle, opts: BulkOptions = {}) {
  const existing = new Set((await allSources(ledger.db.client)).map((s) => s.id));
  return ledger.appendAll(bundleCommands(bundle, existing), opts);
}

export async function importBundleFile(ledger: Ledger, path: string, opts: BulkOptions = {}) {
  return importBundle(ledger, parseBundle(JSON.parse(await readFile(path, 'utf8'))), opts);
}
