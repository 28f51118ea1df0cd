/**
 * Projections: what each event writes into the tables that queries read. A pure function
 * of the event, so that `rebuild` reproduces the live tables exactly.
 *
 * An event becomes row inserts (batched by the executor into multi-row INSERTs, parents
 * first) and SQL statements run after all inserts of the same flush, in event order. So a
 * statement must not depend on rows inserted by LATER events of the same flush except
 * through a predicate bounded by sequence number (see `claim.edited`).
 */
import type { InValue } from '@libsql/client';
import type { ClaimCreatedPayload, LedgerEvent } from '../domain/types.js';
import { canonicalJson } from '../domain/canonical.js';
import type { ProjectionTable } from './schema.js';

export type Row = Record<string, InValue>;
export interface InsertOp {
  table: ProjectionTable;
  row: Row;
  /** INSERT OR IGNORE (for link tables where a pair may already exist). */
  orIgnore?: boolean;
}
export interface SqlOp {
  sql: string;
  args: InValue[];
}
export interface Ops {
  inserts: InsertOp[];
  statements: SqlOp[];
}

const opt = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const CLAIM_COLUMNS: Record<string, string> = {
  title: 'title',
  statement: 'statement',
  resolutionCriteria: 'resolution_criteria',
  details: 'details',
  tags: 'tags',
  deadline: 'deadline',
  checkBy: 'check_by',
};

const RETRACTION_TABLE = { forecast: 'forecasts', stance: 'stances', evidence: 'evidence' } as const;

/** A claim's question beyond its type, as the `claims.question` column holds it. */
function questionJson(p: ClaimCreatedPayload): string | null {
  // Canonical (keys sorted): the same text whether the payload was just decided or read back from the ledger.
  if (p.options) return canonicalJson({ options: p.options, ...(p.ordered ? { ordered: true } : {}) });
  return p.range ? canonicalJson({ range: p.range }) : null;
}

