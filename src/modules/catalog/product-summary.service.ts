import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { brands, categories, productImages, products, productSpecs, productTypes, variants } from '../../db/schema.js';
import { currentDb } from '../../db/transaction.js';

/**
 * Recomputes the listing columns of a product from its variants, images and specs:
 * min/max price, stock, deal flag, primary image and the full-text search text.
 * Call it (inside the same transaction) after any change to those.
 */
export async function refreshProductSummary(productId: number, tx: DbOrTx = currentDb()): Promise<void> {
  const [agg] = await tx
    .select({
      minPrice: sql<string | null>`MIN(${variants.price})`,
      maxPrice: sql<string | null>`MAX(${variants.price})`,
      totalStock: sql<string | null>`SUM(${variants.stock})`,
      hasDeal: sql<number>`COALESCE(MAX(${variants.compareAtPrice} > ${variants.price}), 0)`,
      skus: sql<
        string | null
      >`GROUP_CONCAT(CONCAT_WS(' ', ${variants.sku}, ${variants.barcode}, ${variants.title}) SEPARATOR ' ')`,
    })
    .from(variants)
    .where(sql`${variants.productId} = ${productId} AND ${variants.isActive} = 1`);
  const [image] = await tx
    .select({ key: productImages.fileKey })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id))
    .limit(1);
  const [base] = await tx
    .select({
      name: products.name,
      nameKm: products.nameKm,
      short: products.shortDescription,
      description: products.description,
      brand: brands.name,
      category: categories.name,
      type: productTypes.name,
    })
    .from(products)
    .leftJoin(brands, eq(brands.id, products.brandId))
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(productTypes, eq(productTypes.id, products.productTypeId))
    .where(eq(products.id, productId));
  if (!base) return;
  const specs = await tx
    .select({ value: productSpecs.valueText })
    .from(productSpecs)
    .where(eq(productSpecs.productId, productId));
  // Category and type names let "gaming laptop" find a product whose name lacks "laptop".
  const searchText = [
    base.brand,
    base.category,
    base.type,
    base.nameKm,
    agg?.skus,
    specs.map((s) => s.value).join(' '),
    base.short,
    base.description.slice(0, 4000),
  ]
    .filter(Boolean)
    .join(' ');
  const totalStock = Number(agg?.totalStock ?? 0);
  await tx
    .update(products)
    .set({
      minPrice: agg?.minPrice ?? '0.00',
      maxPrice: agg?.maxPrice ?? '0.00',
      totalStock,
      inStock: totalStock > 0,
      hasDeal: Number(agg?.hasDeal ?? 0) === 1,
      primaryImage: image?.key ?? null,
      searchName: base.name,
      searchText,
    })
    .where(eq(products.id, productId));
}

/** The cheap part of the summary, for stock changes on the checkout path: one UPDATE. */
export async function refreshStockSummary(productId: number, tx: DbOrTx = currentDb()): Promise<void> {
  await tx.execute(sql`
    UPDATE products
       SET total_stock = (SELECT COALESCE(SUM(stock), 0) FROM variants
                           WHERE product_id = ${productId} AND is_active = 1),
           in_stock = total_stock > 0
     WHERE id = ${productId}`);
}
