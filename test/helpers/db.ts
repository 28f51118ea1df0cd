import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { Ledger, type LedgerOptions } from '../../src/ledger/ledger.js';
import { checkResponse } from './openapi-check.js';

/** A fresh libSQL file in its own temp dir, migrated by the real migrator; removed after the file's tests. */
export async function freshDb(): Promise<Database & { dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'reckon-test-'));
  const path = join(dir, 'reckon.db');
  const db = await openDatabase({ url: `file:${path}` });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return Object.assign(db, { dir, path });
}

/** The real app on a fresh database. */
export async function freshApp(opts: LedgerOptions = {}) {
  const db = await freshDb();
  const ledger = new Ledger(db, opts);
  const app = createApp({ db, ledger });
  return { db, ledger, app };
}

let counter = 0;
/** A unique slug for a test's own rows. */
export function uid(prefix = 't'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

type AppLike = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/**
 * JSON request helper: returns status, headers and parsed body. Every answer from a documented
 * /api/* operation is checked against the OpenAPI document (status, content type, body schema);
 * a mismatch throws, failing the test.
 */
export async function call(app: AppLike, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await app.request(path, init);
  const text = await res.text();
  await checkResponse({ method, path, status: res.status, contentType: res.headers.get('content-type'), text });
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}
