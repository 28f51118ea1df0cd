/**
 * The package bin as users run it: from any directory, through the compiled CLI when it is
 * fresh and through the TypeScript sources when it is not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const elsewhere = mkdtempSync(join(tmpdir(), 'reckon-bin-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

function run(cmd: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, cmd, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: elsewhere, ...env }, timeout: 60_000 });
}

describe('bin/reckon.js', () => {
  it('runs from a directory outside the package (`node /path/to/bin/reckon.js`)', () => {
    const r = run([join(ROOT, 'bin/reckon.js'), '--version'], elsewhere);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it('`reckon import` from elsewhere takes the capped-heap child path and still finds its files', () => {
    const db = join(elsewhere, 'x.db');
    const r = run([join(ROOT, 'bin/reckon.js'), 'import', join(ROOT, 'demo/north-korea-russia.json')], elsewhere, { RECKON_DATABASE_URL: `file:${db}` });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported \d+ claims/);
  });

  it('the build script compiles a CLI that runs with its migrations, web files and workers found from the package root', () => {
    const out = join(ROOT, 'dist', `test-build-${process.pid}.mjs`);
    try {
      const built = run([join(ROOT, 'scripts/build-cli.mjs')], ROOT, { RECKON_BUILD_OUT: out });
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);
      const db = join(elsewhere, 'compiled.db');
      const imported = run([out, 'import', join(ROOT, 'demo/north-korea-russia.json')], elsewhere, { RECKON_DATABASE_URL: `file:${db}` });
      expect(imported.stderr).toBe('');
      expect(imported.status).toBe(0);
      const listed = run([out, 'list', '--json'], elsewhere, { RECKON_DATABASE_URL: `file:${db}` });
      expect(listed.status).toBe(0);
      expect((JSON.parse(listed.stdout) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    } finally {
      rmSync(out, { force: true });
    }
  });
});
