import { drizzle } from 'drizzle-orm/mysql2';
import type { PoolConnection } from 'mysql2/promise';
import { centsToDecimal } from '../../domain/money.js';
import { refreshSearchColumns } from '../../modules/catalog/product-summary.service.js';
import { syncVariantSpecs } from '../../modules/catalog/variant-specs.js';
import { pool } from '../client.js';
import type { ProductDef } from './builders.js';
import type { SeedImage } from './images.js';
import type { Taxonomy } from './taxonomy.js';

export type Pictures = { line: (def: ProductDef) => SeedImage; extra: (def: ProductDef) => SeedImage | undefined };
export type InsertCounts = { products: number; variants: number; images: number; skipped: number };

const ROWS_PER_INSERT = 1000;

async function insertRows(conn: PoolConnection, head: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await conn.query(`${head} VALUES ?`, [rows.slice(i, i + ROWS_PER_INSERT)]);
}

async function column<T>(conn: PoolConnection, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await conn.query(sql, params);
  return rows as T[];
}

/**
 * The listing columns of many products in one statement, with the same content as
 * refreshProductSummary(): prices, stock, deal flag and first image; then the search words through the
 * same refreshSearchColumns() the app uses, on this connection (inside the batch's transaction).
 */
async function refreshSummariesBulk(conn: PoolConnection, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await conn.query(
    `UPDATE products p
     LEFT JOIN (SELECT product_id, MIN(price) mn, MAX(price) mx, SUM(stock) st,
                       COALESCE(MAX(compare_at_price > price), 0) deal
                  FROM variants WHERE is_active = 1 AND product_id IN (?) GROUP BY product_id) v ON v.product_id = p.id
     LEFT JOIN (SELECT i.product_id, i.file_key FROM product_images i
                 WHERE i.product_id IN (?)
                   AND NOT EXISTS (SELECT 1 FROM product_images j WHERE j.product_id = i.product_id
                       AND (j.position < i.position OR (j.position = i.position AND j.id < i.id))))
                img ON img.product_id = p.id
       SET p.min_price = COALESCE(v.mn, 0), p.max_price = COALESCE(v.mx, 0), p.total_stock = COALESCE(v.st, 0),
           p.in_stock = COALESCE(v.st, 0) > 0, p.has_deal = COALESCE(v.deal, 0) = 1, p.primary_image = img.file_key
     WHERE p.id IN (?)`,
    [ids, ids, ids],
  );
  await syncVariantSpecs(ids, drizzle(conn));
  await refreshSearchColumns(ids, drizzle(conn));
}

/** Drops products whose slug or any SKU is already in the database: a second run creates nothing. */
async function newOnly(conn: PoolConnection, defs: ProductDef[]): Promise<ProductDef[]> {
  const slugs = new Set(
    (
      await column<{ slug: string }>(conn, 'SELECT slug FROM products WHERE slug IN (?)', [defs.map((d) => d.slug)])
    ).map((r) => r.slug),
  );
  const skus = defs.flatMap((d) => d.variants.map((v) => v.sku));
  const taken = new Set(
    (await column<{ sku: string }>(conn, 'SELECT sku FROM variants WHERE sku IN (?)', [skus])).map((r) => r.sku),
  );
  const barcodes = defs.flatMap((d) => d.variants.map((v) => v.barcode)).filter((b): b is string => b !== null);
  const usedBarcodes = barcodes.length
    ? new Set(
        (await column<{ barcode: string }>(conn, 'SELECT barcode FROM variants WHERE barcode IN (?)', [barcodes])).map(
          (r) => r.barcode,
        ),
      )
    : new Set<string>();
  return defs
    .filter((d) => !slugs.has(d.slug) && !d.variants.some((v) => taken.has(v.sku)))
    .map((d) => ({
      ...d,
      variants: d.variants.map((v) => (v.barcode && usedBarcodes.has(v.barcode) ? { ...v, barcode: null } : v)),
    }));
}

