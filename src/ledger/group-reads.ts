/**
 * What a group of appends needs to read before it can be decided, read in ONE request: the
 * chain head, the rules in force, the claims and sources the commands name, the standing
 * evidence of claims being resolved, the events being retracted, the analytics start days of
 * claims being forecast, and whether each write guard holds. On a remote database each query
 * is a round trip; here they travel together, as one batch (one snapshot of the database).
 */
import type { Client, InStatement, ResultSet } from '@libsql/client';
import { GENESIS_HASH } from '../domain/canonical.js';
import { IMPLICIT_RULES, type InstanceRules } from '../domain/instance-rules.js';
import type { RetractionTarget } from '../domain/rules.js';
import type { RulesPayload } from '../domain/types.js';
import type { Command } from './commands.js';
import { claimFromRow, TxView, type Head } from './view.js';

/** The ids a group's commands will look up. */
export interface GroupNeeds {
  claims: string[];
  sources: string[];
  /** Claims being resolved (their standing evidence). */
  evidence: string[];
  /** Sequence numbers being retracted. */
  targets: number[];
  /** Claims being forecast (their analytics start day: an earlier forecast moves it). */
  startDays: string[];
}

/** The claim a command names, if any (a created claim only with a given id). */
function claimOf(cmd: Command): string | null {
  if (cmd.type === 'claim.create') return cmd.input.id ?? null;
  if (cmd.type === 'event.retract' || cmd.type === 'event.import' || cmd.type === 'source.register' || cmd.type === 'rules.set') return null;
  return cmd.claimId;
}

export function groupNeeds(cmds: readonly Command[]): GroupNeeds {
  const claims = new Set<string>();
  const sources = new Set<string>();
  const evidence = new Set<string>();
  const targets = new Set<number>();
  const startDays = new Set<string>();
  for (const cmd of cmds) {
    const claim = claimOf(cmd);
    if (claim !== null) claims.add(claim);
    if (cmd.type === 'forecast.record' || cmd.type === 'stance.record') sources.add(cmd.input.sourceId);
    if (cmd.type === 'source.register' && cmd.input.id !== undefined) sources.add(cmd.input.id);
    if (cmd.type === 'claim.resolve') evidence.add(cmd.claimId);
    if (cmd.type === 'forecast.record') startDays.add(cmd.claimId);
    if (cmd.type === 'event.retract') targets.add(cmd.seq);
  }
  return { claims: [...claims], sources: [...sources], evidence: [...evidence], targets: [...targets], startDays: [...startDays] };
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** One statement per kind of need (none for an empty one), after the head and the rules. */
function statements(n: GroupNeeds, guards: readonly string[]): InStatement[] {
  const out: InStatement[] = [
    'SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1',
    // events_claim_idx (claim_id, seq): walks only the events of no claim, newest first.
    "SELECT payload FROM events WHERE claim_id IS NULL AND type = 'rules.set' ORDER BY seq DESC LIMIT 1",
    { sql: `SELECT * FROM claims WHERE id IN (${marks(n.claims.length)})`, args: n.claims },
    { sql: `SELECT id FROM sources WHERE id IN (${marks(n.sources.length)})`, args: n.sources },
    { sql: `SELECT claim_id, id FROM evidence WHERE claim_id IN (${marks(n.evidence.length)}) AND retracted_seq IS NULL`, args: n.evidence },
    {
      sql: `SELECT t.seq, t.type, t.claim_id, t.payload, EXISTS (SELECT 1 FROM events r WHERE r.type = 'event.retracted' AND r.claim_id = t.claim_id
              AND json_extract(r.payload, '$.targetSeq') = t.seq) FROM events t WHERE t.seq IN (${marks(n.targets.length)})`,
      args: n.targets,
    },
    { sql: `SELECT claim_id, start_day FROM claim_analytics WHERE claim_id IN (${marks(n.startDays.length)})`, args: n.startDays },
  ];
  for (const holds of guards) out.push(`SELECT EXISTS (${holds})`);
  return out;
}

export interface GroupRead {
  view: TxView;
  /** Per guard given: whether it held. */
  guardsHold: boolean[];
}

/**
 * Read what the group needs in one batch and bring it into a view: `warm` itself if it is at
 * the head just read (it keeps what it already knew), else a new view at that head. Lazy
 * queries of the view (anything not read ahead) go to `client`, outside the snapshot: a later
 * state, which the write's head check then refuses if the head has moved.
 */
export async function readGroup(client: Client, n: GroupNeeds, guards: readonly string[], warm: TxView | null): Promise<GroupRead> {
  const stmts = statements(n, guards);
  // An IN () with no ids is valid SQLite, but there is nothing to ask: those are sent as a constant.
  const sent = stmts.map((st, i) => (i >= 2 && i < 7 && typeof st !== 'string' && (st.args as unknown[]).length === 0 ? 'SELECT 1 WHERE 0' : st));
  const rs = await client.batch(sent, 'deferred');
  const row = rs[0]?.rows[0];
  const head: Head = row ? { seq: Number(row[0]), hash: String(row[1]) } : { seq: 0, hash: GENESIS_HASH };
  const view = warm && warm.head.seq === head.seq && warm.head.hash === head.hash ? warm : new TxView(client, head);
  absorb(view, n, rs);
  return { view, guardsHold: guards.map((_, i) => Number(rs[7 + i]?.rows[0]?.[0]) === 1) };
}

function absorb(view: TxView, n: GroupNeeds, rs: ResultSet[]): void {
  const rules = rs[1]?.rows[0];
  view.knowRules(rules ? rulesOf(JSON.parse(String(rules[0])) as RulesPayload) : IMPLICIT_RULES);
  const claims = new Set<string>();
  for (const r of rs[2]?.rows ?? []) {
    view.knowClaim(String(r.id), claimFromRow(r));
    claims.add(String(r.id));
  }
  for (const id of n.claims) if (!claims.has(id)) view.knowClaim(id, null);
  const sources = new Set((rs[3]?.rows ?? []).map((r) => String(r[0])));
  for (const id of n.sources) view.knowSource(id, sources.has(id));
  const evidence = new Map<string, Set<string>>(n.evidence.map((id) => [id, new Set()]));
  for (const r of rs[4]?.rows ?? []) evidence.get(String(r[0]))?.add(String(r[1]));
  for (const [id, ids] of evidence) view.knowEvidence(id, ids);
  const targets = new Map<number, RetractionTarget>();
  for (const r of rs[5]?.rows ?? []) {
    const itemId = (JSON.parse(String(r[3])) as { id?: string }).id ?? null;
    targets.set(Number(r[0]), { seq: Number(r[0]), type: String(r[1]), claimId: r[2] === null ? null : String(r[2]), itemId, retracted: Number(r[4]) === 1 });
  }
  for (const seq of n.targets) view.knowTarget(seq, targets.get(seq) ?? null);
  const days = new Map((rs[6]?.rows ?? []).map((r) => [String(r[0]), Number(r[1])]));
  for (const id of n.startDays) view.startDays.set(id, days.get(id) ?? null);
}

const rulesOf = (p: RulesPayload): InstanceRules => ({ minProbability: p.minProbability, maxProbability: p.maxProbability });
