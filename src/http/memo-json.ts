import type { Context } from 'hono';
import type { ReadTarget } from '../db/fast-read.js';
import { memoAnswer } from '../db/answer-memo.js';

/**
 * Answer with the JSON text of `make()`'s result, kept for this query until the ledger moves
 * (src/db/answer-memo.ts). For aggregate answers that cost more to make than to send.
 */
export async function memoJson(c: Context, target: ReadTarget, key: string, make: () => Promise<unknown>): Promise<Response> {
  const body = await memoAnswer(target, key, make);
  return c.body(body as unknown as string, 200, { 'Content-Type': 'application/json' });
}
