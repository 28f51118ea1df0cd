/**
 * Group commit on a remote database (a libSQL server, Turso), where each request is a round
 * trip over the network and the round trips, not the database, are the cost.
 *
 * A group costs at most two requests: one batch reading everything the group needs (skipped
 * when the writer's view from its last commit still knows all of it), and one
 * `batch(…, 'write')` holding a check that the chain head is still the one the group was
 * decided against, the events, their projections and the commit. The check makes the server
 * refuse the whole batch when another instance appended in between (a lost race): the group is
 * then read and decided again against the new head. The head check is also what makes an
 * unanswered write decidable: the group's first event is on the chain, or nothing of it is.
 *
 * Pipelining: while one group's write batch is on its way, the next group is decided on the
 * state that write leaves (the writer's view, with the group ahead applied) and sent behind
 * it, its head check naming the last event of the group ahead. If the group ahead is refused
 * or lost, so is the one behind (its head check cannot hold), and it is tried again once the
 * group ahead is answered. Up to DEPTH groups are in flight, each behind the one before, so a
 * round trip no longer leaves the connections that arrive during it waiting for its answer. A group that needs reading first, an
 * interactive transaction, or an embedded replica waits for the group ahead instead.
 *
 * A group whose events need a projection refreshed from the tables after they are written (a
 * resolution, a reopening, a retraction, a stance, evidence, a new claim, an early forecast:
 * src/db/counted.ts, claim-scores.ts, analytics.ts) writes inside an interactive transaction,
 * which starts with the same head check and holds the write lock until it commits.
 */
import type { Client } from '@libsql/client';
import { projectEvent } from '../db/projection.js';
import { writeStatements } from '../db/write-ops.js';
import type { InstanceRules } from '../domain/instance-rules.js';
import type { RuleContext } from '../domain/rules.js';
import type { LedgerEvent } from '../domain/types.js';
import { buildEvent, PAYLOAD_TEXT } from './commands.js';
import { groupNeeds, readGroup } from './group-reads.js';
import type { Pending } from './ledger.js';
import { rulesEventFor } from './rules-event.js';
import { awaitOwnWrite } from './replica.js';
import { refreshAfterWrite, refreshNeeded } from './refresh.js';
import { Busy, guardCheck, headCheck, LostRace, StorageFailure, whereItStands, writeBatch, writeInteractive, type Refresh } from './remote-write.js';
import type { Head, TxView } from './view.js';

/** What the remote writer needs of the ledger. */
export interface RemoteWriterDeps {
  client: Client;
  rules: InstanceRules;
  context(): Omit<RuleContext, 'seq'>;
  /** Commit these appends one at a time, each in its own savepoint (a storage error isolated). */
  oneByOne(group: Pending[]): Promise<void>;
  /**
   * An embedded replica (reads from a local file that may lag the primary, writes to the
   * primary): a lost race syncs the file before reading again, and the writer answers only
   * once the file holds its own writes (src/ledger/replica.ts).
   */
  replica?: boolean;
}

/**
 * Groups in flight at most, each decided on the state the one before it leaves. With 50
 * connections and a 10 ms round trip, 2 left requests waiting for a slot often enough to cost
 * ≈5 % of the write rate (bench:remote: ≈1,920 against ≈2,020 forecasts/s with 4 or 8); more
 * than 4 gained nothing, and each one more is one more group to try again after a lost race.
 */
const DEPTH = 4;
/** Attempts at a group before giving up (each lost only because another instance committed). */
const MAX_ATTEMPTS = 50;
/** Entries a warm view may hold before the writer starts a fresh one (bounds its memory). */
const WARM_LIMIT = 50_000;

interface Decided {
  view: TxView;
  head: Head;
  events: LedgerEvent[];
  accepted: Array<[Pending, LedgerEvent]>;
  refused: Array<[Pending, unknown]>;
  guards: string[];
  /** Decided on what was just read (a snapshot), not on a warm view. */
  fresh: boolean;
}

