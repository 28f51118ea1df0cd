/**
 * Where an imported item (a forecast, a stance, a claim) was read: a line of a text file or a
 * JSON path. Kept beside the item, not in it, so the item stays exactly the command input it
 * becomes; a rule the ledger applies to it later can still name the line.
 */
export interface Where {
  line?: number;
  field?: string;
}

const WHERE = new WeakMap<object, number | Where>();

/** Notes where `item` was read (a line number, or a line and/or path); returns the item. */
export function markWhere<T extends object>(item: T, where: number | Where): T {
  WHERE.set(item, where);
  return item;
}

/** Where `item` was read, if noted. */
export function whereOf(item: object): Where | undefined {
  const where = WHERE.get(item);
  return typeof where === 'number' ? { line: where } : where;
}
