/** Ids are URL-safe slugs: lowercase letters, digits, `-` and `_`, starting with a letter or digit, at most 64 long. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const SLUG_REGEX_SOURCE = '^[a-z0-9][a-z0-9_-]{0,63}$';

/** A slug made from free text: "North Korea's shells!" → "north-korea-s-shells". */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || 'item';
}
