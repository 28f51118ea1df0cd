import type { Client, Row } from '@libsql/client';
import { eventPages } from '../db/queries.js';
import { rangeInOrder } from '../domain/questions/question.js';
import type { ClaimKind, ClaimStatus, LedgerEvent, QuestionType, ResolutionOutcome, ResolutionValue, SourceType, StanceKind } from '../domain/types.js';
import type { ExportClaim, ExportForecast } from '../interop/index.js';

const PAGE = 2000;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Every event in sequence order. */
export async function* allEvents(client: Client): AsyncGenerator<LedgerEvent> {
  for await (const page of eventPages(client, PAGE)) yield* page;
}

/** Every claim with its current resolution and its stances (with source names), by creation. */
export async function* exportClaims(client: Client, where = ''): AsyncGenerator<ExportClaim> {
  let after = 0;
  for (;;) {
    const rs = await client.execute({
      sql: `SELECT c.*, r.outcome AS r_outcome, r.known_on AS r_known_on, r.note AS r_note, r.value AS r_value FROM claims c
            LEFT JOIN resolutions r ON r.seq = c.resolution_seq WHERE c.created_seq > ? ${where} ORDER BY c.created_seq LIMIT ?`,
      args: [after, PAGE],
    });
    if (rs.rows.length === 0) return;
    const ids = rs.rows.map((r) => String(r.id));
    const st = await client.execute({
      sql: `SELECT s.*, so.name AS source_name, so.type AS source_type FROM stances s JOIN sources so ON so.id = s.source_id
            WHERE s.claim_id IN (${ids.map(() => '?').join(',')}) ORDER BY s.seq`,
      args: ids,
    });
    const stances = new Map<string, Row[]>();
    for (const s of st.rows) stances.set(String(s.claim_id), [...(stances.get(String(s.claim_id)) ?? []), s]);
    for (const r of rs.rows) yield toExportClaim(r, stances.get(String(r.id)) ?? []);
    after = Number(rs.rows[rs.rows.length - 1]?.created_seq);
  }
}

/** Issue 17: the claim's question (`claims.question` holds `{ options, ordered? }` or `{ range }`). */
function questionOf(r: Row): Pick<ExportClaim, 'questionType' | 'options' | 'ordered' | 'range'> {
  const type = str(r.question_type) ?? 'binary';
  if (type === 'binary') return {};
  const q = JSON.parse(String(r.question ?? '{}')) as Pick<ExportClaim, 'options' | 'ordered' | 'range'>;
  return { questionType: type as QuestionType, ...q, ...(q.range ? { range: rangeInOrder(q.range) } : {}) };
}

function resolutionOf(r: Row): ExportClaim['resolution'] {
  if (r.r_outcome === null || r.r_outcome === undefined) return null;
  const value = r.r_value === null || r.r_value === undefined ? undefined : (JSON.parse(String(r.r_value)) as ResolutionValue);
  return { outcome: String(r.r_outcome) as ResolutionOutcome, knownOn: String(r.r_known_on), note: str(r.r_note), ...(value === undefined ? {} : { value }) };
}

function toExportClaim(r: Row, stances: Row[]): ExportClaim {
  return {
    ...questionOf(r),
    id: String(r.id),
    kind: String(r.kind) as ClaimKind,
    title: String(r.title),
    statement: String(r.statement),
    resolutionCriteria: String(r.resolution_criteria),
    details: str(r.details),
    tags: JSON.parse(String(r.tags)) as string[],
    deadline: str(r.deadline),
    checkBy: str(r.check_by),
    status: String(r.status) as ClaimStatus,
    createdAt: String(r.created_at),
    resolution: resolutionOf(r),
    stances: stances.map((s) => ({
      sourceId: String(s.source_id),
      sourceName: String(s.source_name),
      sourceType: String(s.source_type) as SourceType,
      stance: String(s.stance) as StanceKind,
      date: String(s.date),
      quote: str(s.quote),
      url: str(s.url),
      retracted: s.retracted_seq !== null,
    })),
  };
}

/** Every forecast with its claim's outcome, in recording order. */
export async function* exportForecasts(client: Client): AsyncGenerator<ExportForecast> {
  let after = 0;
  for (;;) {
    // Yes/no forecasts and (issue 17) those of the other question types, in one recording order.
    const rs = await client.execute({
      sql: `SELECT f.*, c.title, c.kind, c.status, c.known_on, so.name AS source_name FROM (
              SELECT seq, claim_id, source_id, probability, NULL AS kind_of, NULL AS vals, made_at, backfilled, retracted_seq FROM forecasts WHERE seq > ?1
              UNION ALL SELECT seq, claim_id, source_id, NULL, kind, vals, made_at, backfilled, retracted_seq FROM question_forecasts WHERE seq > ?1
            ) f JOIN claims c ON c.id = f.claim_id JOIN sources so ON so.id = f.source_id ORDER BY f.seq LIMIT ?2`,
      args: [after, PAGE],
    });
    if (rs.rows.length === 0) return;
    for (const r of rs.rows) {
      const status = String(r.status) as ClaimStatus;
      yield {
        claimId: String(r.claim_id),
        claimTitle: String(r.title),
        kind: String(r.kind) as ClaimKind,
        sourceId: String(r.source_id),
        sourceName: String(r.source_name),
        probability: r.probability === null ? null : Number(r.probability),
        ...(r.vals === null || r.vals === undefined ? {} : { [String(r.kind_of)]: JSON.parse(String(r.vals)) as number[] }),
        madeAt: String(r.made_at),
        backfilled: Boolean(r.backfilled),
        retracted: r.retracted_seq !== null,
        status,
        outcome: status === 'confirmed' ? 1 : status === 'refuted' ? 0 : null,
        resolvedOn: status === 'open' ? null : str(r.known_on),
      };
    }
    after = Number(rs.rows[rs.rows.length - 1]?.seq);
  }
}
