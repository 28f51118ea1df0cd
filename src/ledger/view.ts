import type { Row as LibsqlRow, Transaction } from '@libsql/client';
import { evolveClaim } from '../domain/evolve.js';
import { GENESIS_HASH } from '../domain/canonical.js';
import { RuleError, type ClaimState, type RetractionTarget } from '../domain/rules.js';
import { IMPLICIT_RULES, type InstanceRules } from '../domain/instance-rules.js';
import type { ClaimKind, ClaimStatus, LedgerEvent, QuestionType, RulesPayload } from '../domain/types.js';
import { BINARY, type Question } from '../domain/questions/question.js';

export interface Head {
  seq: number;
  hash: string;
}

const rulesOf = (p: RulesPayload): InstanceRules => ({ minProbability: p.minProbability, maxProbability: p.maxProbability });

export async function readHead(tx: { execute: Transaction['execute'] }): Promise<Head> {
  const rs = await tx.execute('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
  const row = rs.rows[0];
  return row ? { seq: Number(row.seq), hash: String(row.hash) } : { seq: 0, hash: GENESIS_HASH };
}

export function claimFromRow(r: LibsqlRow): ClaimState {
  return {
    id: String(r.id),
    kind: r.kind as ClaimKind,
    status: r.status as ClaimStatus,
    title: String(r.title),
    statement: String(r.statement),
    resolutionCriteria: String(r.resolution_criteria),
    details: r.details === null ? null : String(r.details),
    tags: JSON.parse(String(r.tags)) as string[],
    deadline: r.deadline === null ? null : String(r.deadline),
    checkBy: r.check_by === null ? null : String(r.check_by),
    revision: Number(r.revision),
    knownOn: r.known_on === null ? null : String(r.known_on),
    question: questionFromRow(r),
  };
}

/** The claim's question from its `question_type` and `question` columns (see projection.ts). */
function questionFromRow(r: LibsqlRow): Question {
  const type = (r.question_type ?? 'binary') as QuestionType;
  if (type === 'binary') return BINARY;
  const rest = JSON.parse(String(r.question ?? '{}')) as Omit<Question, 'type'>;
  return { type, ...rest };
}

/**
 * What the rules need to know inside one write transaction: read from the projections on
 * first use, then kept up to date in memory as events are applied, so that a batch of
 * appends sees its own earlier writes before they are flushed.
 */
export class TxView {
  private claims = new Map<string, ClaimState | null>();
  private sources = new Set<string>();
  private evidence = new Map<string, Set<string>>();
  private unloaded = new Map<string, Map<string, boolean>>();
  private retracted = new Set<number>();
  /** Sources known not to exist at the head (read by a remote group's one request). */
  private absent = new Set<string>();
  /** Retraction targets read ahead (a remote group's one request); null: no such event. */
  private targets = new Map<number, RetractionTarget | null>();
  /** Each claim's analytics start day at the head (claim_analytics.start_day; null: no row). */
  readonly startDays = new Map<string, number | null>();
  /**
   * Events applied while set, by sequence number (one remote group, whose events are written
   * only at its end): a retraction of one of them finds its target here.
   */
  own: Map<number, LedgerEvent> | null = null;

  constructor(
    private tx: Pick<Transaction, 'execute'>,
    public head: Head,
  ) {}

  /**
   * Use this view in a later transaction. Only sound when nothing else has appended since the
   * view was last brought up to date (the caller checks that the chain head is unchanged).
   */
  rebind(tx: Pick<Transaction, 'execute'>): void {
    this.tx = tx;
  }

  /** How much this view holds in memory (claims, evidence sets, sources, retractions). */
  size(): number {
    return this.claims.size + this.evidence.size + this.unloaded.size + this.sources.size + this.retracted.size;
  }

  /** What is known of a claim at the head (read ahead); null: it does not exist. */
  knowClaim(id: string, claim: ClaimState | null): void {
    this.claims.set(id, claim);
  }

  /** Whether a source exists at the head (read ahead). */
  knowSource(id: string, exists: boolean): void {
    if (exists) this.sources.add(id);
    else this.absent.add(id);
  }

  /** A claim's standing evidence ids at the head (read ahead). */
  knowEvidence(claimId: string, ids: Set<string>): void {
    this.evidence.set(claimId, ids);
    this.unloaded.delete(claimId);
  }

  knowTarget(seq: number, target: RetractionTarget | null): void {
    this.targets.set(seq, target);
  }

  knowRules(rules: InstanceRules): void {
    this.rules = rules;
  }

  /** Whether answering these needs takes no query: everything is known at the head. */
  knows(claimIds: Iterable<string>, sourceIds: Iterable<string>, evidenceOf: Iterable<string>, startDaysOf: Iterable<string>): boolean {
    for (const id of claimIds) if (!this.claims.has(id)) return false;
    for (const id of sourceIds) if (!this.sources.has(id) && !this.absent.has(id)) return false;
    for (const id of evidenceOf) if (!this.evidence.has(id) && this.claims.get(id) !== null) return false;
    for (const id of startDaysOf) if (!this.startDays.has(id) && this.claims.get(id) !== null) return false;
    return this.rules !== null;
  }

  /**
   * Load, in one query each, the claims and sources a run of commands will ask about and that
   * this view does not hold yet: a group of appends then needs no query per append.
   */
  async prefetch(claimIds: Iterable<string>, sourceIds: Iterable<string>): Promise<void> {
    const claims = [...new Set(claimIds)].filter((id) => !this.claims.has(id) && !(this.knownIds && !this.knownIds.has(id)));
    const sources = [...new Set(sourceIds)].filter((id) => !this.sources.has(id));
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
    if (claims.length > 0) {
      const rs = await this.tx.execute({ sql: `SELECT * FROM claims WHERE id IN (${marks(claims.length)})`, args: claims });
      for (const r of rs.rows) this.claims.set(String(r.id), claimFromRow(r));
      for (const id of claims) if (!this.claims.has(id)) this.claims.set(id, null);
    }
    if (sources.length > 0) {
      const rs = await this.tx.execute({ sql: `SELECT id FROM sources WHERE id IN (${marks(sources.length)})`, args: sources });
      for (const r of rs.rows) this.sources.add(String(r.id));
    }
  }

  /** Every claim id in the database, when preloaded for a bulk append: unknown ids need no query. */
  private knownIds: Set<string> | null = null;

  async preloadClaimIds(): Promise<void> {
    const rs = await this.tx.execute('SELECT id FROM claims');
    this.knownIds = new Set(rs.rows.map((r) => String(r.id)));
  }

  async findClaim(id: string): Promise<ClaimState | null> {
    if (!this.claims.has(id) && this.knownIds && !this.knownIds.has(id)) return null;
    if (!this.claims.has(id)) {
      const rs = await this.tx.execute({ sql: 'SELECT * FROM claims WHERE id = ?', args: [id] });
      this.claims.set(id, rs.rows[0] ? claimFromRow(rs.rows[0]) : null);
    }
    return this.claims.get(id) ?? null;
  }

  /** The claim's state if this view has it in memory (no query). */
  cachedClaim(id: string): ClaimState | null {
    return this.claims.get(id) ?? null;
  }

  async claim(id: string): Promise<ClaimState> {
    const c = await this.findClaim(id);
    if (!c) throw new RuleError(404, `no claim with id '${id}'`);
    return c;
  }

  async sourceExists(id: string): Promise<boolean> {
    if (this.sources.has(id)) return true;
    if (this.absent.has(id)) return false;
    const rs = await this.tx.execute({ sql: 'SELECT 1 FROM sources WHERE id = ?', args: [id] });
    if (rs.rows.length > 0) this.sources.add(id);
    return rs.rows.length > 0;
  }

  /**
   * Standing evidence ids of a claim. Rows already written are read once; evidence applied
   * before that read (in a bulk append, not yet flushed) is kept in `unloaded` and merged.
   */
  async evidenceIds(claimId: string): Promise<Set<string>> {
    if (!this.evidence.has(claimId)) {
      const rs = await this.tx.execute({ sql: 'SELECT id FROM evidence WHERE claim_id = ? AND retracted_seq IS NULL', args: [claimId] });
      const ids = new Set(rs.rows.map((r) => String(r.id)));
      const pending = this.unloaded.get(claimId);
      if (pending) for (const [id, present] of pending) present ? ids.add(id) : ids.delete(id);
      this.unloaded.delete(claimId);
      this.evidence.set(claimId, ids);
    }
    return this.evidence.get(claimId) ?? new Set();
  }

  private evidenceOf(claimId: string): { add(id: string): void; delete(id: string): void } {
    const loaded = this.evidence.get(claimId);
    if (loaded) return loaded;
    const pending = this.unloaded.get(claimId) ?? new Map<string, boolean>();
    this.unloaded.set(claimId, pending);
    return { add: (id) => void pending.set(id, true), delete: (id) => void pending.set(id, false) };
  }

  async retractionTarget(seq: number): Promise<RetractionTarget | null> {
    const own = this.own?.get(seq);
    if (own) {
      const itemId = (own.payload as { id?: string }).id ?? null;
      return { seq, type: own.type, claimId: own.claimId, itemId, retracted: this.retracted.has(seq) };
    }
    const known = this.targets.get(seq);
    if (known !== undefined) return known && { ...known, retracted: known.retracted || this.retracted.has(seq) };
    const rs = await this.tx.execute({ sql: 'SELECT seq, type, claim_id, payload FROM events WHERE seq = ?', args: [seq] });
    const r = rs.rows[0];
    if (!r) return null;
    const itemId = (JSON.parse(String(r.payload)) as { id?: string }).id ?? null;
    let retracted = this.retracted.has(seq);
    if (!retracted) {
      const q = await this.tx.execute({ sql: 'SELECT 1 FROM events WHERE type = ? AND claim_id = ? AND json_extract(payload, \'$.targetSeq\') = ?', args: ['event.retracted', r.claim_id ?? null, seq] });
      retracted = q.rows.length > 0;
    }
    return { seq, type: String(r.type), claimId: r.claim_id === null ? null : String(r.claim_id), itemId, retracted };
  }

  /** The rules in force at the head: the last `rules.set`, else the implicit rules. */
  private rules: InstanceRules | null = null;

  async rulesInForce(): Promise<InstanceRules> {
    if (this.rules === null) {
      // events_claim_idx (claim_id, seq): walks only the events of no claim (sources, rules), newest first.
      const rs = await this.tx.execute("SELECT payload FROM events WHERE claim_id IS NULL AND type = 'rules.set' ORDER BY seq DESC LIMIT 1");
      const row = rs.rows[0];
      this.rules = row ? rulesOf(JSON.parse(String(row.payload)) as RulesPayload) : IMPLICIT_RULES;
    }
    return this.rules;
  }

  /** Bring the in-memory state up to date with an event that is being written. */
  apply(e: LedgerEvent): void {
    this.head = { seq: e.seq, hash: e.hash };
    this.own?.set(e.seq, e);
    if (e.type === 'source.registered') this.absent.delete(e.payload.id);
    if (e.type === 'rules.set') this.rules = rulesOf(e.payload);
    if (e.type === 'source.registered') this.sources.add(e.payload.id);
    else if (e.type === 'claim.created') {
      this.evidence.set(e.payload.id, new Set());
      this.knownIds?.add(e.payload.id);
    }
    else if (e.type === 'evidence.recorded') this.evidenceOf(e.payload.claimId).add(e.payload.id);
    else if (e.type === 'event.retracted') {
      this.retracted.add(e.payload.targetSeq);
      if (e.payload.targetType === 'evidence') this.evidenceOf(e.payload.claimId).delete(e.payload.targetId);
    }
    if (e.claimId !== null && (e.type === 'claim.created' || this.claims.has(e.claimId))) {
      this.claims.set(e.claimId, evolveClaim(this.claims.get(e.claimId) ?? null, e));
    }
  }

  /**
   * Drop what is cached of claims once their rows are written (a bulk append's flush): they
   * are read back from the tables if needed, so memory stays flat over a large import.
   */
  forgetWritten(): void {
    this.claims.clear();
    this.evidence.clear();
    this.unloaded.clear();
  }
}
