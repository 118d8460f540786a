import { z } from 'zod';
import { parseMoneyInput, withoutThousands } from '../domain/money.js';
import { ValidationError, type FieldErrors } from './errors.js';

/** Parses input with a zod schema; on failure throws ValidationError with one message key per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!fields[key]) fields[key] = issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
  }
  throw new ValidationError(fields);
}

/**
 * Control characters and bidi overrides people never mean to type (NUL, escape sequences, U+202E…):
 * they would travel into emails, CSV files and logs. Khmer's zero-width joiners are kept.
 */
const INVISIBLE_CONTROLS = /[^\P{Cc}\t\n\r]|[\u202A-\u202E\u2066-\u2069]/gu;

/** A trimmed form string without control characters; empty means missing. */
export const formText = (max: number) =>
  z
    .string({ error: 'errors.required' })
    .transform((v) => v.replace(INVISIBLE_CONTROLS, '').trim())
    .pipe(z.string().min(1, 'errors.required').max(max, 'errors.tooLong'));

export const formEmail = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email({ error: 'errors.email' }));

/** A same-site path to return to (`next`, `returnTo`); anything else becomes `fallback`. */
export const safePath = (fallback = '/') =>
  z
    .any()
    .optional()
    .transform((v): string => (typeof v === 'string' && /^\/(?![/\\])/.test(v) ? v : fallback));

/** `?next=` or a form's hidden `next` field. */
export const NextInput = z.object({ next: safePath() });

/** A form's hidden `returnTo` field. */
export const ReturnTo = (fallback: string) => z.object({ returnTo: safePath(fallback) });

/** A URL slug (category, product). */
export const SlugParam = z.object({ slug: z.string().trim().min(1).max(200) });

/** A row id in the URL: digits only, within the column's range. */
/** A destructive action's "Yes, I mean it" box: without it nothing happens. */
export const ConfirmInput = z.object({ confirm: z.literal('yes') });

/** A row id in a path: plain decimal digits only ("0x1", "1e3", "+1" and " 1" are not ids). */
/** A query-string text: trimmed, at most `max` characters, "" when absent or not a string (links are edited by hand). */
export const queryText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? '');

export const idText = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(4_294_967_295));
export const IdParam = z.object({ id: idText });

/** A reset-link token: any short string (it is looked up by its hash; anything unknown is a 404). */
export const TokenParam = z.object({ token: z.string().max(200).catch('') });

/** Dollars as typed ("1,299.50", "$25"); empty is 0 when `emptyIs` is given. */
export const moneyField = (key: string, emptyIs?: number) =>
  z
    .union([z.string(), z.number()], { error: key })
    .optional()
    .transform((v, ctx) => {
      if ((v === undefined || v === '') && emptyIs !== undefined) return emptyIs;
      const cents = parseMoneyInput(v);
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return cents;
    });

/** Whole riel, with thousands separators allowed; at most 9 digits (a till never holds more). */
export const rielField = z
  .string({ error: 'errors.posRiel' })
  .optional()
  .transform((v, ctx) => {
    const s = withoutThousands((v ?? '').replace(/\s/g, ''));
    if (s === '') return 0;
    if (s === null || !/^\d{1,9}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'errors.posRiel' });
      return z.NEVER;
    }
    return Number(s);
  });
