/**
 * The instance's own rules, recorded in the ledger as `rules.set` events so that replaying an
 * export judges each event by the rules in force when it was recorded (not by the importing
 * instance's). Today: the bounds on the probability of a new forecast.
 *
 * An event recorded before the ledger's first `rules.set` was recorded under IMPLICIT_RULES:
 * the defaults of the releases that did not record their rules (0.01–0.99). An instance whose
 * configured rules differ from the last ones recorded appends a `rules.set` with its own
 * before its first write.
 */
import type { RulesPayload } from './types.js';

export type InstanceRules = RulesPayload;

/** The rules of events before the first `rules.set` (the defaults of releases that did not record them). */
export const IMPLICIT_RULES: InstanceRules = Object.freeze({ minProbability: 0.01, maxProbability: 0.99 });

/** Whether two rule sets are the same (then nothing needs recording). */
export function sameRules(a: InstanceRules, b: InstanceRules): boolean {
  return a.minProbability === b.minProbability && a.maxProbability === b.maxProbability;
}

