/**
 * Deterministic, URL-safe ids: lowercase a–z, 0–9 and single hyphens, at most 64 chars.
 * The same name always gives the same id, so re-importing a file names the same
 * sources and claims and the ledger can detect the collision.
 */

export const MAX_ID_LENGTH = 64;

/** Slug of `text` limited to `max` characters; '' when nothing slug-able remains. */
export function slugify(text: string, max = MAX_ID_LENGTH): string {
  const ascii = text
    .normalize('NFKD')
    // Combining marks left by NFKD: "é" becomes "e" rather than a hyphen.
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, max).replace(/-+$/, '');
}

/** 32-bit FNV-1a hash as 8 hex digits: a stable fallback when a name has no Latin letters. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Id for a source named `name`: its slug, or `source-<hash>` for names like "李明". */
export function sourceIdFor(name: string): string {
  return slugify(name) || `source-${shortHash(name.trim())}`;
}

/** Id `<prefix>-<slug of text>` within MAX_ID_LENGTH, e.g. `fatebook-will-it-rain`. */
export function prefixedId(prefix: string, text: string): string {
  const room = MAX_ID_LENGTH - prefix.length - 1;
  return `${prefix}-${slugify(text, room) || shortHash(text)}`;
}
