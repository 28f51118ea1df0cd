import { sameRules, type InstanceRules } from '../domain/instance-rules.js';
import type { RuleContext } from '../domain/rules.js';
import type { LedgerEvent } from '../domain/types.js';
import { buildEvent, type Command } from './commands.js';
import type { TxView } from './view.js';

/**
 * A `rules.set` event with the instance's configured rules when they differ from the rules in
 * force at the view's head (the last recorded, else the implicit ones), for the ledger to
 * append before the first command it decides: every event is then judged, when recorded and
 * when an export is replayed, by the rules it was recorded under. Null when they are the same,
 * and when no command among `cmds` is decided here (an exported event replayed as it is keeps
 * the rules of its export).
 */
export async function rulesEventFor(
  view: TxView,
  cmds: readonly Command[],
  configured: InstanceRules,
  base: Omit<RuleContext, 'seq'>,
  actor: string | null,
): Promise<LedgerEvent | null> {
  if (!cmds.some((c) => c.type !== 'event.import')) return null;
  if (sameRules(await view.rulesInForce(), configured)) return null;
  const event = await buildEvent(view, { type: 'rules.set', input: { ...configured } }, base, actor);
  view.apply(event);
  return event;
}
