import type { Request, RequestHandler } from 'express';
import { config } from '../config/env.js';
import { findSignedInUser } from '../modules/accounts/accounts.service.js';
import { isLocale, translator, type Locale } from '../lib/i18n.js';
import { formatCambodianPhone } from '../lib/phone.js';
import { formatRielFromUsd, formatUsd } from '../domain/money.js';
import { shopDateTime, shopDay } from '../domain/shop-time.js';
import { productImageUrl } from '../lib/images/image-store.js';
import type { FlashMessage } from '../types/express.js';
import { specValue } from '../domain/specs.js';

export const LANG_COOKIE = 'lang';

function pickLocale(cookie: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  return /^km\b/i.test(acceptLanguage ?? '') ? 'km' : 'en';
}

/**
 * Loads the signed-in user (with their cart count for the header, in the same query); a disabled
 * account or an ended session (version bumped) is signed out.
 */
export const loadUser: RequestHandler = async (req, _res, next) => {
  const userId = req.session?.userId;
  if (!userId) return next();
  const found = await findSignedInUser(userId);
  const user = found?.user;
  if (!user || user.disabledAt || user.sessionVersion !== req.session.sessionVersion) {
    delete req.session.userId;
    delete req.session.sessionVersion;
    return next();
  }
  req.user = user;
  req.cartCount = found.cartCount;
  next();
};

/** Language, translation function and view helpers for every request. */
export const viewLocals: RequestHandler = (req, res, next) => {
  const locale = req.user?.locale ?? pickLocale(req.cookies?.[LANG_COOKIE], req.get('accept-language'));
  req.locale = locale;
  req.t = translator(locale);
  Object.assign(res.locals, {
    t: req.t,
    locale,
    currentUser: req.user ?? null,
    cartCount: 0,
    currentPath: req.originalUrl,
    baseUrl: config.BASE_URL,
    khrPerUsd: config.KHR_PER_USD,
    formatPhone: formatCambodianPhone,
    usd: formatUsd,
    shopDateTime,
    specValue,
    // The page's main time says once that it is Phnom Penh time: "09:33 (Phnom Penh)".
    localTime: (at: Date | string) => String(req.t('time.local', { time: shopDateTime(at) })),
    shopDate: shopDay,
    shopToday: () => shopDay(),
    riel: (usdAmount: string | number) => formatRielFromUsd(usdAmount, config.KHR_PER_USD),
    imageUrl: productImageUrl,
    localName: (o: { name: string; nameKm?: string | null }) => (locale === 'km' && o.nameKm ? o.nameKm : o.name),
    values: {},
    errors: {},
    flash: [] as FlashMessage[],
  });
  next();
};

/** Adds a one-time message shown on the next page. */
export function flash(req: Express.Request, type: FlashMessage['type'], message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { type, message }];
}

/** A page a person will see: not a script's fetch (JSON) nor an image or other sub-resource. */
const isPageRequest = (req: Request) =>
  (req.headers['sec-fetch-dest'] ?? 'document') === 'document' && req.accepts(['html', 'json']) !== 'json';

/** Flash messages are handed to the next page only, never swallowed by a background request. */
export const takeFlash: RequestHandler = (req, res, next) => {
  if (req.session?.flash?.length && isPageRequest(req)) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
