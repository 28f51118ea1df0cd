/**
 * Runs the real `reckon` CLI in a child process on a temp database, as a user would from a
 * shell (stdin is a pipe, never a TTY). Each home is a fresh directory with its own database
 * and signing key, removed after the file's tests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { afterAll, expect } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { importBundleFile } from '../../src/import/load-bundle.js';
import { Ledger } from '../../src/ledger/ledger.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = join(ROOT, 'test/fixtures/interop');
export const DEMO = join(ROOT, 'demo/north-korea-russia.json');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without any Reckon configuration, so a developer's shell cannot leak in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('RECKON_') && k !== 'PORT' && k !== 'HOST') env[k] = v;
  return env;
}

/** Start `node --import tsx src/cli/main.ts …args` (or another entry) in the project root. */
export function start(env: NodeJS.ProcessEnv, args: string[], entry: string[] = ['--import', 'tsx', 'src/cli/main.ts']) {
  const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  return child;
}

/** Children of this test file running at once: each start keeps a CPU busy for about a second. */
const MAX_CHILDREN = availableParallelism() + 1;
let running = 0;
const waiting: Array<() => void> = [];

/** Run `fn` in a free slot; a finished run hands its slot straight to the next in line. */
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running < MAX_CHILDREN) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Run to the end and collect exit code and output. */
export function run(env: NodeJS.ProcessEnv, args: string[], entry?: string[]): Promise<Run> {
  return slot(() => runNow(env, args, entry));
}

function runNow(env: NodeJS.ProcessEnv, args: string[], entry?: string[]): Promise<Run> {
  const child = start(env, args, entry);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export interface Home {
  dir: string;
  /** The SQLite file. */
  path: string;
  env: NodeJS.ProcessEnv;
  /** `reckon …args` on this home's database. */
  reckon(...args: string[]): Promise<Run>;
  /** `reckon …args --json`, which must exit 0; its stdout parsed. */
  json(...args: string[]): Promise<any>;
  /** Run `fn` on a plain connection to the SQLite file (no migrations, no ledger), then close it. */
  sqlite<T>(fn: (c: Client) => Promise<T>): Promise<T>;
  /** Number of rows in the events table, read directly from the file. */
  events(): Promise<number>;
}

/** Every temp directory this test file made, removed after its tests (homes are made inside tests too). */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory with its own database URL and signing key; removed after the file. */
export function tempHome(): Home {
  const dir = mkdtempSync(join(tmpdir(), 'reckon-cli-'));
  made.push(dir);
  return homeAt(dir, join(dir, 'r.db'));
}

/** A home on a given database file (e.g. a backup), sharing `dir`'s signing key. */
export function homeAt(dir: string, path: string): Home {
  const env = { ...baseEnv(), RECKON_DATABASE_URL: `file:${path}`, RECKON_SIGNING_KEY_FILE: join(dir, 'key.pem') };
  const home: Home = {
    dir,
    path,
    env,
    reckon: (...args) => run(env, args),
    async json(...args) {
      const r = await run(env, [...args, '--json']);
      expect(r.code, `reckon ${args.join(' ')} --json\n${r.stderr}`).toBe(0);
      return JSON.parse(r.stdout);
    },
    sqlite: (fn) =>
      turn(async () => {
        const c = createClient({ url: `file:${path}` });
        try {
          return await fn(c);
        } finally {
          c.close();
        }
      }),
    events: () => home.sqlite(async (c) => Number((await c.execute('SELECT count(*) AS n FROM events')).rows[0]?.n)),
  };
  return home;
}

/** A unique slug per call, so concurrent tests never share a claim or source. */
let counter = 0;
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Assert a failed run: exit code ≠ 0, nothing on stdout, and stderr naming every `needle`. */
export function expectFailure(r: Run, ...needles: Array<string | RegExp>): void {
  expect(r.code, `expected a failure, got stdout:\n${r.stdout}`).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.stdout).toBe('');
  for (const n of needles) expect(r.stderr).toMatch(n);
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/**
 * One in-process connection at a time: libSQL calls are synchronous, so a second connection
 * in this thread waiting on the first one's write lock would block the very event loop the
 * first needs to commit.
 */
let inProcessTurn: Promise<unknown> = Promise.resolve();

function turn<T>(fn: () => Promise<T>): Promise<T> {
  const result = inProcessTurn.then(fn);
  inProcessTurn = result.catch(() => undefined);
  return result;
}

/** Open the home's database in this process, with the ledger and app the server would use; closed after `fn`. */
export function inProcess<T>(home: Pick<Home, 'path'>, fn: (deps: { db: Database; ledger: Ledger; app: ReturnType<typeof createApp> }) => Promise<T>): Promise<T> {
  return turn(async () => {
    const db = await openDatabase({ url: `file:${home.path}` });
    try {
      const ledger = new Ledger(db);
      return await fn({ db, ledger, app: createApp({ db, ledger }) });
    } finally {
      db.close();
    }
  });
}

/** Record the demo case (10 sources, 9 claims, 56 events) in this process, to set a home up. */
export function seedDemo(home: Pick<Home, 'path'>): Promise<unknown> {
  return inProcess(home, ({ ledger }) => importBundleFile(ledger, DEMO));
}
