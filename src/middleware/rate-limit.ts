import { rateLimit, ipKeyGenerator, type Options } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { TooManyRequestsError } from '../lib/errors.js';

type LimitOptions = { windowMinutes: number; limit: number; name: string };

function limiter(opts: LimitOptions, keyGenerator: Options['keyGenerator']): RequestHandler {
  return rateLimit({
    windowMs: opts.windowMinutes * 60 * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator,
    handler: (_req, _res, next) => next(new TooManyRequestsError('errors.tooManyRequests')),
  });
}

const ipKey: Options['keyGenerator'] = (req) => ipKeyGenerator(req.ip ?? 'unknown');

/** Per-IP and per-account limits for one form. Built per app, so tests start with clean counters. */
export function formLimits(opts: LimitOptions & { perAccount?: number }): RequestHandler[] {
  const handlers = [limiter(opts, ipKey)];
  if (opts.perAccount) {
    handlers.push(
      limiter({ ...opts, limit: opts.perAccount }, (req) => {
        const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
        return email ? `${opts.name}:acct:${email}` : `${opts.name}:ip:${ipKey(req, undefined as never)}`;
      }),
    );
  }
  return handlers;
}
