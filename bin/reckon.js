#!/usr/bin/env node
// `npx reckon …`. Runs the compiled CLI (dist/reckon.mjs, built by `npm run build`, which npm
// runs on install) in this process, so a command starts in a fraction of a second. When
// dist/ is missing or older than any file under src/ (a developer's checkout), it runs the
// TypeScript sources through tsx instead, resolved from this package, not the working
// directory, so `node /path/to/bin/reckon.js` works from anywhere.
//
// `reckon import` runs in a child process whose heap is capped, so that V8 collects as it goes
// and a large import stays within a few hundred MB instead of growing the heap lazily.
// RECKON_NODE_OPTIONS adds Node flags to that child (and forces a child for every command).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HEAP_MB = 384;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist/reckon.mjs');

/** Newest modification time (ms) of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function compiledIsFresh() {
  try {
    return statSync(compiled).mtimeMs >= newest(join(root, 'src'));
  } catch {
    return false;
  }
}

const fresh = compiledIsFresh();
const args = process.argv.slice(2);
const extraFlags = (process.env.RECKON_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
const needsChild = args[0] === 'import' || extraFlags.length > 0;

// A reader that stops early (`reckon list | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

if (fresh && !needsChild) {
  await import(pathToFileURL(compiled).href);
} else {
  const entry = fresh
    ? [compiled]
    : ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/main.ts')];
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...extraFlags, ...entry, ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
