// Runs WAL checkpoints for a `file:` database on its own thread and connection, so that the
// writer's commits never stop to copy the WAL into the database file (see checkpointer.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';

const client = createClient({ url: workerData.url });
let running = false;

async function checkpoint() {
  if (running) return;
  running = true;
  try {
    // PASSIVE: copy what no reader still needs, without waiting for readers or the writer.
    await client.execute('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    running = false;
  }
}

const timer = setInterval(() => void checkpoint(), workerData.intervalMs);
parentPort?.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    void checkpoint().finally(() => {
      client.close();
      parentPort?.postMessage({ type: 'stopped' });
    });
  }
});