/** What the remote writer has done (bench/remote.ts and the tests read it). */
export interface RemoteStats {
  /** Groups committed or refused. */
  groups: number;
  /** Tries at them: a lost race makes one more. */
  attempts: number;
  /**
   * Tries refused by the head check because another writer had appended (or because the group
   * ahead, whose outcome this one was decided on, was refused or was overtaken on the wire).
   */
  lostRaces: number;
  /** Groups sent while the group ahead was still in flight, decided on the state it leaves. */
  pipelined: number;
  /** Tries the server answered busy at BEGIN or COMMIT (nothing written), tried again. */
  busy: number;
}

/** A group on its way (see the pipelining note above). */
interface InFlight {
  /** Fulfilled once every append of the group is answered; never rejected. */
  settled: Promise<void>;
  /** Its write is one batch whose outcome the next group may be decided on (not interactive). */
  batch: boolean;
  /** Answered. */
  done: boolean;
}

export class RemoteWriter {
  /**
   * The view at the head this writer's last write leaves (see Ledger.warm): the last group
   * committed, or the group in flight, whose events it already holds.
   */
  private warm: TxView | null = null;
  /** The last group started, until it is answered. */
  private inflight: InFlight[] = [];
  readonly stats: RemoteStats = { groups: 0, attempts: 0, lostRaces: 0, pipelined: 0, busy: 0 };

  constructor(private readonly deps: RemoteWriterDeps) {}

  /**
   * Commit a group. Resolves once the next group may start: this one's write is on its way and
   * fewer than DEPTH groups are in flight (the oldest is answered). The appends' own promises
   * settle when the group is answered.
   */
  commit(group: Pending[]): Promise<void> {
    this.stats.groups += 1;
    const ahead = this.inflight[this.inflight.length - 1] ?? null;
    let sent!: () => void;
    const onItsWay = new Promise<void>((resolve) => (sent = resolve));
    const me: InFlight = { settled: Promise.resolve(), batch: false, done: false };
    me.settled = this.run(group, ahead, me, sent)
      .catch((err: unknown) => {
        // Not expected (every failure is given to the appends): answer them rather than hang.
        for (const p of group) p.reject(err);
      })
      .finally(() => {
        me.done = true;
        sent();
        this.inflight.splice(this.inflight.indexOf(me), 1);
      });
    this.inflight.push(me);
    // The next group may start once this one is on its way, while fewer than DEPTH are in flight.
    const oldest = this.inflight.length >= DEPTH ? this.inflight[this.inflight.length - DEPTH] : undefined;
    return Promise.all([onItsWay, oldest?.settled]).then(() => undefined);
  }

  /**
   * Make way for a write by another path of this ledger (a bulk append, a local transaction):
   * resolves once no group is in flight, and forgets the view, which that write will leave behind.
   */
  async stepAside(): Promise<void> {
    for (let last = this.inflight.at(-1); last; last = this.inflight.at(-1)) await last.settled;
    this.warm = null;
  }

  private async run(group: Pending[], ahead: InFlight | null, me: InFlight, sent: () => void): Promise<void> {
    // Only a batch write can be pipelined behind; a replica answers once its file holds the write.
    if (ahead && (!ahead.batch || this.deps.replica)) await ahead.settled;
    let open = group;
    for (let attempt = 1; open.length > 0; attempt++) {
      this.stats.attempts += 1;
      try {
        open = await this.attempt(open, attempt === 1, attempt === 1 ? ahead : null, me, sent);
      } catch (err) {
        for (const p of open) p.reject(err);
        return;
      }
      if (open.length > 0 && attempt >= MAX_ATTEMPTS) {
        const err = new Error(`the write could not be committed: other writers moved the chain head ${MAX_ATTEMPTS} times in a row`);
        for (const p of open) p.reject(err);
        return;
      }
      // Lost: try again once the group ahead is answered (its own retry comes first).
      if (open.length > 0 && ahead) await ahead.settled;
    }
  }

