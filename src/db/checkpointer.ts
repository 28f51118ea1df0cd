import { Worker } from 'node:worker_threads';
import { packagePath } from '../package-root.js';

/**
 * WAL checkpoints on a background thread. SQLite normally checkpoints inside the COMMIT that
 * takes the WAL past 1,000 pages, which stalls that commit (and, since libSQL calls are
 * synchronous, the whole event loop) while pages are copied and the database file is synced.
 * A server turns that off on its writer's connection and lets this thread copy the WAL back
 * with PASSIVE checkpoints, which never wait for readers or the writer.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | null = null;
  /** False once the thread has ended (stopped, or failed): the writer checkpoints again itself. */
  alive = true;

  constructor(url: string, intervalMs = 200) {
    this.worker = new Worker(packagePath('src', 'db', 'checkpoint-worker.mjs'), { workerData: { url, intervalMs } });
    this.worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'error') console.error(`WAL checkpoint failed: ${m.message}`);
    });
    this.worker.on('error', (err) => console.error(`WAL checkpoint thread stopped: ${err.message}`));
    this.worker.on('exit', () => {
      this.alive = false;
    });
    this.worker.unref();
  }

  /** A last checkpoint, then the thread ends. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5_000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.on('message', (m: { type: string }) => {
        if (m.type === 'stopped') void this.worker.terminate();
      });
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}
