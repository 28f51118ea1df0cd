import { createApp, type AppOptions } from '../../src/http/app.js';
import { freshApp, uid } from './db.js';

/**
 * The world the access tests start from: a fresh database with two forecasters (alice, bob; ids
 * unique to the call) and one open prediction, and an app built with the given access options.
 */
export async function accessWorld(opts: AppOptions = {}) {
  const ctx = await freshApp();
  const app = createApp({ db: ctx.db, ledger: ctx.ledger }, opts);
  const alice = uid('alice');
  const bob = uid('bob');
  for (const id of [alice, bob]) await ctx.ledger.append({ type: 'source.register', input: { id, name: id, type: 'forecaster' } });
  const claim = await ctx.ledger.append({ type: 'claim.create', input: { kind: 'prediction', title: 'T', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [] } });
  return { ...ctx, app, alice, bob, claimId: claim.claimId as string };
}
