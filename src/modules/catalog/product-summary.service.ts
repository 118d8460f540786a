import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { productImages, products, variants } from '../../db/schema.js';
import { currentDb } from '../../db/transaction.js';
import { syncVariantSpecs } from './variant-specs.js';
import { productSearchColumns, type ProductSearchSource } from '../../domain/search-words.js';

/**
 * Recomputes the listing columns of a product from its variants, images and specs:
 * min/max price, stock, deal flag, primary image and the search words (refreshSearchColumns).
 * Call it (inside the same transaction) after any change to those.
 */
export async function refreshProductSummary(productId: number, tx: DbOrTx = currentDb()): Promise<void> {
  // Variant options that name a spec (RAM=16 GB) are that variant's spec values.
  await syncVariantSpecs(productId, tx);
  const [agg] = await tx
    .select({
      minPrice: sql<string | null>`MIN(${variants.price})`,
      maxPrice: sql<string | null>`MAX(${variants.price})`,
      totalStock: sql<string | null>`SUM(${variants.stock})`,
      hasDeal: sql<number>`COALESCE(MAX(${variants.compareAtPrice} > ${variants.price}), 0)`,
    })
    .from(variants)
    .where(sql`${variants.productId} = ${productId} AND ${variants.isActive} = 1`);
  const [image] = await tx
    .select({ key: productImages.fileKey })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id))
    .limit(1);
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
      // Spec and variant changes leave the row's own columns as they were: the catalog index must still look.
      changedAt: sql`CURRENT_TIMESTAMP(3)`,
    })
    .where(eq(products.id, productId));
  await refreshSearchColumns([productId], tx);
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

/** Anything that runs a query: the ambient handle, or Drizzle over the seed's own connection. */
type Runner = Pick<DbOrTx, 'execute'>;
type Row = Record<string, string | number | null>;
const rowsOf = async (tx: Runner, query: SQL) => ((await tx.execute(query)) as unknown as [Row[]])[0];
const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** What the search words of each product are made of, read in a fixed order (the seed must agree). */
async function searchSources(ids: number[], tx: Runner): Promise<Map<number, ProductSearchSource>> {
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const [base, vars, specs] = await Promise.all([
    rowsOf(
      tx,
      sql`SELECT p.id, p.name, p.name_km, p.short_description, LEFT(p.description, 4000) AS description,
        LEFT(p.description_km, 4000) AS description_km, b.name AS brand, t.name AS type, t.name_km AS type_km, c.path
      FROM products p LEFT JOIN brands b ON b.id = p.brand_id LEFT JOIN product_types t ON t.id = p.product_type_id
      LEFT JOIN categories c ON c.id = p.category_id WHERE p.id IN (${list})`,
    ),
    rowsOf(
      tx,
      sql`SELECT product_id, sku, barcode, title FROM variants
      WHERE product_id IN (${list}) AND is_active = 1 ORDER BY product_id, position, id`,
    ),
    rowsOf(
      tx,
      sql`SELECT ps.product_id, ps.value_text, sa.unit, sa.name, sa.name_km FROM product_specs ps
      JOIN spec_attributes sa ON sa.id = ps.attribute_id WHERE ps.product_id IN (${list})
      ORDER BY ps.product_id, sa.position, ps.attribute_id`,
    ),
  ]);
  // The category and its ancestors, in both languages: "peripherals" finds a mouse filed under Mice.
  const catIds = [...new Set(base.flatMap((b) => str(b.path).split('/').filter(Boolean).map(Number)))];
  const cats = catIds.length
    ? await rowsOf(
        tx,
        sql`SELECT id, name, name_km FROM categories WHERE id IN (${sql.join(
          catIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      )
    : [];
  const catNames = new Map(cats.map((c) => [Number(c.id), `${str(c.name)} ${str(c.name_km)}`]));
  const out = new Map<number, ProductSearchSource>();
  for (const b of base)
    out.set(Number(b.id), {
      name: `${str(b.name)} ${str(b.name_km)}`,
      facts: [
        str(b.brand),
        ...str(b.path)
          .split('/')
          .filter(Boolean)
          .map((id) => catNames.get(Number(id)) ?? ''),
        `${str(b.type)} ${str(b.type_km)}`,
      ],
      variants: [],
      specs: [],
      descriptions: [str(b.short_description), str(b.description), str(b.description_km)],
    });
  for (const v of vars) out.get(Number(v.product_id))?.variants.push(`${str(v.sku)} ${str(v.barcode)} ${str(v.title)}`);
  for (const s of specs)
    out
      .get(Number(s.product_id))
      ?.specs.push(`${str(s.name)} ${str(s.name_km)} ${str(s.value_text)} ${str(s.unit)}`.trim());
  return out;
}

/**
 * Recomputes the full-text columns of products (see src/domain/search-words.ts): search_name from the
 * name in both languages, search_text from brand, categories, type, SKUs, barcodes, variant titles,
 * specs and descriptions. One read of each table and one UPDATE for the whole list.
 */
export async function refreshSearchColumns(ids: number[], tx: Runner = currentDb()): Promise<void> {
  if (!ids.length) return;
  const sources = await searchSources(ids, tx);
  const rows = [...sources].map(([id, src]) => {
    const { searchName, searchText } = productSearchColumns(src);
    return { id, n: searchName, t: searchText };
  });
  if (!rows.length) return;
  await tx.execute(sql`UPDATE products p JOIN JSON_TABLE(${JSON.stringify(rows)}, '$[*]' COLUMNS (
      id INT UNSIGNED PATH '$.id', n VARCHAR(800) PATH '$.n', t LONGTEXT PATH '$.t')) j ON j.id = p.id
    SET p.search_name = j.n, p.search_text = j.t`);
}
