/**
 * The claim list's full-text search: the FTS5 query for a search's words, with prefix words
 * expanded to the indexed terms they stand for.
 */
import type { Client } from '@libsql/client';
import type { Db } from './claim-list-sql.js';

/** Largest number of indexed terms a prefix word is expanded to; beyond it the word stays a prefix query. */
const MAX_TERMS = 32;
/**
 * Claims a prefix may match for its postings to be merged cheaply (then it stays a prefix
 * term); and, for a query, for its matches to be listed and sorted rather than walked in order.
 */
export const FEW_MATCHES = 1000;

interface Expansion {
  terms: string[];
  /** Claims with any of the terms. */
  docs: number;
}

/** Per database client: prefix → the indexed terms it matches (null: too many; a promise while read), for one vocabulary version. */
const expansions = new WeakMap<Client, { version: number; terms: Map<string, Promise<Expansion | null>> }>();

const quoteFts = (s: string) => `"${s.replaceAll('"', '""')}"`;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * The FTS5 query for the words of `q` — every word must match as a prefix, each quoted so
 * that user text is never read as FTS syntax — with
 * an upper bound on the claims it matches (Infinity: unknown); null when some word matches
 * no indexed term at all.
 *
 * SQLite's FTS5 answers a prefix term by first merging the postings of every term it matches
 * into one list, whatever the LIMIT: for a word in every claim ("question"*) that is the whole
 * index. So a prefix word in plain ASCII letters and digits (which the unicode61 tokenizer only
 * lowercases) whose terms are in many claims is replaced by the OR of those terms, read with
 * their claim counts from the fts5vocab table over the index; exact terms are read lazily,
 * and a query ordered by rowid stops after a page. The expansion is cached per prefix until
 * the vocabulary can have changed: its version is the newest claim_revisions row (one is
 * written for every claim created or edited, the only writes that change the indexed text).
 * Other words, prefixes of few claims, and prefixes of more than MAX_TERMS terms stay prefix
 * terms as before.
 */
export async function ftsMatch(db: Db, q: string): Promise<{ match: string; atMost: number } | null> {
  const words = (q.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 20);
  if (words.length === 0) return null;
  const known = new Map<string, Expansion | null>();
  if (words.some((w) => ASCII_WORD.test(w))) {
    const [r] = await db.rows('SELECT max(rowid) FROM claim_revisions');
    const version = Number(r?.[0] ?? 0);
    let cache = expansions.get(db.client);
    if (!cache || cache.version !== version || cache.terms.size > 10_000) expansions.set(db.client, (cache = { version, terms: new Map() }));
    for (const w of words) {
      const prefix = w.toLowerCase();
      if (!ASCII_WORD.test(w) || known.has(prefix)) continue;
      let expansion = cache.terms.get(prefix);
      if (!expansion) {
        // Every term starting with the prefix, and no other, lies in [prefix, prefix with its last character + 1).
        const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
        const entries = cache.terms;
        expansion = db
          .rows('SELECT term, doc FROM claims_fts_vocab WHERE term >= ? AND term < ? LIMIT ?', [prefix, upper, MAX_TERMS + 1])
          .then((rows) => (rows.length > MAX_TERMS ? null : { terms: rows.map((x) => String(x[0])), docs: rows.reduce((n, x) => n + Number(x[1]), 0) }));
        // A failed read is not kept.
        expansion.catch(() => entries.delete(prefix));
        entries.set(prefix, expansion);
      }
      known.set(prefix, await expansion);
    }
  }
  const parts: string[] = [];
  let atMost = Infinity;
  for (const w of words) {
    const e = ASCII_WORD.test(w) ? known.get(w.toLowerCase()) : undefined;
    if (e && e.terms.length === 0) return null;
    if (e) atMost = Math.min(atMost, e.docs);
    if (!e || e.docs < FEW_MATCHES) parts.push(`${quoteFts(w)}*`);
    else parts.push(e.terms.length === 1 ? quoteFts(e.terms[0] as string) : `(${e.terms.map(quoteFts).join(' OR ')})`);
  }
  return { match: parts.join(' AND '), atMost };
}

/** Per database client: the claims each search matches (their created_seq, ascending), for one vocabulary version. */
const matchSets = new WeakMap<Client, { version: number; sets: Map<string, Promise<Float64Array>>; size: number }>();
/** Claim numbers kept in all cached match sets of a client together (8 bytes each). */
const MATCH_SET_ENTRIES = 2_000_000;

/**
 * Every claim (its created_seq, the full-text rowid) the FTS5 query `match` matches, ascending:
 * for testing the claims of an ordered walk against a search that matches many of them, which
 * a full-text lookup per claim does slowly (it costs a seek per index segment and term). Kept
 * per search until the indexed text can have changed (the vocabulary version of ftsMatch).
 */
export async function matchedClaims(db: Db, match: string): Promise<Float64Array> {
  const [r] = await db.rows('SELECT max(rowid) FROM claim_revisions');
  const version = Number(r?.[0] ?? 0);
  let cache = matchSets.get(db.client);
  if (!cache || cache.version !== version || cache.size > MATCH_SET_ENTRIES) matchSets.set(db.client, (cache = { version, sets: new Map(), size: 0 }));
  let set = cache.sets.get(match);
  if (!set) {
    const kept = cache;
    set = db.rows("SELECT ifnull(group_concat(rowid, ','), '') FROM claims_fts WHERE claims_fts MATCH ?", [match]).then(([row]) => {
      const text = String(row?.[0] ?? '');
      const seqs = text === '' ? new Float64Array(0) : Float64Array.from(text.split(','), Number).sort();
      kept.size += seqs.length;
      return seqs;
    });
    // A failed read is not kept.
    set.catch(() => kept.sets.delete(match));
    cache.sets.set(match, set);
  }
  return set;
}

/** Whether the ascending `seqs` hold `seq` (binary search). */
export function holds(seqs: Float64Array, seq: number): boolean {
  let lo = 0;
  let hi = seqs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = seqs[mid] as number;
    if (v === seq) return true;
    if (v < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
