import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { config } from '../../config/env.js';

/** The three stored widths; every product image is kept as WebP in each. */
const IMAGE_SIZES = { sm: 320, md: 640, lg: 1280 } as const;
export type ImageSize = keyof typeof IMAGE_SIZES;
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Decompression-bomb guard: refuse images with more pixels than this (about 40 megapixels). */
const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']); // sharp reports AVIF as heif

export class ImageRejectedError extends Error {
  constructor(readonly reason: 'not_image' | 'too_large' | 'too_many_pixels' | 'unsupported') {
    super(`image rejected: ${reason}`);
  }
}

/** The message key a refused upload is answered with. */
export const IMAGE_REFUSAL_MESSAGE: Record<ImageRejectedError['reason'], string> = {
  not_image: 'errors.notImage',
  unsupported: 'errors.notImage',
  too_large: 'errors.imageTooLarge',
  too_many_pixels: 'errors.imageTooManyPixels',
};

export type StoredImage = { key: string; width: number; height: number; files: string[] };

export const imageDir = (folder: string) => path.join(config.UPLOAD_DIR, folder);
export const imageFile = (folder: string, key: string, size: ImageSize) =>
  path.join(imageDir(folder), `${key}-${size}.webp`);
/** Public URL of a product image; served with long-lived cache headers since names are content hashes. */
export const productImageUrl = (key: string, size: ImageSize = 'md') => `/media/products/${key}-${size}.webp`;

/** Checks content (not the file name): type, byte size and pixel count. */
export async function inspectImage(buffer: Buffer): Promise<{ width: number; height: number; format: string }> {
  if (buffer.length > MAX_IMAGE_BYTES) throw new ImageRejectedError('too_large');
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(buffer, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('not_image');
  }
  if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) throw new ImageRejectedError('unsupported');
  if (meta.format === 'heif' && meta.compression !== 'av1') throw new ImageRejectedError('unsupported');
  if (!meta.width || !meta.height) throw new ImageRejectedError('not_image');
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new ImageRejectedError('too_many_pixels');
  return { width: meta.width, height: meta.height, format: meta.format };
}

/**
 * Re-encodes an upload to WebP in three widths with metadata stripped, named by content hash.
 * Writes to temporary names first and renames, so a failure leaves no partial files.
 */
export async function storeImage(buffer: Buffer, folder = 'products'): Promise<StoredImage> {
  await inspectImage(buffer);
  const base = sharp(buffer, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  const normalised = await base.webp({ quality: 90 }).toBuffer({ resolveWithObject: true });
  const key = crypto.createHash('sha256').update(normalised.data).digest('hex').slice(0, 32);
  const dir = imageDir(folder);
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const [size, width] of Object.entries(IMAGE_SIZES) as [ImageSize, number][]) {
      const target = imageFile(folder, key, size);
      const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      const out = await sharp(normalised.data)
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      await fs.writeFile(tmp, out);
      written.push(tmp);
      await fs.rename(tmp, target);
      written[written.length - 1] = target;
    }
  } catch (err) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw err;
  }
  return { key, width: normalised.info.width, height: normalised.info.height, files: written };
}

/** Removes the stored sizes of an image (when no row references it any more). */
export async function deleteImageFiles(key: string, folder = 'products'): Promise<void> {
  await Promise.all(
    (Object.keys(IMAGE_SIZES) as ImageSize[]).map((s) => fs.rm(imageFile(folder, key, s), { force: true })),
  );
}
