import { z } from 'zod';
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

/** A trimmed form string; empty means missing. */
export const formText = (max: number) =>
  z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong');

export const formEmail = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email({ error: 'errors.email' }));
