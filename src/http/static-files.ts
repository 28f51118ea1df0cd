import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

const require = createRequire(import.meta.url);

/** The folder of an installed package (served from node_modules, never from a CDN). */
export function packageDir(name: string): string {
  // Not `${name}/package.json`: packages with an `exports` map (chart.js) do not export it.
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed`);
}

const cache = new Map<string, Buffer>();

/**
 * Serve `rel` from inside `root`, refusing anything that would climb out of it.
 * Files are read once and kept: they are the app's own assets and do not change.
 */
export async function serveFile(c: Context, root: string, rel: string, maxAge = 3600): Promise<Response> {
  const base = resolve(root);
  const full = normalize(join(base, rel));
  if (full !== base && !full.startsWith(base + sep)) return c.notFound();
  let body = cache.get(full);
  if (!body) {
    try {
      body = await readFile(full);
    } catch {
      return c.notFound();
    }
    cache.set(full, body);
  }
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': TYPES[extname(full)] ?? 'application/octet-stream', 'cache-control': `public, max-age=${maxAge}` },
  });
}
