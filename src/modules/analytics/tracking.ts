import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { sessionSecret } from '../../config/env.js';
import { db } from '../../db/client.js';
import { pageViews } from '../../db/schema.js';
import { logger } from '../../lib/logger.js';
import { shopDay } from '../../domain/shop-time.js';

type View = typeof pageViews.$inferInsert;
const BOT = new RegExp(
  'bot|crawl|spider|slurp|bing|yandex|baidu|duckduck|facebookexternalhit|' +
    'preview|headless|lighthouse|curl|wget|python|autocannon',
  'i',
);
const SKIP = /^\/(admin|pos|static|media|healthz|readyz|lang|sitemap|robots|favicon)/;
let buffer: View[] = [];
let timer: NodeJS.Timeout | undefined;

/** A visitor id that changes every day and cannot be turned back into an IP address. */
function visitorId(req: Pick<Request, 'ip' | 'headers'>, now = new Date()): string {
  const salt = crypto
    .createHmac('sha256', sessionSecret())
    .update(`visitor:${shopDay(now)}`)
    .digest();
  return crypto
    .createHmac('sha256', salt)
    .update(`${req.ip ?? ''}|${req.headers['user-agent'] ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

const isBot = (req: Pick<Request, 'headers'>) =>
  !req.headers['user-agent'] || BOT.test(String(req.headers['user-agent']));

/** Queues an event; rows are written in batches so recording never slows a page down. */
export function recordEvent(req: Request, kind: View['kind'], extra: Partial<View> = {}): void {
  if (isBot(req)) return;
  const now = new Date();
  const referrer = typeof req.headers.referer === 'string' ? req.headers.referer.slice(0, 255) : null;
  buffer.push({
    viewedAt: now,
    day: shopDay(now),
    kind,
    path: req.originalUrl.split('?')[0]!.slice(0, 255),
    referrer,
    visitor: visitorId(req, now),
    ...extra,
  });
  if (buffer.length >= 200) void flushPageViews();
  else timer ??= setTimeout(() => void flushPageViews(), 2000).unref();
}

export async function flushPageViews(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const rows = buffer;
  buffer = [];
  if (!rows.length) return;
  try {
    await db.insert(pageViews).values(rows);
  } catch (err) {
    logger.warn({ err, rows: rows.length }, 'page views could not be recorded');
  }
}

/** Counts every successful storefront page a person (not a bot) looks at. */
export const trackPageViews: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' || SKIP.test(req.path)) return next();
  res.on('finish', () => {
    if (res.statusCode !== 200 || !String(res.getHeader('content-type') ?? '').includes('text/html')) return;
    const extra = res.locals.trackAs as (Partial<View> & { kind?: View['kind'] }) | undefined;
    try {
      recordEvent(req, extra?.kind ?? 'page', extra ?? {});
    } catch (err) {
      logger.warn({ err }, 'page view not recorded');
    }
  });
  next();
};
