/** The formats read whole (they are small, or grouped across the file): bundle, Fatebook, Metaculus, ClaimReview. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ImportBundle, ImportClaim } from '../domain/types.js';
import { formatIssue, ImportError, markWhere, whereOf, parseClaimReview, parseClaimsCsv, parseForecastsCsv, parseMetaculusJson, readFatebookCsv } from '../interop/index.js';
import type { Ledger } from '../ledger/ledger.js';
import { readRecordedClaim } from './recorded.js';
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

/** The files of one import: one, or a claims CSV export with its forecasts CSV export. */
export interface Files {
  path: string;
  forecasts?: string;
}

/**
 * Reckon's CSV exports read back: the claims CSV's claims with the forecasts CSV's forecasts
 * attached; forecasts on claims not in the claims file go to the recorded claims (as they
 * are: their resolution is the record's), and a claim neither has is a problem on its line.
 */
export async function readCsvExports(ledger: Ledger, files: Files, format: 'claims-csv' | 'forecasts-csv'): Promise<ImportBundle & { notes: string[] }> {
  const forecastsFile = files.forecasts ?? (format === 'forecasts-csv' ? files.path : undefined);
  const claims = format === 'claims-csv' ? parseClaimsCsv(await readFile(files.path, 'utf8')) : { sources: [], claims: [], notes: [] };
  const notes = claims.notes.map((n) => escapeControl(formatIssue(n)));
  if (!forecastsFile) return { sources: [], claims: claims.claims, notes };
  const parsed = parseForecastsCsv(await readFile(forecastsFile, 'utf8'));
  notes.push(...parsed.notes.map((n) => escapeControl(formatIssue(n))));
  const byId = new Map(claims.claims.map((c) => [c.id!, c]));
  const missing: Array<{ line?: number; field: string; message: string }> = [];
  for (const { claimId, forecast } of parsed.forecasts) {
    let claim = byId.get(claimId);
    if (!claim) {
      const rec = await readRecordedClaim(ledger.db.client, claimId);
      if (!rec) {
        missing.push({ line: whereOf(forecast)?.line, field: 'claim_id', message: `claim "${claimId}" is neither in this file's claims nor recorded (import the claims CSV with it)` });
        continue;
      }
      claim = { id: rec.id, kind: rec.kind as 'prediction', title: rec.title, statement: rec.statement, resolutionCriteria: rec.resolutionCriteria, ...(rec.deadline ? { deadline: rec.deadline } : {}) };
      if (rec.questionType !== 'binary') claim.questionType = rec.questionType as ImportClaim['questionType'];
      // A question resolved with a value (issue 17) is resolved as the record has it.
      if (rec.status === 'resolved' && rec.knownOn && rec.resolutionValue !== null) claim.resolution = { value: rec.resolutionValue, knownOn: rec.knownOn };
      else if (rec.status !== 'open' && rec.knownOn) claim.resolution = { outcome: rec.status as 'confirmed', knownOn: rec.knownOn };
      byId.set(claimId, claim);
    }
    (claim.forecasts ??= []).push(forecast);
  }
  if (missing.length) throw new ImportError(missing);
  return { sources: parsed.sources, claims: [...byId.values()], notes };
}
