import type { Database } from '../db/client.js';
import type { Ledger } from '../ledger/ledger.js';

export interface AppDeps {
  db: Database;
  ledger: Ledger;
}
