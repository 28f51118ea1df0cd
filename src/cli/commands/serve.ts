import type { Command } from 'commander';
import { readEnv } from '../../env.js';
import { startServer } from '../../server.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API and web UI on the database named by RECKON_DATABASE_URL')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('-H, --host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .addHelpText('after', '\nExample:\n  $ reckon serve --port 8080')
    .action(async (opts: { port?: string; host?: string }) => {
      const env = readEnv({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}), ...(opts.host ? { HOST: opts.host } : {}) });
      const running = await startServer(env);
      console.log(`Reckon is serving ${env.RECKON_DATABASE_URL} at ${running.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => void running.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
