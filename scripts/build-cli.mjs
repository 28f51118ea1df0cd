#!/usr/bin/env node
// Compiles the `reckon` CLI (src/cli/main.ts and everything it imports) into one ES module,
// dist/reckon.mjs, so that `reckon` starts without compiling TypeScript on every run.
// npm runs this as `prepare` after `npm install` / `npm ci`; bin/reckon.js falls back to the
// TypeScript sources (through tsx) whenever dist/ is missing or older than src/.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  // RECKON_BUILD_OUT: another output file (tests build a copy without touching dist/reckon.mjs).
  outfile: process.env.RECKON_BUILD_OUT ?? join(root, 'dist/reckon.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Native bindings load their platform's binary at run time; they stay in node_modules.
  external: ['libsql', '@libsql/*'],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __reckonRequire } from 'node:module'; const require = __reckonRequire(import.meta.url);" },
  logLevel: 'warning',
});