  /**
   * One try at the group: the appends left to try again (the race was lost), or none. `ahead`:
   * the group in flight before this one, whose outcome this try may be decided on.
   */
  private async attempt(group: Pending[], mayUseWarm: boolean, ahead: InFlight | null, me: InFlight, sent: () => void): Promise<Pending[]> {
    const d = await this.decide(group, mayUseWarm, ahead);
    if (d === 'refused') return [];
    if (d.events.length === 0 && d.fresh) return this.done(d);
    const writes = d.events.length === 0 ? [] : writeStatements(d.events, d.events.map(projectEvent), true, (e) => PAYLOAD_TEXT.get(e));
    const checks = [headCheck(d.head), ...d.guards.map(guardCheck)];
    const refresh = this.refreshes(d);
    // An interactive transaction holds the write lock: the group ahead must be answered first.
    if (refresh && ahead) await ahead.settled;
    try {
      if (refresh) {
        this.forget(d);
        me.batch = false;
        sent();
        await writeInteractive(this.deps.client, checks, writes, refresh);
      } else {
        const write = writeBatch(this.deps.client, checks, writes);
        if (ahead && !ahead.done) this.stats.pipelined += 1;
        // The next group may be decided on what this one leaves, and sent behind it.
        me.batch = true;
        if (d.view.size() < WARM_LIMIT) this.warm = d.view;
        else this.forget(d);
        sent();
        await write;
      }
    } catch (err) {
      if (err instanceof LostRace || err instanceof Busy) {
        this.forget(d);
        if (err instanceof LostRace) this.stats.lostRaces += 1;
        else this.stats.busy += 1;
        // The file read from may be behind the primary: bring it up to date first.
        if (this.deps.replica) await this.deps.client.sync().catch(() => undefined);
        return group;
      }
      if (err instanceof StorageFailure) {
        this.forget(d);
        // A statement of the group failed (nothing was written): isolate the append that fails.
        this.settleRefused(d);
        await this.deps.oneByOne(d.accepted.map(([p]) => p));
        return [];
      }
      // No answer, and nothing to write: the refusals decided on this view are not confirmed.
      if (d.events.length === 0) {
        this.forget(d);
        return group;
      }
      // No answer (the network, the server): the head check makes the outcome a fact of the chain.
      const outcome = await whereItStands(this.deps.client, d.events[0], this.deps.replica ?? false);
      if (outcome !== 'landed') {
        this.forget(d);
        // Another event holds its place: the head check can never pass now, so nothing of it can land.
        if (outcome === 'overtaken') {
          this.stats.lostRaces += 1;
          return group;
        }
        throw err;
      }
    }
    const last = d.events[d.events.length - 1];
    if (this.deps.replica && last) await awaitOwnWrite(this.deps.client, last);
    return this.done(d);
  }

  /** The view of a group that did not land (or is being rewritten) must decide nothing more. */
  private forget(d: Decided): void {
    if (this.warm === d.view) this.warm = null;
  }

  /**
   * The group is on the chain (or had nothing to write): answer everyone, and keep its view
   * warm unless a group behind has moved it on (that group keeps it, or forgets it if it fails).
   */
  private done(d: Decided): Pending[] {
    const end = d.events[d.events.length - 1] ?? d.head;
    if (this.warm === null && d.view.head.hash === end.hash && d.view.size() < WARM_LIMIT) this.warm = d.view;
    this.settleRefused(d);
    for (const [p, e] of d.accepted) p.resolve(e);
    return [];
  }

