import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { productImages, products } from '../../db/schema.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import {
  deleteImageFiles,
  IMAGE_REFUSAL_MESSAGE,
  ImageRejectedError,
  inspectImage,
  storeImage,
} from '../../lib/images/image-store.js';
import { refreshProductSummary } from '../catalog/product-summary.service.js';
import { clearCatalogCaches } from '../catalog/catalog.service.js';
import { withTransaction } from '../../db/transaction.js';
import { selectRows } from '../../db/util.js';

/** Whether a stored picture is still used: by a product, a home banner or the logo (same content, same key). */
export async function imageInUse(key: string): Promise<boolean> {
  const [row] = await selectRows<{ n: number }>(sql`SELECT
      (SELECT COUNT(*) FROM product_images WHERE file_key = ${key})
      + (SELECT COUNT(*) FROM banners WHERE image_key = ${key})
      + (SELECT COUNT(*) FROM settings WHERE \`key\` = 'logoKey' AND value = ${key}) AS n`);
  return Number(row?.n) > 0;
}

/**
 * Adds several images at once, all or nothing: every file is checked by content first; if any
 * is refused, nothing is stored. Files written for a failed upload are removed unless another row uses them.
 */
export async function addImages(
  productId: number,
  files: { buffer: Buffer; originalname: string }[],
  alt: string,
): Promise<number> {
  const [p] = await db.select({ id: products.id }).from(products).where(eq(products.id, productId));
  if (!p) throw new NotFoundError();
  if (!files.length) throw new ValidationError({ images: 'errors.chooseImages' });
  for (const f of files) {
    try {
      await inspectImage(f.buffer);
    } catch (err) {
      if (err instanceof ImageRejectedError) throw new ValidationError({ images: IMAGE_REFUSAL_MESSAGE[err.reason] });
      throw err;
    }
  }
  const stored: { key: string; width: number; height: number; existedBefore: boolean }[] = [];
  try {
    for (const f of files) {
      const before = false;
      const s = await storeImage(f.buffer);
      stored.push({
        key: s.key,
        width: s.width,
        height: s.height,
        existedBefore: before || (await imageInUse(s.key)),
      });
    }
    await withTransaction(async (tx) => {
      const [{ n }] = (await tx
        .select({ n: sql<number>`COALESCE(MAX(position) + 1, 0)` })
        .from(productImages)
        .where(eq(productImages.productId, productId))) as [{ n: number }];
      let pos = Number(n);
      for (const s of stored)
        await tx.insert(productImages).values({
          productId,
          fileKey: s.key,
          width: Math.min(s.width, 65535),
          height: Math.min(s.height, 65535),
          alt: alt.slice(0, 200),
          position: pos++,
        });
      await refreshProductSummary(productId, tx);
    });
  } catch (err) {
    for (const s of stored) if (!s.existedBefore && !(await imageInUse(s.key))) await deleteImageFiles(s.key);
    if (err instanceof ImageRejectedError) throw new ValidationError({ images: IMAGE_REFUSAL_MESSAGE[err.reason] });
    throw err;
  }
  clearCatalogCaches();
  return stored.length;
}

export const listImages = (productId: number) =>
  db
    .select()
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id));

/** Moves an image up or down, or to the front (primary); positions are renumbered 0..n. */
export async function moveImage(productId: number, imageId: number, to: 'up' | 'down' | 'primary'): Promise<void> {
  const list = await listImages(productId);
  const i = list.findIndex((img) => img.id === imageId);
  if (i < 0) throw new NotFoundError();
  const [img] = list.splice(i, 1);
  const target = to === 'primary' ? 0 : to === 'up' ? Math.max(0, i - 1) : Math.min(list.length, i + 1);
  list.splice(target, 0, img!);
  await withTransaction(async (tx) => {
    for (const [pos, item] of list.entries())
      await tx.update(productImages).set({ position: pos }).where(eq(productImages.id, item.id));
    await refreshProductSummary(productId, tx);
  });
  clearCatalogCaches();
}

export async function setAlt(productId: number, imageId: number, alt: string): Promise<void> {
  await db
    .update(productImages)
    .set({ alt: alt.trim().slice(0, 200) })
    .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)));
}

/** Removes the row; the files go too when no other product uses the same picture. */
export async function deleteImage(productId: number, imageId: number): Promise<void> {
  const [img] = await db
    .select()
    .from(productImages)
    .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)));
  if (!img) throw new NotFoundError();
  await withTransaction(async (tx) => {
    await tx.delete(productImages).where(eq(productImages.id, imageId));
    await refreshProductSummary(productId, tx);
  });
  if (!(await imageInUse(img.fileKey))) await deleteImageFiles(img.fileKey);
  clearCatalogCaches();
}
