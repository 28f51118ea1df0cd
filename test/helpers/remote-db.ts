/**
 * A test file's remote database: the Hrana test server (test/helpers/hrana-server.ts) on a
 * database file, and Reckon's database opened on it over HTTP (remote mode), started before the
 * file's tests and closed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { startHranaServer, type HranaServer } from './hrana-server.js';

/** `path`: the file to serve; by default a new one in a temporary folder, removed afterwards. */
export function useRemoteDb(path?: string): { readonly server: HranaServer; readonly db: Database; readonly app: ReturnType<typeof createApp> } {
  let server: HranaServer | undefined;
  let db: Database | undefined;
  let dir: string | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  beforeAll(async () => {
    if (path === undefined) dir = mkdtempSync(join(tmpdir(), 'reckon-remote-'));
    server = await startHranaServer({ path: path ?? join(dir as string, 'server.db') });
    db = await openDatabase({ url: server.url });
  });
  afterAll(async () => {
    db?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the remote database is opened in beforeAll');
    return x;
  };
  return {
    get server() {
      return started(server);
    },
    get db() {
      return started(db);
    },
    /** The app on it (made when first asked for), with a ledger of its own. */
    get app() {
      const remote = started(db);
      return (app ??= createApp({ db: remote, ledger: new Ledger(remote) }));
    },
  };
}
