import { z } from 'zod';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? '');

/** The public warranty check's query: a serial as typed, or an order number with the phone it was placed with. */
export const WarrantyQuery = z.object({ serial: text(64), order: text(20), phone: text(20) });
