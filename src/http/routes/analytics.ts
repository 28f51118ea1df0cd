/**
 * Analytics routes (issue 14): time to verdict (`/api/survival`), base rates by kind of source
 * (`/api/base-rates`) and the aggregated overview (`/api/overview`). The definitions are pure
 * functions in src/domain/survival; the reads are in src/db/analytics-queries.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { memoJson } from '../memo-json.js';
import { readRows } from '../../db/fast-read.js';
import { baseRateTallies, overviewData, survivalTallies } from '../../db/analytics-reads.js';
import { parseInstant } from '../../domain/dates.js';
import { baseRates } from '../../domain/survival/base-rates.js';
import { survivalGroups } from '../../domain/survival/curves.js';
import { DAY_MS, dayText } from '../../domain/survival/entries.js';
import type { AppDeps } from '../deps.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';
import { IsoInstant } from '../schemas.js';

const tags = ['Scoring'];
const Interval = z.tuple([z.number(), z.number()]).nullable();
const Key = z.string().nullable();

const AsOf = IsoInstant.optional().openapi({ description: 'The day to look from (a date, or a date-time taken as its UTC day); default today (UTC).' });
const Tag = z.string().max(50).optional().openapi({ description: 'Only allegations with this tag.' });
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US')
  .optional()
  .openapi({ description: 'Only stances of sources of this country (ISO 3166-1 alpha-2).' });

// The cumulative incidences' bands (R survfit's std.err, lower, upper of a multi-state fit).
const ONLY_WITH = ' Only with `incidenceBands=true`.';
function bandStdErr(of: string) {
  return z.number().min(0).optional().openapi({ description: `Standard error of \`${of}\` on the probability scale: R \`survfit\`’s infinitesimal-jackknife \`std.err\` of that state in a multi-state fit (0 before the first such verdict).${ONLY_WITH}` });
}
function bandLower(of: string) {
  return z.number().min(0).max(1).nullable().optional().openapi({ description: `Lower end of the 95% pointwise interval of \`${of}\`, \`exp(log p − 1.96·se/p)\` (R \`survfit_confint\`, \`conf.type="log"\`, survfit’s default for multi-state fits); equal to \`${of}\` where the standard error is 0; null where R gives NA (a share of 0 with a standard error above 0, which this data cannot give).${ONLY_WITH}` });
}
function bandUpper() {
  return z.number().min(0).max(1).nullable().optional().openapi({ description: `Upper end of that interval, \`min(1, exp(log p + 1.96·se/p))\`; null where the lower end is.${ONLY_WITH}` });
}

const SurvivalPoint = z.object({
  days: z.number().int(),
  atRisk: z.number().int(),
  confirmed: z.number().int(),
  refuted: z.number().int(),
  censored: z.number().int(),
  unresolved: z.number(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  cumConfirmed: z.number(),
  cumRefuted: z.number(),
  // With incidenceBands=true only; after the fields above (issue 14's contract), in this order.
  cumConfirmedStdErr: bandStdErr('cumConfirmed'),
  cumConfirmedLower: bandLower('cumConfirmed'),
  cumConfirmedUpper: bandUpper(),
  cumRefutedStdErr: bandStdErr('cumRefuted'),
  cumRefutedLower: bandLower('cumRefuted'),
  cumRefutedUpper: bandUpper(),
});
const Survival = z
  .object({
    asOf: z.string(),
    by: z.enum(['none', 'source', 'sourceType']),
    groups: z.array(
      z.object({ key: Key, entries: z.number().int(), confirmed: z.number().int(), refuted: z.number().int(), censored: z.number().int(), medianDays: z.number().int().nullable(), points: z.array(SurvivalPoint) }),
    ),
  })
  .openapi('Survival');

const IncidenceBands = z
  .enum(['true', 'false'])
  .default('false')
  .openapi({ description: '`true`: each point also carries the standard errors and 95% intervals of `cumConfirmed` and `cumRefuted` (six more fields, after the others). Off by default: they about double the answer, and `by=source` would pass 1 MB.' });

const survivalRoute = createRoute({
  method: 'get',
  path: '/api/survival',
  operationId: 'getSurvival',
  summary: 'Time to verdict of allegations: Kaplan–Meier and cumulative incidence curves, open claims counted as censored',
  description: [
    'Entries: with `by=none`, one per allegation that a source asserts (a non-retracted `asserts` stance dated on or before `asOf`), starting on the earliest such stance; with `by=source` / `by=sourceType`, one per (source, allegation) pair, starting on that source’s earliest asserting stance, grouped by the source’s id / type. Year- and month-precision dates start on their first day (UTC).',
    'An entry ends in its verdict on `knownOn` when its claim is confirmed or refuted on or before `asOf`; annulled and unresolvable claims are censored on their `knownOn`; claims still open, or resolved after `asOf`, are censored on `asOf`. A reopened claim counts by its current resolution. Durations are whole UTC calendar days (0 allowed); an entry starting after its end is left out.',
    'Per group (ordered by key; `key` null for `by=none`), one point per distinct duration at which an entry ended, ascending: counts at that duration (`atRisk` includes those censored at it), `unresolved` the Kaplan–Meier share still without a verdict, `lower`/`upper` its 95% pointwise interval from Greenwood’s variance on the log scale (R `survfit`, `conf.type="log"`; upper capped at 1; null where the share is 0), `cumConfirmed`/`cumRefuted` the Aalen–Johansen cumulative incidences of the two verdicts as competing risks. `medianDays`: the smallest `days` with `unresolved ≤ 0.5`, else null.',
    'With `incidenceBands=true`, each point also has `cumConfirmedStdErr`, `cumConfirmedLower`, `cumConfirmedUpper`, `cumRefutedStdErr`, `cumRefutedLower`, `cumRefutedUpper`: what R’s `survfit(Surv(days, factor(status)) ~ 1)` reports for those two states (`std.err`, `lower`, `upper` of `pstate`): the infinitesimal-jackknife standard error on the probability scale, and the 95% interval on the log scale, `exp(log p ± 1.96·se/p)`, upper end capped at 1 (survfit’s default `conf.type="log"`); where the standard error is 0 both ends equal the share.',
  ].join('\n\n'),
  tags,
  request: { query: z.object({ by: z.enum(['none', 'source', 'sourceType']).default('none'), asOf: AsOf, tag: Tag, country: Country, incidenceBands: IncidenceBands }) },
  responses: { 200: jsonResponse(Survival, 'The curves'), ...problems(...READ_ERRORS) },
});

const Verdicts = z.object({ confirmed: z.number().int(), refuted: z.number().int(), pending: z.number().int() });
const BaseRates = z
  .object({
    asOf: z.string(),
    by: z.enum(['sourceType', 'country', 'source']),
    groups: z.array(z.object({ key: Key, asserted: Verdicts, denied: Verdicts, confirmationRate: z.number().nullable(), interval: Interval })),
  })
  .openapi('BaseRates');

const baseRatesRoute = createRoute({
  method: 'get',
  path: '/api/base-rates',
  operationId: 'getBaseRates',
  summary: 'How often allegations asserted (or denied) by each kind of source were confirmed',
  description:
    'Counts by the same (source, allegation) entries as `/api/survival?by=source` (for `denied`, the same with denying stances): `confirmed` and `refuted` by verdicts known on or before `asOf`, `pending` still open on `asOf`; claims annulled or unresolvable by then are in none of the three. `confirmationRate` = confirmed / (confirmed + refuted) among asserted allegations (null when none is resolved), `interval` its 95% Wilson interval. Groups ordered by key (`key` null for sources without a country).',
  tags,
  request: { query: z.object({ by: z.enum(['sourceType', 'country', 'source']).default('sourceType'), asOf: AsOf, tag: Tag }) },
  responses: { 200: jsonResponse(BaseRates, 'The base rates'), ...problems(...READ_ERRORS) },
});

const StatusCounts = {
  open: z.number().int(),
  confirmed: z.number().int(),
  refuted: z.number().int(),
  annulled: z.number().int(),
  unresolvable: z.number().int(),
  resolved: z.number().int().openapi({ description: 'Multiple-choice, numeric and date questions resolved with a value.' }),
};
const Overview = z
  .object({
    interval: z.enum(['month', 'quarter', 'year']),
    asOf: z.string(),
    totals: z.object({ claims: z.number().int(), predictions: z.number().int(), allegations: z.number().int(), ...StatusCounts }),
    periods: z.array(z.object({ period: z.string(), start: z.string(), end: z.string(), ...StatusCounts, resolvedInPeriod: z.number().int() })),
    bySource: z.array(
      z.object({
        sourceId: z.string(),
        name: z.string(),
        type: z.string(),
        entries: z.number().int(),
        right: z.number().int(),
        wrong: z.number().int(),
        pending: z.number().int(),
        periods: z.array(z.object({ period: z.string(), right: z.number().int(), wrong: z.number().int(), pending: z.number().int() })),
      }),
    ),
    sourcesWithStances: z.number().int(),
  })
  .openapi('Overview');

const overviewRoute = createRoute({
  method: 'get',
  path: '/api/overview',
  operationId: 'getOverview',
  summary: 'How the body of claims held up over time (aggregated: no per-claim list)',
  description: [
    '`totals`: claims by kind and current status. `periods`: for each period from the first claim’s start in the world (the earliest of its recording, opening, first forecast, stance or evidence) to `asOf`, the claims open, confirmed, refuted, annulled, unresolvable and resolved (with a value) at its end (by knownOn), and how many were resolved in it; at most 600 periods (the latest).',
    '`bySource`: the sources with the most (source, allegation, stance) entries — the entries of `/api/survival?by=source`, for asserting and denying stances — at most `sources` of them (most entries first; `sourcesWithStances` says how many there are): entries right (asserts met confirmed, denies met refuted), wrong and pending on `asOf`, and per period (the same periods) the verdicts that fell in it (by knownOn) and the entries pending at its end. Annulled and unresolvable claims are neither right nor wrong.',
  ].join('\n\n'),
  tags,
  request: {
    query: z.object({
      interval: z.enum(['month', 'quarter', 'year']).default('quarter'),
      asOf: AsOf,
      sources: z.coerce.number().int().min(0).max(100).default(20).openapi({ description: 'At most this many sources in `bySource`.' }),
    }),
  },
  responses: { 200: jsonResponse(Overview, 'The overview'), ...problems(...READ_ERRORS) },
});

/** The asOf day number: the query's UTC day, or today's. */
export function asOfDay(asOf: string | undefined, now = Date.now()): number {
  return Math.floor((asOf === undefined ? now : (parseInstant(asOf) as number)) / DAY_MS);
}

