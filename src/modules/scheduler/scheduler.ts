import { config } from '../../config/env.js';
import { runExclusive } from '../../db/named-lock.js';
import { createBakongClient, type BakongClient } from '../../lib/khqr/bakong-client.js';
import { logger } from '../../lib/logger.js';
import { sendLowStockAlerts } from '../inventory/low-stock-alerts.js';
import { checkPayments, enforceDeadlines } from '../payments/payment-checker.js';
import { refreshRecentSummaries } from '../reports/summaries.js';

/** One background concern, run every `everySeconds` by one process at a time (its own named lock). */
export type Job = { name: string; everySeconds: number; run: (now: Date) => Promise<unknown> };

/** The shop's jobs: payments (with a Bakong token), deadlines, low-stock alerts, report summaries. */
function shopJobs(client: BakongClient | null): Job[] {
  const every = config.BAKONG_POLL_SECONDS;
  const jobs: Job[] = [
    { name: 'payment-deadlines', everySeconds: every, run: (now) => enforceDeadlines(now) },
    { name: 'low-stock-alerts', everySeconds: 60, run: () => sendLowStockAlerts() },
    { name: 'report-summaries', everySeconds: 60, run: () => refreshRecentSummaries() },
  ];
  if (client) jobs.unshift({ name: 'payments', everySeconds: every, run: (now) => checkPayments(client, now) });
  return jobs;
}

/** Starts every job on its own timer; a run still going is not started again. Returns a stop function. */
export function startScheduler(jobs: Job[] = shopJobs(bakongFromConfig())): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      runExclusive(`computer_shop:job:${job.name}`, () => job.run(new Date()))
        .catch((err: unknown) => logger.error({ err, job: job.name }, 'scheduled job failed'))
        .finally(() => {
          running = false;
        });
    }, job.everySeconds * 1000);
    timer.unref();
    return timer;
  });
  return () => {
    for (const t of timers) clearInterval(t);
  };
}

function bakongFromConfig(): BakongClient | null {
  if (!config.BAKONG_API_TOKEN) {
    logger.info('BAKONG_API_TOKEN not set: payments are confirmed by staff from screenshots');
    return null;
  }
  return createBakongClient({ baseUrl: config.BAKONG_API_URL, token: config.BAKONG_API_TOKEN });
}