/**
 * Inserts one batch of products with variants, specs, pictures, opening-stock ledger rows and summaries,
 * in one transaction.
 */
export async function insertBatch(all: ProductDef[], t: Taxonomy, pictures: Pictures): Promise<InsertCounts> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const defs = await newOnly(conn, all);
    const counts: InsertCounts = { products: defs.length, variants: 0, images: 0, skipped: all.length - defs.length };
    if (!defs.length) {
      await conn.commit();
      return counts;
    }
    const id = (map: Map<string, number>, key: string) => {
      const v = map.get(key);
      if (v === undefined) throw new Error(`seed: unknown ${key}`);
      return v;
    };
    await insertRows(
      conn,
      'INSERT INTO products (name, name_km, slug, brand_id, category_id, product_type_id, short_description, ' +
        'description, description_km, status, warranty_months, featured, sold_count, published_at, ' +
        'created_at, updated_at)',
      defs.map((d) => [
        d.name,
        d.nameKm,
        d.slug,
        d.brand ? id(t.brandIds, d.brand) : null,
        id(t.categoryIds, d.category),
        id(t.typeIds, d.type),
        d.shortDescription,
        d.description,
        d.descriptionKm,
        d.status,
        d.warrantyMonths,
        d.featured,
        d.soldCount,
        d.status === 'active' ? d.createdAt : null,
        d.createdAt,
        d.createdAt,
      ]),
    );
    const rows = await column<{ id: number; slug: string }>(conn, 'SELECT id, slug FROM products WHERE slug IN (?)', [
      defs.map((d) => d.slug),
    ]);
    const productIds = new Map(rows.map((r) => [r.slug, Number(r.id)]));
    const variantRows: unknown[][] = [];
    const specRows: unknown[][] = [];
    const imageRows: unknown[][] = [];
    for (const d of defs) {
      const pid = id(productIds, d.slug);
      for (const [i, v] of d.variants.entries()) {
        variantRows.push([
          pid,
          v.sku,
          v.barcode,
          JSON.stringify(v.options),
          v.title,
          centsToDecimal(v.priceCents),
          v.compareAtCents === null ? null : centsToDecimal(v.compareAtCents),
          centsToDecimal(v.costCents),
          v.stock,
          v.lowStockThreshold,
          i,
          d.createdAt,
          d.createdAt,
        ]);
      }
      for (const s of d.specs) specRows.push([pid, id(t.attrIds, `${d.type}.${s.code}`), s.text, s.number]);
      const main = pictures.line(d);
      const extra = pictures.extra(d);
      imageRows.push([pid, main.key, main.width, main.height, d.name.slice(0, 200), 0, d.createdAt]);
      if (extra) imageRows.push([pid, extra.key, extra.width, extra.height, d.name.slice(0, 200), 1, d.createdAt]);
    }
    await insertRows(
      conn,
      'INSERT INTO variants (product_id, sku, barcode, options, title, price, compare_at_price, cost_price, stock, ' +
        'low_stock_threshold, position, created_at, updated_at)',
      variantRows,
    );
    await insertRows(conn, 'INSERT INTO product_specs (product_id, attribute_id, value_text, value_number)', specRows);
    await insertRows(
      conn,
      'INSERT INTO product_images (product_id, file_key, width, height, alt, position, created_at)',
      imageRows,
    );
    const ids = [...productIds.values()];
    // Opening stock goes through the ledger like any other change: one 'initial' row per stocked variant.
    await conn.query(
      `INSERT INTO stock_movements (variant_id, delta, stock_before, stock_after, reason, note, unit_cost, created_at)
       SELECT id, stock, 0, stock, 'initial', 'Opening stock', cost_price, created_at
         FROM variants WHERE product_id IN (?) AND stock > 0`,
      [ids],
    );
    await refreshSummariesBulk(conn, ids);
    await conn.commit();
    return { ...counts, variants: variantRows.length, images: imageRows.length };
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}
