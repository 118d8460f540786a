import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { isLocale } from '../../lib/i18n.js';
import { LANG_COOKIE } from '../../middleware/locals.js';
import { setLocale } from '../accounts/accounts.service.js';
import { LocaleInput, LocaleParam } from '../accounts/accounts.schemas.js';
import { NextInput, parseInput } from '../../lib/validation.js';
import { NotFoundError } from '../../lib/errors.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function homeRoutes(): Router {
  const router = Router();

  // Guests switch language with a plain link (only a cookie changes).
  router.get('/lang/:locale', allow.visitor, (req, res) => {
    const { locale } = parseInput(LocaleParam, req.params);
    if (!isLocale(locale)) throw new NotFoundError();
    res.cookie(LANG_COOKIE, locale, { maxAge: YEAR_MS, sameSite: 'lax', httpOnly: true });
    res.redirect(303, parseInput(NextInput, req.query).next);
  });

  // Signed-in users post, since it changes their account.
  router.post('/lang', allow.visitor, async (req, res) => {
    const { locale, next } = parseInput(LocaleInput.extend(NextInput.shape), req.body);
    res.cookie(LANG_COOKIE, locale, { maxAge: YEAR_MS, sameSite: 'lax', httpOnly: true });
    if (req.user) await setLocale(req.user.id, locale);
    res.redirect(303, next);
  });

  return router;
}
