/**
 * Opt-in: the same checks against a real libSQL server (sqld, or Turso).
 *   RECKON_TEST_REMOTE_URL=http://127.0.0.1:8080 [RECKON_TEST_REMOTE_TOKEN=…] npx vitest run test/remote
 * It migrates that database and writes rows with unique ids (and the demo case, once): use a scratch database.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { openRemote, remoteChecks, type Remote } from './checks.js';

const url = process.env.RECKON_TEST_REMOTE_URL;
const authToken = process.env.RECKON_TEST_REMOTE_TOKEN || undefined;
let remote: Remote & Awaited<ReturnType<typeof openRemote>>;

describe.skipIf(!url)('Reckon against a real libSQL server (RECKON_TEST_REMOTE_URL)', () => {
  beforeAll(async () => {
    remote = { url: url as string, authToken, ...(await openRemote({ url: url as string, authToken })) };
  });
  afterAll(() => remote?.db.close());

  remoteChecks(() => remote, { authRequired: authToken !== undefined });
});