  /**
   * Decide the group against a view at a known head: the warm view when it knows all that the
   * group needs (no request), else what one batch reads. Refusals by a write guard are settled
   * here (they are read in that batch); refusals by the rules wait for the write, whose head
   * check confirms the state they were decided on.
   */
  private async decide(group: Pending[], mayUseWarm: boolean, ahead: InFlight | null): Promise<Decided | 'refused'> {
    const cmds = group.map((p) => p.cmd);
    const n = groupNeeds(cmds);
    const guards = [...new Set(group.flatMap((p) => (p.guard?.holds ? [p.guard.holds] : [])))];
    const warmKnows = () => mayUseWarm && this.warm !== null && n.targets.length === 0 && this.warm.knows(n.claims, n.sources, n.evidence, n.startDays);
    // What is read now may not yet hold the group in flight: read after it is answered.
    if (ahead && !warmKnows()) await ahead.settled;
    const fresh = !warmKnows();
    // Taken: the view now belongs to this group until it is written (or forgotten). A group that
    // reads keeps it only if it is at the head read (readGroup), so even a retry may use it.
    const warm = this.warm;
    this.warm = null;
    let view = warm;
    let open = group;
    if (fresh || !view) {
      const read = await readGroup(this.deps.client, n, guards, warm);
      view = read.view;
      const failing = new Set(guards.filter((_, i) => !read.guardsHold[i]));
      if (failing.size > 0) open = await this.refuseByGuards(group, failing);
      if (open.length === 0) return 'refused';
    }
    const head = view.head;
    view.own = new Map();
    const events: LedgerEvent[] = [];
    const accepted: Array<[Pending, LedgerEvent]> = [];
    const refused: Array<[Pending, unknown]> = [];
    const rules = await rulesEventFor(view, open.map((p) => p.cmd), this.deps.rules, this.deps.context(), open[0]?.actor ?? null);
    if (rules) events.push(rules);
    for (const p of open) {
      try {
        const event = await buildEvent(view, p.cmd, this.deps.context(), p.actor);
        view.apply(event);
        events.push(event);
        accepted.push([p, event]);
      } catch (err) {
        refused.push([p, err]);
      }
    }
    view.own = null;
    return { view, head, fresh, events, accepted, refused, guards: [...new Set(open.flatMap((p) => (p.guard?.holds ? [p.guard.holds] : [])))] };
  }

  /** Refuse the appends whose guard did not hold, with the guard's own answer; the rest go on. */
  private async refuseByGuards(group: Pending[], failing: Set<string>): Promise<Pending[]> {
    const open: Pending[] = [];
    const answers = new Map<string, Promise<unknown>>();
    for (const p of group) {
      const holds = p.guard?.holds;
      if (!p.guard || holds === undefined || !failing.has(holds)) {
        open.push(p);
        continue;
      }
      if (!answers.has(holds)) answers.set(holds, p.guard.check(this.deps.client).catch((err: unknown) => err));
      const refusal = await answers.get(holds);
      if (refusal) p.reject(refusal);
      else open.push(p);
    }
    return open;
  }

  private settleRefused(d: Decided): void {
    for (const [p, err] of d.refused) p.reject(err);
  }

  /** What must be refreshed from the tables after the group's rows are written, if anything. */
  private refreshes(d: Decided): Refresh | null {
    const { needed, analytics } = refreshNeeded(d.events, (id) => d.view.startDays.get(id) ?? null);
    // Their start days are about to be recomputed: read again with the commit, for the next group.
    for (const id of analytics) d.view.startDays.delete(id);
    if (!needed) return null;
    const ids = [...analytics];
    return {
      run: (tx) => refreshAfterWrite(tx, d.events, analytics),
      after: ids.length === 0 ? [] : [{ sql: `SELECT claim_id, start_day FROM claim_analytics WHERE claim_id IN (${ids.map(() => '?').join(',')})`, args: ids }],
      took: ([rs]) => {
        if (!rs) return;
        const days = new Map(rs.rows.map((r) => [String(r[0]), Number(r[1])]));
        for (const id of ids) d.view.startDays.set(id, days.get(id) ?? null);
      },
    };
  }
}
