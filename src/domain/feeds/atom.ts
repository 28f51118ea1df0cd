/**
 * An Atom feed (RFC 4287) as text. Pure: the caller passes the entries and the feed's identity.
 *
 * What RFC 4287 requires and this gives: atom:feed has exactly one id, title and updated, and an
 * author (§4.1.1); each atom:entry has exactly one id, title and updated (§4.1.2), and a link
 * rel="alternate" since it has no content (§4.1.2), plus a summary. Dates are RFC 3339
 * (§3.3); ids are IRIs that never change (§4.2.6), so a reader never shows an entry twice.
 */

export interface FeedEntry {
  /** A permanent IRI: the same state of the same claim always gives the same id. */
  id: string;
  title: string;
  /** RFC 3339 instant of the last significant change of this entry. */
  updated: string;
  link: string;
  summary: string;
  /** Atom category terms (e.g. `overdue`, `due-soon`, `resolved`). */
  category: string;
}

/** XML character data and attribute values: the five predefined entities; C0 controls dropped (not allowed in XML 1.0). */
export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A stored instant as RFC 3339 in UTC (`2024-05-01T12:03:04.567Z`). */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString();
}

function entryXml(e: FeedEntry): string {
  return [
    '  <entry>',
    `    <id>${escapeXml(e.id)}</id>`,
    `    <title>${escapeXml(e.title)}</title>`,
    `    <updated>${rfc3339(e.updated)}</updated>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
    `    <category term="${escapeXml(e.category)}"/>`,
    `    <summary type="text">${escapeXml(e.summary)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/**
 * The feed; `updated` is the latest entry's (or `emptyUpdated` when there is none), so the feed
 * changes only when an entry does. Entries newest first.
 */
export function buildAtomFeed(opts: { id: string; title: string; selfUrl: string; siteUrl: string; author: string; entries: FeedEntry[]; emptyUpdated: string }): string {
  const entries = [...opts.entries].sort((a, b) => Date.parse(b.updated) - Date.parse(a.updated) || (a.id < b.id ? -1 : 1));
  const updated = entries[0]?.updated ?? opts.emptyUpdated;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(opts.id)}</id>`,
    `  <title>${escapeXml(opts.title)}</title>`,
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <author><name>${escapeXml(opts.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(opts.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(opts.siteUrl)}"/>`,
    '  <generator>Reckon</generator>',
    ...entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