/**
 * Each answer is computed from the analytics projections, and its JSON text kept until the
 * ledger moves (src/db/answer-memo.ts): an answer can be a megabyte, which takes longer to
 * make than to send.
 */
export function registerAnalyticsRoutes(app: App, deps: AppDeps): void {
  app.openapi(survivalRoute, async (c) => {
    const q = c.req.valid('query');
    const day = asOfDay(q.asOf);
    const bands = q.incidenceBands === 'true';
    return (await memoJson(c, deps.db, `survival|${JSON.stringify([q.by, day, q.tag, q.country, bands])}`, async () => {
      const tallies = await survivalTallies(deps.db, readRows(deps.db), q.by, day, { tag: q.tag, country: q.country });
      return { asOf: dayText(day), by: q.by, groups: survivalGroups(tallies, { bands }) };
    })) as never;
  });

  app.openapi(baseRatesRoute, async (c) => {
    const q = c.req.valid('query');
    const day = asOfDay(q.asOf);
    return (await memoJson(c, deps.db, `base-rates|${JSON.stringify([q.by, day, q.tag])}`, async () => {
      const tallies = await baseRateTallies(deps.db, readRows(deps.db), q.by, day, { tag: q.tag });
      return { asOf: dayText(day), by: q.by, groups: baseRates(tallies) };
    })) as never;
  });

  app.openapi(overviewRoute, async (c) => {
    const q = c.req.valid('query');
    const day = asOfDay(q.asOf);
    return (await memoJson(c, deps.db, `overview|${JSON.stringify([q.interval, day, q.sources])}`, () => overviewData(deps.db, readRows(deps.db), q.interval, day, q.sources))) as never;
  });
}
