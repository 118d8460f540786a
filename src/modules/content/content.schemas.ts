import { z } from 'zod';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { formText } from '../../lib/validation.js';

/** Markdown bodies: long enough for a full terms page, short enough for a MEDIUMTEXT in Khmer (3 bytes a letter). */
const BODY_MAX = 50_000;

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, 'errors.tooLong'));

/** The public page's address: lowercase letters, digits and single hyphens ("warranty-returns"). */
const PageSlug = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .max(80, 'errors.tooLong')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'errors.pageSlug');

export const PageSlugParam = z.object({ slug: z.string().max(200) });

export const PageInput = z.object({
  slug: PageSlug,
  titleEn: formText(160),
  titleKm: optionalText(160).transform((v) => v || null),
  bodyEn: formText(BODY_MAX),
  bodyKm: optionalText(BODY_MAX),
  isPublished: z
    .string()
    .optional()
    .transform((v) => v === '1'),
});
export type PageInput = z.output<typeof PageInput>;

/** "Preview" re-shows the form with the rendered Markdown and saves nothing. */
export const PageIntent = z.object({ intent: z.enum(['save', 'preview']).catch('save') });

/** A name or subject: line breaks become spaces (the subject goes into an email's Subject header). */
const oneLine = (max: number) => formText(max).transform((v) => v.replace(/\s+/g, ' '));

const contactPhone = optionalText(30).transform((v, ctx) => {
  if (!v) return null;
  const phone = normaliseCambodianPhone(v);
  if (phone) return phone;
  ctx.addIssue({ code: 'custom', message: 'errors.phone' });
  return v; // the form fails anyway; kept so the "email or phone" check does not fire as well
});

const contactEmail = optionalText(254)
  .transform((v) => v.toLowerCase())
  .pipe(z.union([z.literal(''), z.email({ error: 'errors.email' })]))
  .transform((v) => v || null);

/** The contact form: a name, an email or a phone (at least one, to answer), a subject and the message. */
export const ContactInput = z
  .object({
    name: oneLine(120),
    email: contactEmail,
    phone: contactPhone,
    subject: oneLine(160),
    message: formText(5000),
  })
  // Runs even when other fields are wrong, so every message shows at once.
  .refine((m) => Boolean(m.email || m.phone), {
    path: ['email'],
    message: 'errors.contactHow',
    when: () => true,
  });
export type ContactInput = z.output<typeof ContactInput>;

/** Which messages the back office lists: open ones by default. */
export const MessagesQuery = z.object({
  show: z.enum(['open', 'handled', 'all']).catch('open'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const HandledInput = z.object({ handled: z.enum(['0', '1']).transform((v) => v === '1') });

/** The bodies as typed, for the preview of a form that may not validate yet. */
export const PagePreview = z.object({
  bodyEn: z.string().max(200_000).catch('').default(''),
  bodyKm: z.string().max(200_000).catch('').default(''),
});
