import { z } from 'zod';
import { queryText } from '../../lib/validation.js';

/** The public warranty check's query: a serial as typed, or an order number with the phone it was placed with. */
export const WarrantyQuery = z.object({ serial: queryText(64), order: queryText(20), phone: queryText(20) });
