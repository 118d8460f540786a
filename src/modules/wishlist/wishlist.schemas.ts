import { z } from 'zod';

export const ProductParam = z.object({ productId: z.coerce.number().int().positive() });
