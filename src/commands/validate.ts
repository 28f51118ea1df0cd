/**
 * The input check every command passes before the rules decide it, whichever way it came (the
 * API, the CLI, an importer, a replayed export): the schemas of inputs.ts, extended with what
 * only the ledger and importers give (item ids, a claim's `openedAt`), and `textProblems`.
 */
import { z } from 'zod';
import { RuleError } from '../domain/rules.js';
import type { Command } from '../ledger/commands.js';
import { parseInstant } from '../domain/dates.js';
import { OUTCOMES, RESOLVED } from '../domain/types.js';
import { SLUG_PATTERN } from '../domain/ids.js';
import { describeFieldErrors, PLAIN_TEXT, textProblems, zodFieldErrors, type FieldError } from './field-errors.js';
import { ClaimChanges, ClaimInput, EvidenceInput, ForecastInput, ReasonInput, ResolutionInput, Slug, SourceInput, StanceInput } from './inputs.js';

/** An id the ledger or an importer gives a forecast, stance or piece of evidence. */
const ItemId = z.string().min(1).max(200);

/** An instance's rules: bounds on a new forecast's probability, 0 < min < max < 1. */
const RulesInput = z
  .strictObject({ minProbability: z.number().gt(0).lt(1), maxProbability: z.number().gt(0).lt(1) })
  .refine((r) => r.minProbability < r.maxProbability, { message: 'minProbability must be below maxProbability', path: ['maxProbability'] });

/** The input of each command type, as the ledger accepts it. */
export const COMMAND_INPUTS = {
  'source.register': SourceInput,
  'claim.create': ClaimInput,
  'claim.edit': z.strictObject({ changes: ClaimChanges, reason: ReasonInput.shape.reason }),
  // The instance's probability bounds are a rule (decideForecast), not a shape.
  // `imported` marks a platform's own history (Fatebook, Metaculus), kept exactly as recorded.
  'forecast.record': ForecastInput.extend({
    probability: z.number().min(0).max(1).optional(),
    probabilities: z.array(z.number().min(0).max(1)).min(2).max(20).optional(),
    id: ItemId.optional(),
    imported: z.strictObject({ platform: Slug }).optional(),
  }),
  'stance.record': StanceInput.extend({ id: ItemId.optional() }),
  'evidence.record': EvidenceInput.extend({ id: ItemId.optional() }),
  // A replayed resolution with a value records outcome `resolved` (commands.ts leaves it out; accepted too).
  'claim.resolve': ResolutionInput.extend({ outcome: z.enum([...OUTCOMES, RESOLVED]).optional() }),
  'claim.reopen': ReasonInput,
  'event.retract': ReasonInput,
  'rules.set': RulesInput,
} as const;

type Decided = Exclude<Command, { type: 'event.import' }>;

/** A command's input that does not validate: 422 naming each bad field (the first as `pointer`). */
export class InputError extends RuleError {
  constructor(readonly errors: FieldError[]) {
    super(422, describeFieldErrors(errors), errors[0]?.pointer);
    this.name = 'InputError';
  }
}

/** Parse `value` with `schema`, or throw InputError naming every bad field. */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(zodFieldErrors(r.error));
  const text = textProblems(r.data);
  if (text.length > 0) throw new InputError(text);
  return r.data;
}

const FORECAST_KEYS = new Set(['sourceId', 'probability', 'madeAt', 'note', 'id']);
const FORECAST_LIMITS = { madeAt: 40, note: 5000, id: 200 };

/**
 * True only for a forecast input that COMMAND_INPUTS['forecast.record'] accepts and gives back
 * unchanged (none of its fields is transformed): the shape a bulk import is made of, checked
 * without building zod's result (test/core/validate-quick.test.ts holds it to the schema).
 * False means "ask the schema", not "refused".
 */
export function isPlainForecastInput(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return false;
  for (const key of Object.keys(input)) if (!FORECAST_KEYS.has(key)) return false;
  const { sourceId, probability, madeAt, note, id } = input as Record<string, unknown>;
  if (typeof sourceId !== 'string' || !SLUG_PATTERN.test(sourceId)) return false;
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) return false;
  const plain = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max && PLAIN_TEXT.test(v));
  if (!plain(madeAt, FORECAST_LIMITS.madeAt) || !plain(note, FORECAST_LIMITS.note) || !plain(id, FORECAST_LIMITS.id)) return false;
  return (madeAt === undefined || parseInstant(madeAt as string) !== null) && id !== '';
}

/** The command with its input validated (trimmed, estimative phrases lower-case); throws InputError. */
export function validateCommand<C extends Decided>(cmd: C): C {
  if (cmd.type === 'forecast.record' && isPlainForecastInput(cmd.input)) return cmd;
  const input = validateInput(COMMAND_INPUTS[cmd.type], cmd.input);
  return { ...cmd, input } as C;
}