export function projectEvent(e: LedgerEvent): Ops {
  const inserts: InsertOp[] = [];
  const statements: SqlOp[] = [];
  switch (e.type) {
    case 'source.registered': {
      const p = e.payload;
      inserts.push({ table: 'sources', row: { id: p.id, name: p.name, type: p.type, country: opt(p.country), url: opt(p.url), seq: e.seq, created_at: e.recordedAt } });
      break;
    }
    case 'claim.created': {
      const p = e.payload;
      const tags = JSON.stringify(p.tags);
      const common = { title: p.title, statement: p.statement, resolution_criteria: p.resolutionCriteria, details: opt(p.details), tags, deadline: opt(p.deadline), check_by: opt(p.checkBy) };
      inserts.push({
        table: 'claims',
        row: { id: p.id, kind: p.kind, ...common, due_at: p.deadline ?? p.checkBy ?? null, opened_at: opt(p.openedAt), status: 'open', revision: 1, edited_after_forecasts: 0, created_at: e.recordedAt, created_seq: e.seq, updated_seq: e.seq, resolution_seq: null, known_on: null },
      });
      inserts.push({ table: 'claim_revisions', row: { claim_id: p.id, revision: 1, ...common, reason: null, seq: e.seq, recorded_at: e.recordedAt } });
      // A yes/no claim keeps the columns' defaults (binary, null), so its row is what it always was.
      if (p.questionType) statements.push({ sql: 'UPDATE claims SET question_type = ?, question = ? WHERE id = ?', args: [p.questionType, questionJson(p), p.id] });
      break;
    }
    case 'claim.edited': {
      const p = e.payload;
      const sets: string[] = [];
      const args: InValue[] = [];
      for (const [field, value] of Object.entries(p.changes)) {
        sets.push(`${CLAIM_COLUMNS[field]} = ?`);
        args.push(field === 'tags' ? JSON.stringify(value) : opt(value as string | undefined));
      }
      statements.push({
        sql: `UPDATE claims SET ${sets.join(', ')}, revision = ?, updated_seq = ?,
          edited_after_forecasts = edited_after_forecasts OR EXISTS (SELECT 1 FROM forecasts WHERE claim_id = ? AND seq < ?)
          WHERE id = ?`,
        args: [...args, p.revision, e.seq, p.claimId, e.seq, p.claimId],
      });
      statements.push({ sql: 'UPDATE claims SET due_at = coalesce(deadline, check_by) WHERE id = ?', args: [p.claimId] });
      statements.push({
        sql: `INSERT INTO claim_revisions (claim_id, revision, title, statement, resolution_criteria, details, tags, deadline, check_by, reason, seq, recorded_at)
          SELECT id, ?, title, statement, resolution_criteria, details, tags, deadline, check_by, ?, ?, ? FROM claims WHERE id = ?`,
        args: [p.revision, p.reason, e.seq, e.recordedAt, p.claimId],
      });
      break;
    }
    case 'forecast.recorded': {
      const p = e.payload;
      // Literal rows (the columns in this order): spreads would take V8's slow path on every forecast.
      if (p.probability !== undefined) {
        inserts.push({
          table: 'forecasts',
          row: { seq: e.seq, claim_id: p.claimId, source_id: p.sourceId, probability: p.probability, made_at: p.madeAt, note: opt(p.note), backfilled: p.backfilled ? 1 : 0, retracted_seq: null, retraction_reason: null },
        });
      } else {
        const kind = p.probabilities ? 'probabilities' : 'cdf';
        const vals = JSON.stringify(p.probabilities ?? p.cdf ?? []);
        inserts.push({
          table: 'question_forecasts',
          row: { seq: e.seq, claim_id: p.claimId, source_id: p.sourceId, kind, vals, made_at: p.madeAt, note: opt(p.note), backfilled: p.backfilled ? 1 : 0, retracted_seq: null, retraction_reason: null },
        });
      }
      break;
    }
    case 'stance.recorded': {
      const p = e.payload;
      inserts.push({ table: 'stances', row: { id: p.id, seq: e.seq, claim_id: p.claimId, source_id: p.sourceId, stance: p.stance, date: p.date, quote: opt(p.quote), url: opt(p.url), confidence: opt(p.confidence), estimative: opt(p.estimative), retracted_seq: null, retraction_reason: null } });
      break;
    }
    case 'evidence.recorded': {
      const p = e.payload;
      inserts.push({ table: 'evidence', row: { id: p.id, seq: e.seq, claim_id: p.claimId, date: p.date, summary: p.summary, bearing: p.bearing, url: opt(p.url), published_by: opt(p.publishedBy), grade_reliability: p.grade?.reliability ?? null, grade_credibility: p.grade?.credibility ?? null, retracted_seq: null, retraction_reason: null } });
      break;
    }
    case 'claim.resolved': {
      const p = e.payload;
      inserts.push({ table: 'resolutions', row: { seq: e.seq, claim_id: p.claimId, outcome: p.outcome, known_on: p.knownOn, note: opt(p.note), evidence_ids: JSON.stringify(p.evidenceIds), recorded_at: e.recordedAt, reopened_seq: null, reopen_reason: null, reopened_at: null } });
      statements.push({ sql: 'UPDATE claims SET status = ?, resolution_seq = ?, known_on = ?, updated_seq = ? WHERE id = ?', args: [p.outcome, e.seq, p.knownOn, e.seq, p.claimId] });
      if (p.value !== undefined) statements.push({ sql: 'UPDATE resolutions SET value = ? WHERE seq = ?', args: [JSON.stringify(p.value), e.seq] });
      break;
    }
    case 'claim.reopened': {
      const p = e.payload;
      // Bounded by seq: a later resolution of the same flush is already inserted and must stay open.
      statements.push({ sql: 'UPDATE resolutions SET reopened_seq = ?, reopen_reason = ?, reopened_at = ? WHERE claim_id = ? AND reopened_seq IS NULL AND seq < ?', args: [e.seq, p.reason, e.recordedAt, p.claimId, e.seq] });
      statements.push({ sql: "UPDATE claims SET status = 'open', resolution_seq = NULL, known_on = NULL, updated_seq = ? WHERE id = ?", args: [e.seq, p.claimId] });
      break;
    }
    case 'event.retracted': {
      const p = e.payload;
      statements.push({ sql: `UPDATE ${RETRACTION_TABLE[p.targetType]} SET retracted_seq = ?, retraction_reason = ? WHERE seq = ?`, args: [e.seq, p.reason, p.targetSeq] });
      // A forecast of a multiple-choice, numeric or date question is in its own table.
      if (p.targetType === 'forecast') statements.push({ sql: 'UPDATE question_forecasts SET retracted_seq = ?, retraction_reason = ? WHERE seq = ?', args: [e.seq, p.reason, p.targetSeq] });
      break;
    }
  }
  return { inserts, statements };
}
