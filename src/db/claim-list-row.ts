/**
 * A claim list row as the API's item: the claim (claimFromRow), its latest forecasts and its
 * stance tally.
 */
import type { Client } from '@libsql/client';
import { cdfQuartiles, type CdfQuartiles } from '../domain/questions/cdf-quartiles.js';
import type { QuestionRange, QuestionType, ResolutionValue } from '../domain/types.js';
import { LATEST_JSON, type ClaimRow } from './claim-list-sql.js';

/**
 * A source's latest forecast in the list: a yes/no one's `probability`; a multiple-choice
 * one's `probabilities` (one per option); a numeric or date one's median and central half in
 * the range's units (its 201-point CDF is the claim page's).
 */
export type LatestForecast = { sourceId: string; madeAt: string } & ({ probability: number } | { probabilities: number[] } | CdfQuartiles);

/** A list item: the claim with its latest forecasts and stance tally. */
export type ClaimListItem = ReturnType<typeof claimFromRow> & {
  latestForecasts: LatestForecast[];
  stanceTally: { asserts: number; denies: number };
};

type Packed = [string, string | null, string, string?, number[]?];

/** One packed latest forecast (LATEST_JSON) as the list shows it; `range` is the claim's (numeric, date). */
function unpackForecast([sourceId, p, madeAt, kind, values]: Packed, range: QuestionRange | undefined): LatestForecast {
  if (kind === 'probabilities') return { sourceId, madeAt, probabilities: values ?? [] };
  if (kind === 'cdf' && range) return { sourceId, madeAt, ...cdfQuartiles(values ?? [], range) };
  return { sourceId, probability: Number(p), madeAt };
}

export function unpackForecasts(text: unknown, range?: QuestionRange): LatestForecast[] {
  const list = (JSON.parse(String(text)) as Packed[]).map((f) => unpackForecast(f, range));
  // In source order (slugs are ASCII, where JavaScript and SQLite order strings alike).
  if (list.some((x, i) => i > 0 && (list[i - 1] as { sourceId: string }).sourceId > x.sourceId)) list.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  return list;
}

/**
 * Latest standing (not retracted) forecast of each source, in source order, and stance
 * tallies, for a page of claims; the forecasts packed per claim by SQLite (probabilities as 17
 * significant digits, which give back the same double).
 */
export async function claimSummaries(client: Client, ids: string[]) {
  const forecasts = new Map<string, LatestForecast[]>();
  const tallies = new Map<string, { asserts: number; denies: number }>();
  if (ids.length === 0) return { forecasts, tallies };
  const marks = ids.map(() => '?').join(',');
  const [fs, ss] = await client.batch(
    [
      {
        sql: `SELECT c.id AS claim_id, c.question, ${LATEST_JSON('c.id')} AS f FROM claims c WHERE c.id IN (${marks})
          AND (EXISTS (SELECT 1 FROM forecasts WHERE claim_id = c.id AND retracted_seq IS NULL) OR EXISTS (SELECT 1 FROM question_forecasts WHERE claim_id = c.id AND retracted_seq IS NULL))`,
        args: ids,
      },
      {
        sql: `SELECT claim_id, sum(stance = 'asserts') AS asserts, sum(stance = 'denies') AS denies
          FROM stances WHERE claim_id IN (${marks}) AND retracted_seq IS NULL GROUP BY claim_id`,
        args: ids,
      },
    ],
    'read',
  );
  for (const r of fs?.rows ?? []) forecasts.set(String(r.claim_id), unpackForecasts(r.f, questionFromRow(r.question).range));
  for (const r of ss?.rows ?? []) tallies.set(String(r.claim_id), { asserts: Number(r.asserts), denies: Number(r.denies) });
  return { forecasts, tallies };
}

const optional = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/** claims.question: `{ options, ordered? }` or `{ range }` as JSON; null (yes/no) as {}. */
export function questionFromRow(v: unknown): { options?: string[]; ordered?: boolean; range?: QuestionRange } {
  return v === null || v === undefined ? {} : (JSON.parse(String(v)) as { options?: string[]; ordered?: boolean; range?: QuestionRange });
}

/** A claims row (joined with its current resolution as r_*) as the API's Claim. */
export function claimFromRow(r: ClaimRow) {
  const q = questionFromRow(r.question);
  return {
    id: String(r.id),
    kind: String(r.kind) as 'prediction' | 'allegation',
    // In the claim view's order (claim-view.ts foldClaim).
    questionType: String(r.question_type ?? 'binary') as QuestionType,
    ...(q.options ? { options: q.options } : {}),
    ...(q.ordered ? { ordered: true } : {}),
    ...(q.range ? { range: q.range } : {}),
    title: String(r.title),
    statement: String(r.statement),
    resolutionCriteria: String(r.resolution_criteria),
    ...(r.details !== null ? { details: String(r.details) } : {}),
    tags: JSON.parse(String(r.tags)) as string[],
    ...(r.deadline !== null ? { deadline: String(r.deadline) } : {}),
    ...(r.check_by !== null ? { checkBy: String(r.check_by) } : {}),
    ...(r.opened_at !== null ? { openedAt: String(r.opened_at) } : {}),
    status: String(r.status) as 'open' | 'confirmed' | 'refuted' | 'resolved' | 'annulled' | 'unresolvable',
    revision: Number(r.revision),
    editedAfterForecasts: Boolean(r.edited_after_forecasts),
    createdAt: String(r.created_at),
    ...(r.first_alleged_on !== null && r.first_alleged_on !== undefined ? { firstAllegedOn: String(r.first_alleged_on) } : {}),
    resolution:
      r.resolution_seq === null || r.r_outcome === null || r.r_outcome === undefined
        ? null
        : {
            seq: Number(r.resolution_seq),
            outcome: String(r.r_outcome) as 'confirmed' | 'refuted' | 'resolved' | 'annulled' | 'unresolvable',
            ...(r.r_value !== null && r.r_value !== undefined ? { value: JSON.parse(String(r.r_value)) as ResolutionValue } : {}),
            knownOn: String(r.r_known_on),
            ...(optional(r.r_note) !== undefined ? { note: String(r.r_note) } : {}),
            evidenceIds: JSON.parse(String(r.r_evidence_ids)) as string[],
            recordedAt: String(r.r_recorded_at),
          },
  };
}
