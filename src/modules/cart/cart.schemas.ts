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
