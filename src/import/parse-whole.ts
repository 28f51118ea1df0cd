/** The formats read whole (they are small, or grouped across the file): bundle, Fatebook, Metaculus, ClaimReview. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ImportBundle } from '../domain/types.js';
import { formatIssue, ImportError, markWhere, parseClaimReview, parseMetaculusJson, readFatebookCsv } from '../interop/index.js';
import { parseBundle } from './load-bundle.js';
import { escapeControl } from './problems.js';

/** Fatebook: the id is the question's title and creation time, Fatebook's own identity for it. */
export async function parseWhole(format: 'bundle' | 'fatebook' | 'metaculus' | 'claimreview', path: string): Promise<ImportBundle & { notes: string[] }> {
  if (format === 'fatebook') return withNotes(await readFatebookCsv(createReadStream(path)));
  const text = await readFile(path, 'utf8');
  if (format === 'bundle') return { ...readBundle(text), notes: [] };
  return withNotes(format === 'metaculus' ? parseMetaculusJson(text) : parseClaimReview(text));
}

function withNotes<T extends ImportBundle & { notes: Parameters<typeof formatIssue>[0][] }>(parsed: T): ImportBundle & { notes: string[] } {
  return { sources: parsed.sources, claims: parsed.claims, notes: parsed.notes.map((n) => escapeControl(formatIssue(n))) };
}

/** A bundle, each claim and its forecasts and stances marked with their JSON Pointer. */
function readBundle(text: string): ImportBundle {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportError([{ message: `the file is not valid JSON: ${(err as Error).message}` }]);
  }
  let bundle: ImportBundle;
  try {
    bundle = parseBundle(value);
  } catch (err) {
    const issues = (err as { issues?: Array<{ pointer: string; message: string }> }).issues;
    if (!issues) throw err;
    throw new ImportError(issues.map((i) => ({ field: i.pointer || '/', message: i.message })));
  }
  bundle.claims.forEach((claim, i) => {
    markWhere(claim, { field: `/claims/${i}` });
    claim.forecasts?.forEach((f, j) => markWhere(f, { field: `/claims/${i}/forecasts/${j}` }));
    claim.stances?.forEach((s, j) => markWhere(s, { field: `/claims/${i}/stances/${j}` }));
  });
  return bundle;
}
