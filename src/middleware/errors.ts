import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { config } from '../config/env.js';
import { safeReturnPath } from './auth.js';
import { AppError, type MessageVars, NotFoundError } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { translator } from '../lib/i18n.js';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

type HttpishError = {
  status?: number;
  statusCode?: number;
  code?: string;
  expose?: boolean;
  message?: string;
  type?: string;
};

function classify(err: unknown): { status: number; code: string; message: string; vars?: MessageVars } {
  if (err instanceof AppError) {
    return err.expose
      ? { status: err.status, code: err.code, message: err.message, vars: err.vars }
      : { status: err.status, code: err.code, message: 'errors.server' };
  }
  const e = err as HttpishError;
  if (e?.code === 'EBADCSRFTOKEN') return { status: 403, code: 'csrf', message: 'errors.csrf' };
  const status = e?.status ?? e?.statusCode;
  // Body-parser and similar client errors (malformed body, too large) are 4xx, never 500.
  if (status && status >= 400 && status < 500) {
    const message = status === 413 ? 'errors.tooLarge' : status === 404 ? 'errors.notFound' : 'errors.badRequest';
    return { status, code: e.type ?? 'bad_request', message };
  }
  return { status: 500, code: 'internal_error', message: 'errors.server' };
}

/** The page the visitor came from when it is on this site (path only), else the home page: a "Go back" without JS. */
function backPath(req: Request): string {
  const referer = req.get('referer');
  if (!referer) return '/';
  try {
    const from = new URL(referer);
    const hosts = [req.get('host'), new URL(config.BASE_URL).host];
    if (!/^https?:$/.test(from.protocol) || !hosts.includes(from.host)) return '/';
    return safeReturnPath(`${from.pathname}${from.search}`);
  } catch {
    return '/';
  }
}

function titleKeyFor(status: number, code: string): string {
  if (code === 'csrf') return 'errors.csrfTitle';
  if (status === 404) return 'errors.notFoundTitle';
  if (status === 403) return 'errors.forbiddenTitle';
  return status >= 500 ? 'errors.serverTitle' : 'errors.requestTitle';
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, code, message, vars } = classify(err);
  if (status >= 500) (req.log ?? logger).error({ err }, 'request failed');
  if (res.headersSent) return;
  const t = req.t ?? translator('en');
  const text = message.startsWith('errors.') ? String(t(message, vars)) : message;
  res.status(status);
  if (req.accepts(['html', 'json']) === 'json') return res.json({ code, message: text });
  const back = code === 'csrf' ? backPath(req) : undefined;
  // An order that is not this browser's: a guest finds it with its number and contact, a customer signs in.
  const offerTrack = status === 404 && /^\/orders\/CS-/.test(req.path);
  res.render(
    'errors/error',
    { title: t(titleKeyFor(status, code)), status, message: text, back, offerTrack },
    (renderErr, html) => {
      if (renderErr) {
        logger.error({ err: renderErr }, 'error page could not be rendered');
        return res.type('text').send(text);
      }
      res.send(html);
    },
  );
};
