/**
 * An imported claim against the record: what is new (to be appended), what is there already
 * (left alone), and what contradicts the record (refused, naming where the file says it).
 * Forecasts are the same when made by the same source at the same instant with the same
 * probability (or probabilities, or CDF, each value within 1e-9: the record keeps them as the
 * rules normalised them); a stance, by source, stance and date; evidence, by date and summary;
 * a resolution, by outcome (or value) and the instant it became known. A claim's own fields
 * (kind, statement, resolution criteria, deadline, question type) must match the record.
 */
import { parseInstant } from '../domain/dates.js';
import type { ImportClaim } from '../domain/types.js';
import { normaliseText, type RecordedParts } from './bundle.js';
import { evidenceKey, forecastKey, stanceKey, type RecordedClaim } from './recorded.js';

/** A contradiction: the item of the file it concerns (for its line), the field, and what differs. */
export interface Contradiction {
  item: object;
  field: string;
  message: string;
}

export interface SyncResult {
  /** The claim cut to what is new (id kept); nothing new when it has no forecasts, stances, evidence or resolution. */
  delta: ImportClaim;
  recorded: RecordedParts;
  contradictions: Contradiction[];
}

const sameInstant = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? null) === (b ?? null) || (a != null && b != null && parseInstant(a) === parseInstant(b));

const quote = (v: unknown) => JSON.stringify(v ?? null);

/** Compare `claim` (from the file) with `rec` (the database's) and keep only what is new. */
export function syncClaim(claim: ImportClaim, rec: RecordedClaim): SyncResult {
  const contradictions: Contradiction[] = [];
  const differ = (field: string, recorded: unknown, given: unknown) =>
    contradictions.push({ item: claim, field, message: `contradicts the record of claim ${rec.id}: the record has ${quote(recorded)}, the file ${quote(given)}` });
  if (claim.kind !== rec.kind) differ('kind', rec.kind, claim.kind);
  if (normaliseText(claim.statement) !== normaliseText(rec.statement)) differ('statement', rec.statement, claim.statement);
  if (normaliseText(claim.resolutionCriteria) !== normaliseText(rec.resolutionCriteria)) differ('resolutionCriteria', rec.resolutionCriteria, claim.resolutionCriteria);
  if (!sameInstant(claim.deadline, rec.deadline)) differ('deadline', rec.deadline, claim.deadline);
  if ((claim.questionType ?? 'binary') !== rec.questionType) differ('questionType', rec.questionType, claim.questionType ?? 'binary');
  const forecasts: NonNullable<ImportClaim['forecasts']> = [];
  for (const f of claim.forecasts ?? []) {
    const known = rec.forecasts.get(forecastKey(f.sourceId, f.madeAt));
    const given = f.probability ?? f.probabilities ?? f.cdf;
    if (known === undefined) forecasts.push(f);
    else if (!sameValues(known, given)) {
      const field = f.probabilities ? 'probabilities' : f.cdf ? 'cdf' : 'probability';
      contradictions.push({ item: f, field, message: `contradicts the record: ${f.sourceId}'s forecast made at ${f.madeAt} is ${quote(known)} in the record, ${quote(given)} in the file` });
    }
  }
  const stances = (claim.stances ?? []).filter((s) => !rec.stances.has(stanceKey(s.sourceId, s.stance, s.date)));
  const refs = new Map<string, string>();
  const evidence = (claim.evidence ?? []).filter((e) => {
    const id = rec.evidence.get(evidenceKey(e.date, e.summary));
    if (id !== undefined && e.ref) refs.set(e.ref, id);
    return id === undefined;
  });
  const resolution = syncResolution(claim, rec, contradictions);
  const delta: ImportClaim = { ...claim, forecasts, stances, evidence, resolution };
  if (!resolution) delete delta.resolution;
  return { delta, recorded: { refs, evidenceIds: rec.evidenceIds }, contradictions };
}

/** A recorded forecast's values against the file's: equal, or (vectors, CDFs) within 1e-9 each. */
function sameValues(known: number | number[], given: number | number[] | undefined): boolean {
  if (typeof known === 'number' || typeof given === 'number' || given === undefined) return known === given;
  return known.length === given.length && known.every((v, i) => Math.abs(v - given[i]!) <= 1e-9);
}

/** The same resolution value: equal, or the same instant written two ways. */
function sameValue(recorded: string | number | null, given: string | number | undefined): boolean {
  if (recorded === (given ?? null)) return true;
  return typeof recorded === 'string' && typeof given === 'string' && sameInstant(recorded, given);
}

/** The file's resolution if the record has none; undefined if the record has the same; a contradiction otherwise. */
function syncResolution(claim: ImportClaim, rec: RecordedClaim, contradictions: Contradiction[]): ImportClaim['resolution'] {
  const given = claim.resolution;
  if (rec.status === 'open') return given;
  const target = given ?? claim;
  if (!given) {
    contradictions.push({ item: target, field: 'resolution', message: `contradicts the record: claim ${rec.id} is resolved ${rec.status} (known on ${rec.knownOn}) in the record, open in the file` });
  } else if ((given.outcome ?? 'resolved') !== rec.status || !sameValue(rec.resolutionValue, given.value) || !sameInstant(given.knownOn, rec.knownOn)) {
    const said = (outcome: string, value: unknown) => (value === undefined || value === null ? outcome : `${outcome} ${quote(value)}`);
    contradictions.push({ item: target, field: 'resolution', message: `contradicts the record: claim ${rec.id} is resolved ${said(rec.status, rec.resolutionValue)} known on ${rec.knownOn} in the record, ${said(given.outcome ?? 'resolved', given.value)} known on ${given.knownOn} in the file` });
  }
  return undefined;
}

/** True when a synced claim brings nothing new. */
export function isUnchanged(delta: ImportClaim): boolean {
  return !delta.forecasts?.length && !delta.stances?.length && !delta.evidence?.length && !delta.resolution;
}
