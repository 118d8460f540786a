import type { Request, Response } from 'express';
import { ValidationError } from '../lib/errors.js';

const SECRET_FIELDS = new Set(['password', 'confirm', 'currentPassword', '_csrf', 'code']);

/** The submitted values to show again in a re-rendered form, without secrets. */
export function keptValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (!SECRET_FIELDS.has(k) && typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Each field's message in the visitor's language (translation keys with the error's values). */
export function translateFields(req: Request, err: ValidationError): Record<string, string> {
  return Object.fromEntries(
    Object.entries(err.fields).map(([k, v]) => [k, v.startsWith('errors.') ? String(req.t(v, err.vars)) : v]),
  );
}

/** Re-renders a form with 422, the user's values and one translated message per field. */
export function renderInvalid(
  req: Request,
  res: Response,
  view: string,
  err: ValidationError,
  locals: Record<string, unknown> = {},
): void {
  const errors = translateFields(req, err);
  const values = { ...((locals.values as Record<string, string> | undefined) ?? {}), ...keptValues(req.body) };
  res.status(422).render(view, { ...locals, values, errors });
}

/** Runs a form action; a ValidationError re-renders the form instead of failing. */
export async function withForm(
  req: Request,
  res: Response,
  view: string,
  /** The page's locals, or how to read them (only when the form has to be shown again). */
  locals: Record<string, unknown> | (() => Promise<Record<string, unknown>>),
  action: () => Promise<void>,
): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (err instanceof ValidationError)
      return renderInvalid(req, res, view, err, typeof locals === 'function' ? await locals() : locals);
    throw err;
  }
}

/** Regenerates the session id (no fixation) and stores the signed-in user. */
export function startSession(req: Request, user: { id: number; sessionVersion: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.userId = user.id;
      req.session.sessionVersion = user.sessionVersion;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}
