import { z } from 'zod';
import { SHOP_UTC_OFFSET } from '../../domain/shop-time.js';
import { formText } from '../../lib/validation.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .optional()
    .transform((v) => v || null);

/** "2026-05-01T09:30" typed in Phnom Penh time (a datetime-local field) → the UTC instant; empty → none. */
const localDateTime = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): Date | null => {
    if (!v) return null;
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? new Date(`${v}:00${SHOP_UTC_OFFSET}`) : null;
    if (!at || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 2000 || at.getUTCFullYear() > 2100) {
      ctx.addIssue({ code: 'custom', message: 'errors.dateTime' });
      return z.NEVER;
    }
    return at;
  });

/** A page of this site ("/c/laptops") or an https address; never javascript:, data: or "//other.site". */
function isSafeLink(v: string): boolean {
  if (/[\s\\]/.test(v)) return false;
  if (v.startsWith('/')) return !v.startsWith('//');
  try {
    const url = new URL(v);
    return url.protocol === 'https:' && Boolean(url.hostname);
  } catch {
    return false;
  }
}

export const BannerInput = z
  .object({
    title: formText(120),
    titleKm: optionalText(120),
    subtitle: optionalText(200),
    subtitleKm: optionalText(200),
    linkUrl: formText(300).refine(isSafeLink, 'errors.bannerLink'),
    startsAt: localDateTime,
    endsAt: localDateTime,
    position: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || '0')
      .pipe(z.string().regex(/^\d{1,4}$/, 'errors.position'))
      .transform(Number),
    isActive: z
      .string()
      .optional()
      .transform((v) => v === '1'),
  })
  .refine((b) => !b.startsAt || !b.endsAt || b.endsAt > b.startsAt, {
    path: ['endsAt'],
    message: 'errors.endsBeforeStarts',
  });
export type BannerInput = z.output<typeof BannerInput>;
