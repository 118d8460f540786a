import session from 'express-session';
import MySQLStoreFactory from 'express-mysql-session';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { config, sessionSecret } from '../config/env.js';
import { pool } from '../db/client.js';

const MySQLStore = MySQLStoreFactory(session as never);
let store: InstanceType<typeof MySQLStore> | undefined;

export const SESSION_COOKIE = 'cs.sid';
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** The one session store of the process (tests slow it down to prove redirects wait for it). */
export function getStore() {
  // The table comes from the committed migrations, not from the store.
  store ??= new MySQLStore(
    {
      createDatabaseTable: false,
      clearExpired: true,
      checkExpirationInterval: 15 * 60 * 1000,
      expiration: MAX_AGE_MS,
      // Sessions do not roll (rolling: false): a touch would write the same expiry on every request.
      disableTouch: true,
    },
    pool as never,
  );
  // express-session adds listeners per app instance; tests build many apps on one store.
  store.setMaxListeners(0);
  return store;
}

export function sessionMiddleware(): RequestHandler[] {
  return [session(options()), saveBeforeRedirect];
}

/**
 * express-session writes a changed session while the response is already on its way: a browser
 * could follow a redirect before the row exists and arrive without its sign-in, tracked order,
 * language or flash message. A redirect after a session change waits until the session is stored.
 */
function saveBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  if (!req.session) {
    next();
    return;
  }
  const before = JSON.stringify(req.session);
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session || JSON.stringify(req.session) === before) {
      redirect(...args);
      return;
    }
    req.session.save((err) => (err ? next(err) : redirect(...args)));
  }) as Response['redirect'];
  next();
}

function options(): session.SessionOptions {
  return {
    name: SESSION_COOKIE,
    secret: sessionSecret(),
    store: getStore(),
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.SECURE_COOKIES, maxAge: MAX_AGE_MS },
  };
}

export async function closeSessionStore(): Promise<void> {
  if (store) await (store as unknown as { close(): Promise<void> }).close();
}
