export type FieldErrors = Record<string, string>;

/** Values for the message's translation ("{{count}} left"): one translation call, in the page or error handler. */
export type MessageVars = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    readonly code = 'internal_error',
    readonly expose = false,
    readonly vars: MessageVars = {},
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
  constructor(message = 'errors.conflict', vars: MessageVars = {}) {
    super(message, 409, 'conflict', true, vars);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message = 'errors.tooManyRequests') {
    super(message, 429, 'too_many_requests', true);
  }
}

/** Bad input; `fields` maps a form field to a translation key (translated with `vars`) or a message. */
export class ValidationError extends AppError {
  constructor(
    readonly fields: FieldErrors,
    vars: MessageVars = {},
  ) {
    super('errors.validation', 422, 'validation_failed', true, vars);
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
