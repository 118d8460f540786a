import { z } from 'zod';

export const AddToCartInput = z.object({
  variantId: z.coerce.number({ error: 'errors.invalid' }).int().positive('errors.invalid'),
  quantity: z.coerce
    .number({ error: 'errors.quantity' })
    .int('errors.quantity')
    .min(1, 'errors.quantity')
    .max(99, 'errors.quantity')
    .default(1),
});

export const QuantityInput = z.object({
  quantity: z.coerce
    .number({ error: 'errors.quantity' })
    .int('errors.quantity')
    .min(0, 'errors.quantity')
    .max(99, 'errors.quantity'),
});

export const ItemParam = z.object({ id: z.coerce.number().int().positive() });

/** "Update cart": one `qty-<item id>` field per line; every quantity must be valid or nothing changes. */
export const CartUpdateInput = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const lines: { itemId: number; quantity: number }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const m = /^qty-(\d{1,10})$/.exec(key);
    if (!m) continue;
    const q = QuantityInput.shape.quantity.safeParse(value);
    if (!q.success || lines.length >= 200) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'errors.quantity' });
      return z.NEVER;
    }
    lines.push({ itemId: Number(m[1]), quantity: q.data });
  }
  return lines;
});
