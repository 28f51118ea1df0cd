import { existsSync, rmSync } from 'node:fs';
import { DEMO_FILE } from './demo-file.js';
import { readEnv } from './env.js';
import { importBundleFile } from './import/load-bundle.js';
import { startServer } from './server.js';


/** `npm start` serves ./data/reckon.db; `npm run demo` serves a fresh ./data/demo.db with the seed case. */
async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const env = readEnv(demo ? { ...process.env, RECKON_DATABASE_URL: process.env.RECKON_DATABASE_URL ?? 'file:./data/demo.db' } : process.env);
  if (demo && env.RECKON_DATABASE_URL === 'file:./data/demo.db') {
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(`./data/demo.db${suffix}`)) rmSync(`./data/demo.db${suffix}`);
  }
  const running = await startServer(env);
  if (demo) {
    const { count } = await importBundleFile(running.ledger, DEMO_FILE, { actor: 'demo' });
    console.log(`Loaded the North Korea–Russia demo case (${count} events).`);
  }
  console.log(`Reckon is serving ${env.RECKON_DATABASE_URL} at ${running.url}  (API reference: ${running.url}/docs)`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
