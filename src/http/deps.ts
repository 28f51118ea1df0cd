import type { Database } from '../db/client.js';
import type { SigningKey } from '../ledger/checkpoint.js';
import type { Ledger } from '../ledger/ledger.js';

export interface AppDeps {
  db: Database;
  ledger: Ledger;
  /** The instance's checkpoint key; without it the checkpoint routes answer 503. */
  signingKey?: SigningKey;
}
