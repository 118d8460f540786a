import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import { ForbiddenError, ValidationError } from '../lib/errors.js';
import { MAX_IMAGE_BYTES } from '../lib/images/image-store.js';
import { verifyCsrf } from './csrf.js';

/**
 * Multipart upload of up to `maxFiles` files in memory (8 MB each), then the CSRF check.
 * A too-large file becomes a field error on `field` (422), never a 500.
 */
export function uploadFiles(field: string, maxFiles = 10, maxBytes = MAX_IMAGE_BYTES): RequestHandler[] {
  const parser = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: maxFiles, fields: 50 },
  }).array(field, maxFiles);
  const multipartUpload: RequestHandler = (req, res, next) => {
    // The token is in the body, so it is checked after parsing; but a request from a session that
    // was never shown a form cannot carry one: refuse it before buffering megabytes.
    if (!req.session?.csrfToken) return next(new ForbiddenError('errors.csrf'));
    parser(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        const key =
          err.code === 'LIMIT_FILE_SIZE'
            ? 'errors.imageTooLarge'
            : err.code === 'LIMIT_FILE_COUNT'
              ? 'errors.tooManyFiles'
              : 'errors.uploadFailed';
        return next(new ValidationError({ [field]: key }, { max: maxFiles }));
      }
      // A malformed body (no boundary, cut off mid-part): the client's fault, never a 500.
      next(
        Object.assign(new Error('malformed multipart body'), { status: 400, type: 'malformed_multipart', cause: err }),
      );
    });
  };
  return [multipartUpload, verifyCsrf];
}

/**
 * Put after uploadFiles() when the route re-renders its own form: an upload error (too large,
 * too many files) is kept in res.locals.uploadError for the handler instead of ending the request.
 */
export const keepUploadError: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof ValidationError)) return next(err);
  res.locals.uploadError = err;
  verifyCsrf(req, res, next);
};
