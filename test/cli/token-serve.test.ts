/**
 * `reckon token …` (the secret is shown once and only its hash is stored) and `reckon serve`
 * (a real server process answering the API, stopped by SIGTERM).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectFailure, inProcess, seedDemo, start, tempHome, type Home } from './helpers.js';

/** The bytes of the database file and its WAL, where a freshly written row may still sit. */
function databaseBytes(home: Home): Buffer {
  return Buffer.concat([home.path, `${home.path}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

describe.concurrent('tokens and the server', { timeout: 180_000 }, () => {
  it('token create prints the secret once; list never shows it; the database holds only its hash; revoke ends it', async () => {
    const home = tempHome();
    await inProcess(home, ({ ledger }) => ledger.append({ type: 'source.register', input: { id: 'alice', name: 'Alice', type: 'forecaster' } }));

    const created = await home.reckon('token', 'create', '--name', 'alice-laptop', '--source', 'alice');
    expect(created.code, created.stderr).toBe(0);
    const token = /^(rk_[0-9a-f]{12}_([A-Za-z0-9_-]{43}))\n\nThis is the only time the token is shown\. It writes as 'alice' with scope write\.\n$/.exec(created.stdout);
    expect(token).not.toBeNull();
    const [full, secret] = [token?.[1] as string, token?.[2] as string];

    const listed = await home.json('token', 'list');
    expect(listed).toEqual([{ id: full.slice(3, 15), name: 'alice-laptop', sourceId: 'alice', scope: 'write', createdAt: expect.any(String), revokedAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const bytes = databaseBytes(home);
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(full)).toBe(false);
    expect(bytes.includes(createHash('sha256').update(secret).digest('hex'))).toBe(true);

    const revoked = await home.reckon('token', 'revoke', 'alice-laptop');
    expect(revoked.stdout).toBe('revoked alice-laptop\n');
    const [after, again] = await Promise.all([home.reckon('token', 'list'), home.reckon('token', 'revoke', 'alice-laptop')]);
    expect(after.stdout).toMatch(/^alice-laptop\s+write\s+alice\s+\S+ {2}revoked \S+\n$/);
    expect(after.stdout).not.toContain(secret);
    expectFailure(again, "reckon: no live token named 'alice-laptop'");
  });

  it('token create refuses the reserved names local, demo and cli:…, and a revoked token’s name', async () => {
    const home = tempHome();
    await inProcess(home, ({ ledger }) => ledger.append({ type: 'source.register', input: { id: 'alice', name: 'Alice', type: 'forecaster' } }));
    for (const name of ['local', 'demo', 'cli:alice']) expectFailure(await home.reckon('token', 'create', '--name', name, '--source', 'alice'), /name: .* is reserved/);
    expect((await home.reckon('token', 'create', '--name', 'old-laptop', '--source', 'alice')).code).toBe(0);
    expect((await home.reckon('token', 'revoke', 'old-laptop')).code).toBe(0);
    expectFailure(await home.reckon('token', 'create', '--name', 'old-laptop', '--source', 'alice'), /revoked token was named 'old-laptop'/);
    expect(await home.json('token', 'list')).toHaveLength(1);
  });

  it('serve listens where it says, answers GET /api/claims, and stops cleanly on SIGTERM', async () => {
    const home = tempHome();
    await seedDemo(home);
    const child = start({ ...home.env, PORT: '0', HOST: '127.0.0.1' }, ['serve']);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          const m = / at (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (m) resolve(m[1] as string);
        });
        void exited.then(() => reject(new Error(`serve exited early:\n${stdout}\n${stderr}`)));
      });
      expect(stdout).toContain(`Reckon is serving file:${home.path} at ${url}\n`);
      expect(url).not.toBe('http://127.0.0.1:0');
      const res = await fetch(`${url}/api/claims?limit=200`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: Array<{ id: string }> };
      expect(body.items.map((c) => c.id).sort()).toEqual(['metaculus-nk-troops-2024', 'nk-never-exported', 'nk-ru-talks-advancing', 'nk-shells-covert-route', 'nk-shells-purchase', 'nk-troops-acknowledged', 'nk-troops-kursk-2024', 'nk-troops-to-russia', 'nk-wagner-delivery']);
    } finally {
      child.kill('SIGTERM');
    }
    // The handler closes the server and the database, then the process ends on its own.
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stderr).toBe('');
  });
});
