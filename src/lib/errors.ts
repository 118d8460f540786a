export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    readonly code = 'internal_error',
    readonly expose = false,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'errors.notFound') {
    super(message, 404, 'not_found', true);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'errors.forbidden') {
    super(message, 403, 'forbidden', true);
  }
}

export class ConflictError extends AppError {
  constructor(message = 'errors.conflict') {
    super(message, 409, 'conflict', true);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message = 'errors.tooManyRequests') {
    super(message, 429, 'too_many_requests', true);
  }
}

/** Bad input; `fields` maps a form field to a translation key or message. */
export class ValidationError extends AppError {
  constructor(
    readonly fields: FieldErrors,
    message = 'Please correct the highlighted fields',
  ) {
    super(message, 422, 'validation_failed', true);
  }
}

export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === 'ER_DUP_ENTRY' || e?.cause?.code === 'ER_DUP_ENTRY';
}

/** The unique index a duplicate-key error names (e.g. `orders_number_uq`), or null for any other error. */
export function duplicateKeyIndex(err: unknown): string | null {
  if (!isDuplicateKeyError(err)) return null;
  const e = err as { message?: string; sqlMessage?: string; cause?: { sqlMessage?: string } };
  const message = e.cause?.sqlMessage ?? e.sqlMessage ?? e.message ?? '';
  return /for key '(?:[\w]+\.)?([\w]+)'/.exec(message)?.[1] ?? '';
}
