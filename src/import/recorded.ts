/**
 * What the database already holds of the claims an import names, so that importing a file
 * again adds nothing and a later export of the same account or question adds only what is
 * new. Read on the database's own connection (the import's transaction is elsewhere), so
 * it is the state before the import.
 */
import type { Client } from '@libsql/client';
import { parseInstant } from '../domain/dates.js';

/** A recorded claim, keyed for comparison with an imported one. */
export interface RecordedClaim {
  id: string;
  kind: string;
  title: string;
  statement: string;
  resolutionCriteria: string;
  deadline: string | null;
  status: string;
  knownOn: string | null;
  /** Issue 17: `binary`, `multiple-choice`, `numeric` or `date`. */
  questionType: string;
  /** The resolution's value (multiple choice, numeric, date), parsed; null if none. */
  resolutionValue: string | number | null;
  /** `source\nmadeAt (epoch ms)` → probability, or the probabilities / CDF of another question type. */
  forecasts: Map<string, number | number[]>;
  /** `source\nstance\ndate`. */
  stances: Set<string>;
  /** `date\nsummary` → evidence id. */
  evidence: Map<string, string>;
  evidenceIds: Set<string>;
}

/** Key of a forecast: who, and when (to the millisecond, whatever the text's form). */
export const forecastKey = (sourceId: string, madeAt: string) => `${sourceId}\n${parseInstant(madeAt) ?? madeAt}`;
export const stanceKey = (sourceId: string, stance: string, date: string) => `${sourceId}\n${stance}\n${date}`;
export const evidenceKey = (date: string, summary: string) => `${date}\n${summary}`;

/** The ids of every claim recorded (checked before any per-claim read). */
export async function recordedClaimIds(client: Client): Promise<Set<string>> {
  const rs = await client.execute('SELECT id FROM claims');
  return new Set(rs.rows.map((r) => String(r.id)));
}

/** One recorded claim with its forecasts, stances and evidence; null if there is none. */
export async function readRecordedClaim(client: Client, id: string): Promise<RecordedClaim | null> {
  const [claims, forecasts, stances, evidence] = await Promise.all([
    client.execute({
      sql: `SELECT c.id, c.kind, c.title, c.statement, c.resolution_criteria, c.deadline, c.status, c.known_on, c.question_type, r.value
            FROM claims c LEFT JOIN resolutions r ON r.seq = c.resolution_seq WHERE c.id = ?`,
      args: [id],
    }),
    client.execute({
      sql: `SELECT source_id, probability, NULL AS vals, made_at FROM forecasts WHERE claim_id = ?1
            UNION ALL SELECT source_id, NULL, vals, made_at FROM question_forecasts WHERE claim_id = ?1`,
      args: [id],
    }),
    client.execute({ sql: 'SELECT source_id, stance, date FROM stances WHERE claim_id = ?', args: [id] }),
    client.execute({ sql: 'SELECT id, date, summary FROM evidence WHERE claim_id = ?', args: [id] }),
  ]);
  const row = claims.rows[0];
  if (!row) return null;
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id,
    kind: String(row.kind),
    title: String(row.title),
    statement: String(row.statement),
    resolutionCriteria: String(row.resolution_criteria),
    deadline: text(row.deadline),
    status: String(row.status),
    knownOn: text(row.known_on),
    questionType: text(row.question_type) ?? 'binary',
    resolutionValue: row.value === null || row.value === undefined ? null : (JSON.parse(String(row.value)) as string | number),
    forecasts: new Map(forecasts.rows.map((r) => [forecastKey(String(r.source_id), String(r.made_at)), r.vals === null ? Number(r.probability) : (JSON.parse(String(r.vals)) as number[])])),
    stances: new Set(stances.rows.map((r) => stanceKey(String(r.source_id), String(r.stance), String(r.date)))),
    evidence: new Map(evidence.rows.map((r) => [evidenceKey(String(r.date), String(r.summary)), String(r.id)])),
    evidenceIds: new Set(evidence.rows.map((r) => String(r.id))),
  };
}
