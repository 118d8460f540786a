import { rateLimit, ipKeyGenerator, type Options } from 'express-rate-limit';
import type { Request, RequestHandler, Response } from 'express';
import { TooManyRequestsError } from '../lib/errors.js';

type LimitOptions = { windowMinutes: number; limit: number; name: string; skipSuccessfulRequests?: boolean };

function limiter(opts: LimitOptions, keyGenerator: Options['keyGenerator']): RequestHandler {
  return rateLimit({
    windowMs: opts.windowMinutes * 60 * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator,
    // A failed form answers 4xx (422, 401, 403); only those count when failures alone are limited.
    skipSuccessfulRequests: opts.skipSuccessfulRequests ?? false,
    handler: (_req, _res, next) => next(new TooManyRequestsError('errors.tooManyRequests')),
  });
}

const ipKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
const emailOf = (req: Request) => (typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '');

/**
 * Per-IP and per-account limits for one form. Built per app, so tests start with clean counters.
 * - perAccount: every request naming the account counts (resend, forgot: limits mail sent to a person);
 * - perAccountFailures: only failed attempts count, per account *and* client address, so a stranger's
 *   wrong passwords or codes never lock the owner out from their own address (login, verify).
 */
export function formLimits(
  opts: LimitOptions & { perAccount?: number; perAccountFailures?: number },
): RequestHandler[] {
  const handlers = [limiter(opts, ipKey)];
  if (opts.perAccount) {
    handlers.push(
      limiter({ ...opts, limit: opts.perAccount }, (req) => {
        const email = emailOf(req);
        return email ? `${opts.name}:acct:${email}` : `${opts.name}:ip:${ipKey(req)}`;
      }),
    );
  }
  if (opts.perAccountFailures) {
    handlers.push(
      limiter(
        { ...opts, limit: opts.perAccountFailures, skipSuccessfulRequests: true },
        (req) => `${opts.name}:fail:${emailOf(req)}:${ipKey(req)}`,
      ),
    );
  }
  return handlers;
}

/**
 * Per-IP and per-visitor (account, else session) limits on an action that only sometimes counts: `counts`
 * says whether the requests that did it (`done(res)`) or the ones that did not use the budget. Placing orders
 * counts the orders placed (a double submit or a refusal costs nothing); trying coupon codes counts the
 * refused codes. Built per app, so tests start with clean counters.
 */
export function visitorLimits(opts: {
  name: string;
  windowMinutes: number;
  limit: number;
  counts: 'done' | 'refused';
  done: (res: Response) => boolean;
  message: string;
}): RequestHandler[] {
  const common = {
    windowMs: opts.windowMinutes * 60 * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    requestWasSuccessful: (_req: Request, res: Response) => opts.done(res),
    skipFailedRequests: opts.counts === 'done',
    skipSuccessfulRequests: opts.counts === 'refused',
    handler: (_req: Request, _res: Response, next: (err: unknown) => void) =>
      next(new TooManyRequestsError(opts.message)),
  };
  return [
    rateLimit({ ...common, keyGenerator: (req) => `${opts.name}:ip:${ipKey(req)}` }),
    rateLimit({
      ...common,
      keyGenerator: (req) => (req.user ? `${opts.name}:user:${req.user.id}` : `${opts.name}:session:${req.sessionID}`),
    }),
  ];
}
