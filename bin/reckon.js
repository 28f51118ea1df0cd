#!/usr/bin/env node
// `npx reckon …`: runs the TypeScript CLI (src/cli/main.ts) through tsx, in a Node process
// whose heap is capped, so that V8 collects as it goes and a large import stays within a
// few hundred MB instead of growing the heap lazily. RECKON_NODE_OPTIONS adds Node flags.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HEAP_MB = 384;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flags = [`--max-old-space-size=${HEAP_MB}`, ...(process.env.RECKON_NODE_OPTIONS ?? '').split(' ').filter(Boolean)];
const child = spawn(process.execPath, [...flags, '--import', 'tsx', join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
