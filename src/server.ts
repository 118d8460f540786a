import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { config, serverProblem } from './config/env.js';
import { buildApp } from './app.js';
import { closeDb } from './db/client.js';
import { logger } from './lib/logger.js';
import { closeSessionStore } from './middleware/session.js';
import { startScheduler } from './modules/scheduler/scheduler.js';
import { flushPageViews } from './modules/analytics/tracking.js';
import { catalogIndex } from './modules/catalog/catalog-index.js';

const problem = serverProblem(config);
if (problem) {
  console.error(problem);
  process.exit(1);
}

if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) {
  // Several workers share the port; each one drains on SIGTERM, then the primary exits.
  for (let i = 0; i < config.WEB_CONCURRENCY; i++) cluster.fork();
  logger.info({ workers: config.WEB_CONCURRENCY }, 'started workers');
  const stopAll = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
} else {
  serve();
}

function serve(): void {
  const app = buildApp();
  // Express 5 hands a listen error (port taken, no permission) to this callback: stop, never pretend to serve.
  const server: Server = app.listen(config.PORT, (err?: Error) => {
    if (err) {
      logger.fatal({ err, port: config.PORT }, 'cannot listen: is another server already on this port?');
      process.exit(1);
    }
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ port, env: config.NODE_ENV }, `Computer Shop listening on http://localhost:${port}`);
    // Load the catalog index now rather than on the first visitor's listing (seconds on a big catalog).
    if (config.CATALOG_CACHE_SECONDS > 0)
      catalogIndex().catch((error: unknown) => logger.warn({ err: error }, 'catalog index not loaded at start'));
  });
  server.keepAliveTimeout = 65_000;
  const stopScheduler = startScheduler();

  let stopping = false;
  function shutdown(signal: string): void {
    if (stopping) return;
    stopping = true;
    stopScheduler();
    logger.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => {
      logger.warn('requests still open after 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async (err) => {
      server.closeIdleConnections();
      try {
        await flushPageViews();
        await closeSessionStore();
        await closeDb();
      } finally {
        logger.info('stopped');
        process.exit(err ? 1 : 0);
      }
    });
    server.closeIdleConnections();
  }

  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
