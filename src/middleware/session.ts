import session from 'express-session';
import MySQLStoreFactory from 'express-mysql-session';
import type { RequestHandler } from 'express';
import { config, sessionSecret } from '../config/env.js';
import { pool } from '../db/client.js';

const MySQLStore = MySQLStoreFactory(session as never);
let store: InstanceType<typeof MySQLStore> | undefined;

export const SESSION_COOKIE = 'cs.sid';
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

function getStore() {
  // The table comes from the committed migrations, not from the store.
  store ??= new MySQLStore(
    { createDatabaseTable: false, clearExpired: true, checkExpirationInterval: 15 * 60 * 1000, expiration: MAX_AGE_MS },
    pool as never,
  );
  // express-session adds listeners per app instance; tests build many apps on one store.
  store.setMaxListeners(0);
  return store;
}

export function sessionMiddleware(): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: sessionSecret(),
    store: getStore(),
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.SECURE_COOKIES, maxAge: MAX_AGE_MS },
  });
}

export async function closeSessionStore(): Promise<void> {
  if (store) await (store as unknown as { close(): Promise<void> }).close();
}
