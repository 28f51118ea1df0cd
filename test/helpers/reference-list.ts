/**
 * The claim list (GET /api/claims) computed the plain way, to check the real one against: every
 * claim, forecast, stance and resolution read with a simple SELECT, then filtered, sorted and
 * paged in JavaScript. Shares no SQL and no code with src/db/claim-list.ts. Full-text search
 * (q) is not covered.
 */
import { worldStart } from '../../src/domain/dates.js';
import { cdfQuartiles } from '../../src/domain/questions/cdf-quartiles.js';
import type { Client, Row } from '@libsql/client';

export interface ReferenceFilters {
  kind?: string;
  status?: string;
  tag?: string;
  source?: string;
  due?: 'passed' | 'upcoming';
  sort?: 'newest' | 'oldest' | 'deadline' | 'recorded';
}

const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Every list item of the database as it is now, and a function that filters and sorts them. */
export async function referenceList(client: Client) {
  const all = async (sql: string) => (await client.execute(sql)).rows;
  const [claims, forecasts, stances, resolutions] = [await all('SELECT * FROM claims'), await all('SELECT * FROM forecasts'), await all('SELECT * FROM stances'), await all('SELECT * FROM resolutions')];
  const byClaim = (rows: Row[]) => {
    const m = new Map<string, Row[]>();
    for (const r of rows) {
      const list = m.get(String(r.claim_id)) ?? [];
      list.push(r);
      m.set(String(r.claim_id), list);
    }
    return m;
  };
  const [forecastsOf, stancesOf, resolutionsOf] = [byClaim(forecasts), byClaim(stances), byClaim(resolutions)];
  // Multiple-choice, numeric and date forecasts (issue 17): the list gives their latest too.
  const valuesOf = byClaim(await all('SELECT * FROM question_forecasts'));

  const items = claims.map((c) => {
    const id = String(c.id);
    // The standing resolution: the latest one not reopened, if the claim is resolved.
    const standing = (resolutionsOf.get(id) ?? []).filter((r) => r.reopened_seq === null).sort((a, b) => Number(b.seq) - Number(a.seq))[0];
    const latest = new Map<string, Row>();
    for (const f of [...(forecastsOf.get(id) ?? []), ...(valuesOf.get(id) ?? [])]) {
      if (f.retracted_seq !== null) continue;
      const held = latest.get(String(f.source_id));
      if (!held || cmp(String(f.made_at), String(held.made_at)) > 0 || (f.made_at === held.made_at && Number(f.seq) > Number(held.seq))) latest.set(String(f.source_id), f);
    }
    const live = (stancesOf.get(id) ?? []).filter((s) => s.retracted_seq === null);
    const question = c.question === null ? {} : (JSON.parse(String(c.question)) as { options?: string[]; ordered?: boolean; range?: any });
    const item = {
      id,
      kind: String(c.kind),
      questionType: String(c.question_type),
      ...question,
      title: String(c.title),
      statement: String(c.statement),
      resolutionCriteria: String(c.resolution_criteria),
      ...(c.details !== null ? { details: String(c.details) } : {}),
      tags: JSON.parse(String(c.tags)) as string[],
      ...(c.deadline !== null ? { deadline: String(c.deadline) } : {}),
      ...(c.check_by !== null ? { checkBy: String(c.check_by) } : {}),
      ...(c.opened_at !== null ? { openedAt: String(c.opened_at) } : {}),
      status: String(c.status),
      revision: Number(c.revision),
      editedAfterForecasts: Number(c.edited_after_forecasts) === 1,
      createdAt: String(c.created_at),
      // Allegations: the earliest live asserting stance by its first day, the least precise of a day.
      ...(() => {
        const dates = live.filter((s) => s.stance === 'asserts' && c.kind === 'allegation').map((s) => String(s.date));
        dates.sort((a, b) => (worldStart(a) as number) - (worldStart(b) as number) || cmp(a, b));
        return dates.length ? { firstAllegedOn: dates[0] } : {};
      })(),
      resolution: standing
        ? {
            seq: Number(standing.seq),
            outcome: String(standing.outcome),
            ...(standing.value !== null ? { value: JSON.parse(String(standing.value)) } : {}),
            knownOn: String(standing.known_on),
            ...(standing.note !== null ? { note: String(standing.note) } : {}),
            evidenceIds: JSON.parse(String(standing.evidence_ids)) as string[],
            recordedAt: String(standing.recorded_at),
          }
        : null,
      latestForecasts: [...latest.values()]
        .map((f) => {
          const [sourceId, madeAt] = [String(f.source_id), String(f.made_at)];
          if (f.kind === 'probabilities') return { sourceId, madeAt, probabilities: JSON.parse(String(f.vals)) as number[] };
          if (f.kind === 'cdf') return { sourceId, madeAt, ...cdfQuartiles(JSON.parse(String(f.vals)) as number[], question.range) };
          return { sourceId, probability: Number(f.probability), madeAt };
        })
        .sort((a, b) => cmp(a.sourceId, b.sourceId)),
      stanceTally: { asserts: live.filter((s) => s.stance === 'asserts').length, denies: live.filter((s) => s.stance === 'denies').length },
    };
    // Sources that forecast (a yes/no forecast or one of another question type) or took a stance on the claim, retracted or not.
    const spokeOn = new Set([...(forecastsOf.get(id) ?? []), ...(valuesOf.get(id) ?? []), ...(stancesOf.get(id) ?? [])].map((x) => String(x.source_id)));
    // The claim's date in the world: an allegation's first assertion (its first day), else its opening, else its recording.
    const first = (item as { firstAllegedOn?: string }).firstAllegedOn;
    const world = first !== undefined ? new Date(worldStart(first) as number).toISOString() : c.opened_at !== null ? new Date(worldStart(String(c.opened_at)) as number).toISOString() : String(c.created_at);
    return { item, seq: Number(c.created_seq), due: str(c.deadline) ?? str(c.check_by), spokeOn, world };
  });

  /** The whole list for these filters, in its order (`now` decides `due`). */
  return (f: ReferenceFilters, now = new Date().toISOString()) => {
    const kept = items.filter(
      (x) =>
        (!f.kind || x.item.kind === f.kind) &&
        (!f.status || x.item.status === f.status) &&
        (!f.tag || x.item.tags.includes(f.tag)) &&
        (!f.source || x.spokeOn.has(f.source)) &&
        (!f.due || (x.due !== undefined && (f.due === 'passed' ? x.due < now : x.due >= now))),
    );
    const sort = f.sort ?? 'newest';
    kept.sort((a, b) => {
      if (sort === 'recorded') return b.seq - a.seq;
      if (sort === 'newest') return cmp(b.world, a.world) || b.seq - a.seq;
      if (sort === 'oldest') return cmp(a.world, b.world) || a.seq - b.seq;
      // Soonest deadline first, then those without one; ties in creation order.
      if (a.due === undefined || b.due === undefined) return a.due === b.due ? a.seq - b.seq : a.due === undefined ? 1 : -1;
      return cmp(a.due, b.due) || a.seq - b.seq;
    });
    return kept.map((x) => x.item);
  };
}
