/**
 * Finds ClaimReview items wherever fact-check publishers put them (a JSON-LD object, an
 * array, `@graph`, `<script type="application/ld+json">` blocks in HTML) and in Google
 * Fact Check Tools API responses (`{ claims: [{ text, claimant, claimDate, claimReview }] }`),
 * and reads both into one shape: a reviewed claim with one or more reviews.
 */
import type { SourceType } from '../domain/types.js';
import { ImportError, type ImportIssue } from './errors.js';
import { asList, isObject, findLine, readNumber, parseJsonText, joinPath, readText, type JsonObject } from './json-input.js';

export interface RatingInput {
  value?: number;
  best?: number;
  worst?: number;
  label?: string;
}

export interface FoundReview {
  field: string;
  publisher?: string;
  url?: string;
  date?: string;
  rating: RatingInput;
}

export interface FoundClaim {
  /** True for a Fact Check Tools API claim, false for JSON-LD: their field names differ. */
  api: boolean;
  field: string;
  line?: number;
  statement?: string;
  claimant?: { name: string; type: SourceType };
  claimDate?: string;
  /** The latest date the item shows (the claim's or an appearance's): a review is no earlier. */
  latestDate?: string;
  appearanceUrl?: string;
  reviews: FoundReview[];
}

const SCRIPT = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** All reviewed claims in `input` (JSON or HTML); syntax errors are added to `issues`. */
export function findClaims(input: string, issues: ImportIssue[]): FoundClaim[] {
  if (!/^\s*</.test(input)) return walk(parseJsonText(input), '', undefined);
  const found: FoundClaim[] = [];
  let block = 0;
  for (const match of input.matchAll(SCRIPT)) {
    const body = match[1] ?? '';
    const line = findLine(input, (match.index ?? 0) + match[0].indexOf(body));
    try {
      found.push(...walk(parseJsonText(body, line), `script[${block}]`, line));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      issues.push(...error.issues);
    }
    block++;
  }
  return found;
}

function hasType(node: JsonObject, type: string): boolean {
  return asList(node['@type']).some((t) => typeof t === 'string' && (t === type || t.endsWith(`/${type}`) || t.endsWith(`:${type}`)));
}

function walk(value: unknown, field: string, line: number | undefined): FoundClaim[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => walk(item, joinPath(field, i), line));
  if (!isObject(value)) return [];
  if (Array.isArray(value['@graph'])) return walk(value['@graph'], joinPath(field, '@graph'), line);
  if (hasType(value, 'ClaimReview')) return [readClaimReview(value, field, line)];
  if (Array.isArray(value.claims)) return value.claims.map((claim, i) => readApiClaim(claim, joinPath(field, 'claims', i)));
  return [];
}

/** Source type of a schema.org author: Person → person, organisations by kind. */
export function classifyAuthor(node: unknown): SourceType {
  if (!isObject(node)) return 'person';
  if (hasType(node, 'GovernmentOrganization')) return 'government';
  if (hasType(node, 'NewsMediaOrganization')) return 'media';
  const organisation = asList(node['@type']).some((t) => typeof t === 'string' && /Organization|Corporation|NGO/.test(t));
  return organisation ? 'organisation' : 'person';
}

/** Name of a schema.org Person/Organization (or a plain string); else the host of its url. */
function readName(node: unknown): string | undefined {
  const first = asList(node)[0];
  if (typeof first === 'string') return readText(first);
  if (!isObject(first)) return undefined;
  return readText(first.name) ?? readHost(readText(first.url));
}

function readHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** The latest of some ISO dates (they sort as text); undefined if none is a string. */
function findLatest(values: unknown[]): string | undefined {
  return values
    .map(readText)
    .filter((value): value is string => value !== undefined)
    .sort()
    .at(-1);
}

function readClaimReview(node: JsonObject, field: string, line: number | undefined): FoundClaim {
  const item = isObject(node.itemReviewed) ? node.itemReviewed : {};
  const appearances = [...asList(item.appearance), ...asList(item.firstAppearance)].filter(isObject);
  const authorNode = asList(item.author)[0] ?? appearances.map((a) => asList(a.author)[0]).find((a) => a !== undefined);
  const claimant = readName(authorNode);
  const rating = isObject(node.reviewRating) ? node.reviewRating : {};
  return {
    api: false,
    field,
    line,
    statement: readText(node.claimReviewed),
    claimant: claimant ? { name: claimant, type: classifyAuthor(asList(authorNode)[0]) } : undefined,
    claimDate: readText(item.datePublished) ?? appearances.map((a) => readText(a.datePublished)).find(Boolean),
    latestDate: findLatest([item.datePublished, ...appearances.map((a) => a.datePublished)]),
    appearanceUrl: appearances.map((a) => readText(a.url)).find(Boolean),
    reviews: [{
      field,
      publisher: readName(node.author) ?? readName(node.publisher) ?? readHost(readText(node.url)),
      url: readText(node.url),
      date: readText(node.datePublished),
      rating: {
        value: readNumber(rating.ratingValue),
        best: readNumber(rating.bestRating),
        worst: readNumber(rating.worstRating),
        label: readText(rating.alternateName) ?? readText(rating.name),
      },
    }],
  };
}

function readApiClaim(claim: unknown, field: string): FoundClaim {
  const node = isObject(claim) ? claim : {};
  const claimant = readText(node.claimant);
  return {
    api: true,
    field,
    statement: readText(node.text),
    claimant: claimant ? { name: claimant, type: 'person' } : undefined,
    claimDate: readText(node.claimDate),
    latestDate: readText(node.claimDate),
    reviews: asList(node.claimReview).map((review, i) => {
      const r = isObject(review) ? review : {};
      const publisher = isObject(r.publisher) ? r.publisher : {};
      return {
        field: joinPath(field, 'claimReview', i),
        publisher: readText(publisher.name) ?? readText(publisher.site) ?? readHost(readText(r.url)),
        url: readText(r.url),
        date: readText(r.reviewDate),
        rating: { label: readText(r.textualRating) },
      };
    }),
  };
}
