/**
 * `npm start` and `reckon serve` on a port another program holds: one line that names the
 * port and the fix, exit code 1, and nothing else (no stack, no unhandled 'error' event).
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, tempHome } from './helpers.js';

let holder: Server;
let port: number;
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  port = (holder.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

describe('a port in use', () => {
  it('`npm start` (src/main.ts) prints one line and exits 1', async () => {
    const home = tempHome();
    const r = await run({ ...home.env, PORT: String(port), HOST: '127.0.0.1' }, [], ['--import', 'tsx', 'src/main.ts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`port ${port} is in use; set PORT (or --port) to another port\n`);
    expect(r.stdout).toBe('');
  });

  it('`reckon serve --port N` says the same, as a CLI error', async () => {
    const home = tempHome();
    const r = await run({ ...home.env, HOST: '127.0.0.1' }, ['serve', '--port', String(port)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`reckon: port ${port} is in use; set PORT (or --port) to another port\n`);
    expect(r.stdout).toBe('');
  });
});
