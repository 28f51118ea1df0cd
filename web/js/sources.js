/** Every source, fetched once per page load (and again after one is registered). */
import { api, qs } from './api.js';

let cache = null;

async function fetchAll() {
  const out = [];
  let cursor = null;
  do {
    const page = await api(`/api/sources${qs({ limit: 200, cursor })}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** @returns {Promise<Array<{ id: string, name: string, type: string, country?: string, url?: string }>>} */
export function allSources() {
  cache ??= fetchAll().catch((err) => {
    cache = null;
    throw err;
  });
  return cache;
}

export function forgetSources() {
  cache = null;
}

/** id → name. */
export async function sourceNames() {
  return new Map((await allSources()).map((s) => [s.id, s.name]));
}
