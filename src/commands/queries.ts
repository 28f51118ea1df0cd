/**
 * What the scoring reads accept, shared by the API (`GET /api/calibration`) and the CLI
 * (`reckon score`): plain zod, like the command inputs.
 */
import { z } from 'zod';
import type { ScoreFilters } from '../db/scoring-queries.js';
import { parseInstant } from '../domain/dates.js';
import { CLAIM_KINDS, QUESTION_TYPES } from '../domain/types.js';
import { IsoInstant, Slug } from './inputs.js';

export const CalibrationQuery = z.object({
  source: Slug.optional(),
  tag: z.string().max(50).optional(),
  kind: z.enum(CLAIM_KINDS).optional(),
  from: IsoInstant.optional().meta({ description: 'Resolution date from (inclusive).' }),
  to: IsoInstant.optional().meta({ description: 'Resolution date to (inclusive for a date, exclusive for a date-time).' }),
  rule: z.enum(['last', 'time-weighted']).default('last'),
  bins: z.coerce.number().int().min(2).max(50).default(10),
  binning: z.enum(['equal', 'quantile']).default('equal'),
  backfilled: z.enum(['include', 'exclude']).default('include'),
  closedOnly: z.enum(['true', 'false']).default('false').meta({ description: 'Only questions whose scheduled close (deadline) has passed: questions resolved early are mostly those that resolved Yes.' }),
  questionType: z
    .enum(QUESTION_TYPES)
    .default('binary')
    .meta({ description: '`multiple-choice`: every option of each source’s last forecast as a yes/no forecast; `numeric` / `date`: the PIT histogram of each source’s last forecast (`{ pit: { count, bins } }`). Both use rule `last` only: `rule=time-weighted` with them is a 400 naming `/rule`.' }),
}).superRefine((q, ctx) => {
  // Refused, not ignored: these types are calibrated on each source's last forecast only.
  if (q.questionType !== 'binary' && q.rule === 'time-weighted') {
    ctx.addIssue({ code: 'custom', path: ['rule'], message: `only rule=last applies to ${q.questionType} questions (each source’s last forecast before the outcome was known); time-weighted calibration is for yes/no questions` });
  }
});
export type CalibrationQuery = z.infer<typeof CalibrationQuery>;

/** Query dates as ISO instants: `to` given as a date includes that whole day. */
export function scoreFilters(q: CalibrationQuery): ScoreFilters {
  const iso = (v: string) => new Date(parseInstant(v) as number).toISOString();
  const to = q.to === undefined ? undefined : q.to.length === 10 ? new Date((parseInstant(q.to) as number) + 86_400_000).toISOString() : iso(q.to);
  const closedBy = q.closedOnly === 'true' ? new Date().toISOString() : undefined;
  return { source: q.source, tag: q.tag, kind: q.kind, from: q.from === undefined ? undefined : iso(q.from), to, rule: q.rule, backfilled: q.backfilled, closedBy };
}
