import { z } from 'zod';
import { PRODUCT_STATUSES } from '../../db/schema.js';
import { formText } from '../../lib/validation.js';
import { parseMoneyInput, centsToDecimal } from '../../domain/money.js';

const opt = (max: number) => z.string().trim().max(max, 'errors.tooLong').optional().default('');
const id = (key: string) => z.string().regex(/^\d+$/, key).transform(Number);
const optionalId = z
  .string()
  .optional()
  .default('')
  .transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null));

export const ProductInput = z.object({
  name: formText(200),
  nameKm: opt(200),
  slug: opt(220),
  brandId: optionalId,
  categoryId: id('errors.chooseCategory'),
  productTypeId: optionalId,
  shortDescription: opt(500),
  description: opt(20000),
  descriptionKm: opt(20000),
  status: z.enum(PRODUCT_STATUSES, { error: 'errors.invalid' }),
  warrantyMonths: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'errors.warranty')
    .transform(Number),
  seoTitle: opt(200),
  seoDescription: opt(320),
  featured: z.string().optional(),
});
export type ProductInput = z.infer<typeof ProductInput>;

const money = (required: boolean) =>
  z
    .string()
    .optional()
    .default('')
    .transform((v, ctx) => {
      if (!v.trim()) {
        if (required) ctx.addIssue({ code: 'custom', message: 'errors.required' });
        return null;
      }
      const cents = parseMoneyInput(v);
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: 'errors.money' });
        return z.NEVER;
      }
      return centsToDecimal(cents);
    });

/** "Colour=Black; RAM=16 GB" ↔ { Colour: 'Black', RAM: '16 GB' } */
export function parseOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const [k, ...rest] = part.split('=');
    const key = k?.trim();
    const value = rest.join('=').trim();
    if (key && value) out[key.slice(0, 40)] = value.slice(0, 60);
  }
  return out;
}
export const formatOptions = (o: Record<string, string>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

export const VariantInput = z
  .object({
    sku: z
      .string()
      .trim()
      .min(1, 'errors.required')
      .max(64, 'errors.tooLong')
      .regex(/^[A-Za-z0-9._\-/]+$/, 'errors.sku'),
    barcode: z
      .string()
      .trim()
      .max(64, 'errors.tooLong')
      .regex(/^[0-9A-Za-z-]*$/, 'errors.barcode')
      .optional()
      .default(''),
    options: opt(300),
    price: money(true),
    compareAtPrice: money(false),
    costPrice: money(false),
    lowStockThreshold: z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, 'errors.threshold')
      .default('3')
      .transform(Number),
    initialStock: z
      .string()
      .trim()
      .regex(/^\d{0,6}$/, 'errors.adjustQuantity')
      .optional()
      .default('')
      .transform((v) => (v ? Number(v) : 0)),
    isActive: z.string().optional(),
  })
  .refine((v) => !v.compareAtPrice || !v.price || Number(v.compareAtPrice) > Number(v.price), {
    path: ['compareAtPrice'],
    message: 'errors.compareAtPrice',
  });
export type VariantInput = z.infer<typeof VariantInput>;

export const GenerateInput = z.object({
  options: z.string().trim().min(3, 'errors.optionsFormat').max(1000, 'errors.tooLong'),
  skuBase: z
    .string()
    .trim()
    .min(1, 'errors.required')
    .max(40, 'errors.tooLong')
    .regex(/^[A-Za-z0-9-]+$/, 'errors.sku'),
  price: money(true),
  costPrice: money(false),
});

/** The specifications form: one text field per attribute of the product type (`spec_<code>`). */
export const SpecsInput = z.record(z.string().max(60), z.string().max(300, 'errors.tooLong'));

/** An image's description (alt text). */
export const AltInput = z.object({ alt: z.string().trim().max(200, 'errors.tooLong').default('') });

export const Ids = z.object({
  id: z.coerce.number().int().positive(),
  vid: z.coerce.number().int().positive().optional(),
  iid: z.coerce.number().int().positive().optional(),
});

/** An import job's id in the URL. */
export const JobParam = z.object({ id: z.string().max(64) });

/** `/admin/products/:id/images/:iid/:action` */
export const ImageActionParam = z.object({ action: z.enum(['up', 'down', 'primary', 'delete', 'alt']) });
