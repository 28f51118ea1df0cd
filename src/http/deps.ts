import type { Database } from '../db/client.js';
import type { SigningKey } from '../ledger/checkpoint.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Verifier } from '../ledger/verifier.js';

export interface AppDeps {
  db: Database;
  ledger: Ledger;
  /** The instance's checkpoint key; without it the checkpoint routes answer 503. */
  signingKey?: SigningKey;
  /** Verification shared by every caller (createApp makes one when absent). */
  verifier?: Verifier;
}
