import { z } from 'zod';
import { idText } from '../../lib/validation.js';

/** "Add to compare": the product's id, as the product page and the cards send it. */
export const AddToCompareInput = z.object({ productId: idText });

/** Remove one product: its id in the path. */
export const CompareItemParam = z.object({ productId: idText });

/** `?only=differences` hides the rows where every product has the same value. */
export const CompareQuery = z.object({
  only: z
    .enum(['differences'])
    .optional()
    .catch(undefined)
    .transform((v) => v === 'differences'),
});
