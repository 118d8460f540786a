import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { brands, categories, products, productTypes, variants } from '../../db/schema.js';
import { insertId, selectRows } from '../../db/util.js';
import { centsToDecimal, parseMoneyInput } from '../../lib/money.js';
import { slugify } from '../../lib/slug.js';
import { logger } from '../../lib/logger.js';
import { refreshProductSummary } from '../catalog/product-summary.service.js';
import { clearCatalogCaches } from '../catalog/catalog.service.js';
import { changeStock } from '../inventory/stock.service.js';
import { formatOptions, parseOptions } from './products.schemas.js';

export const COLUMNS = ['product_slug', 'product_name', 'product_name_km', 'brand', 'category_slug', 'product_type', 'status', 'warranty_months', 'short_description', 'sku', 'barcode', 'options', 'price', 'compare_at_price', 'cost_price', 'stock', 'low_stock_threshold'] as const;
type Column = (typeof COLUMNS)[number];
export type CsvRow = Record<Column, string>;

/** Every variant with its product, in pages, for the export. */
export async function* exportRows(): AsyncGenerator<string[][]> {
  for (let offset = 0; ; offset += 2000) {
    const rows = await selectRows<Record<string, unknown>>(sql`SELECT p.slug, p.name, p.name_km AS nameKm, b.name AS brand, c.slug AS category, t.code AS type,
      p.status, p.warranty_months AS warranty, p.short_description AS short, v.sku, v.barcode, v.options, v.price, v.compare_at_price AS compareAt,
      v.cost_price AS cost, v.stock, v.low_stock_threshold AS threshold
      FROM variants v JOIN products p ON p.id = v.product_id JOIN categories c ON c.id = p.category_id
      LEFT JOIN brands b ON b.id = p.brand_id LEFT JOIN product_types t ON t.id = p.product_type_id
      ORDER BY p.id, v.position, v.id LIMIT 2000 OFFSET ${offset}`);
    if (!rows.length) return;
    yield rows.map((r) => {
      const options = typeof r.options === 'string' ? (JSON.parse(r.options) as Record<string, string>) : ((r.options ?? {}) as Record<string, string>);
      return [r.slug, r.name, r.nameKm, r.brand, r.category, r.type, r.status, r.warranty, r.short, r.sku, r.barcode, formatOptions(options), r.price, r.compareAt, r.cost, r.stock, r.threshold].map((x) => (x === null || x === undefined ? '' : String(x)));
    });
  }
}

export type RowError = { row: number; column: string; message: string };

/** Checks every row before anything is written; row numbers count the header as row 1. */
export async function validateImport(table: string[][]): Promise<{ rows: CsvRow[]; errors: RowError[] }> {
  const errors: RowError[] = [];
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], errors: missing.map((c) => ({ row: 1, column: c, message: 'errors.csvMissingColumn' })) };
  const rows = table.slice(1).map((cells) => Object.fromEntries(COLUMNS.map((c) => [c, (cells[header.indexOf(c)] ?? '').trim()])) as CsvRow);
  if (!rows.length) return { rows, errors: [{ row: 2, column: 'sku', message: 'errors.csvEmpty' }] };
  const [catRows, typeRows, skuRows, barcodeRows] = await Promise.all([
    db.select({ slug: categories.slug }).from(categories),
    db.select({ code: productTypes.code }).from(productTypes),
    selectRows<{ sku: string; slug: string }>(sql`SELECT v.sku, p.slug FROM variants v JOIN products p ON p.id = v.product_id`),
    selectRows<{ barcode: string; sku: string }>(sql`SELECT barcode, sku FROM variants WHERE barcode IS NOT NULL`),
  ]);
  const cats = new Set(catRows.map((c) => c.slug));
  const types = new Set(typeRows.map((t) => t.code));
  const skuOwner = new Map(skuRows.map((s) => [s.sku, s.slug]));
  const barcodeOwner = new Map(barcodeRows.map((b) => [b.barcode, b.sku]));
  const seenSku = new Map<string, number>();
  const seenBarcode = new Map<string, number>();
  rows.forEach((r, i) => {
    const n = i + 2;
    const err = (column: string, message: string) => errors.push({ row: n, column, message });
    if (!r.product_slug || slugify(r.product_slug) !== r.product_slug) err('product_slug', 'errors.csvSlug');
    if (!r.product_name) err('product_name', 'errors.required');
    if (!cats.has(r.category_slug)) err('category_slug', 'errors.csvCategory');
    if (r.product_type && !types.has(r.product_type)) err('product_type', 'errors.csvType');
    if (!['draft', 'active', 'archived'].includes(r.status)) err('status', 'errors.csvStatus');
    if (!/^\d{1,3}$/.test(r.warranty_months)) err('warranty_months', 'errors.warranty');
    if (!/^[A-Za-z0-9._\-/]{1,64}$/.test(r.sku)) err('sku', 'errors.sku');
    else if (seenSku.has(r.sku)) err('sku', 'errors.csvDuplicateSku');
    else if (skuOwner.has(r.sku) && skuOwner.get(r.sku) !== r.product_slug) err('sku', 'errors.csvSkuOtherProduct');
    seenSku.set(r.sku, n);
    if (r.barcode) {
      if (!/^[0-9A-Za-z\-]{1,64}$/.test(r.barcode)) err('barcode', 'errors.barcode');
      else if (seenBarcode.has(r.barcode) || (barcodeOwner.has(r.barcode) && barcodeOwner.get(r.barcode) !== r.sku)) err('barcode', 'errors.barcodeTaken');
      seenBarcode.set(r.barcode, n);
    }
    const price = parseMoneyInput(r.price);
    if (price === null) err('price', 'errors.money');
    const compare = r.compare_at_price ? parseMoneyInput(r.compare_at_price) : null;
    if (r.compare_at_price && compare === null) err('compare_at_price', 'errors.money');
    else if (compare !== null && price !== null && compare <= price) err('compare_at_price', 'errors.compareAtPrice');
    if (r.cost_price && parseMoneyInput(r.cost_price) === null) err('cost_price', 'errors.money');
    if (!/^\d{1,6}$/.test(r.stock)) err('stock', 'errors.adjustQuantity');
    if (!/^\d{1,5}$/.test(r.low_stock_threshold)) err('low_stock_threshold', 'errors.threshold');
  });
  return { rows, errors };
}

export type ImportJob = { id: string; total: number; done: number; created: number; updated: number; status: 'importing' | 'done' | 'failed'; error?: string };
// Jobs live in this process's memory: the progress page must be served by the process that runs it.
const jobs = new Map<string, ImportJob>();
export const findJob = (id: string) => jobs.get(id);

/** Starts the import of validated rows in the background and returns its job. */
export function startImport(rows: CsvRow[], userId: number): ImportJob {
  const job: ImportJob = { id: crypto.randomBytes(8).toString('hex'), total: rows.length, done: 0, created: 0, updated: 0, status: 'importing' };
  jobs.set(job.id, job);
  runImport(rows, userId, job).catch((err: unknown) => {
    logger.error({ err }, 'CSV import failed');
    job.status = 'failed';
    job.error = (err as Error).message;
  });
  return job;
}

/** One transaction: creates or updates by SKU; stock differences go through the ledger ('import'). */
export async function runImport(rows: CsvRow[], userId: number, job: ImportJob): Promise<void> {
  await db.transaction(async (tx) => {
    const brandIds = new Map((await tx.select().from(brands)).map((b) => [b.name.toLowerCase(), b.id]));
    const catIds = new Map((await tx.select({ id: categories.id, slug: categories.slug }).from(categories)).map((c) => [c.slug, c.id]));
    const typeIds = new Map((await tx.select({ id: productTypes.id, code: productTypes.code }).from(productTypes)).map((t) => [t.code, t.id]));
    const productIds = new Map((await tx.select({ id: products.id, slug: products.slug }).from(products)).map((p) => [p.slug, p.id]));
    const existing = new Map((await tx.select({ id: variants.id, sku: variants.sku, stock: variants.stock }).from(variants)).map((v) => [v.sku, v]));
    const touched = new Set<number>();
    const positions = new Map<number, number>();
    for (const r of rows) {
      let brandId: number | null = null;
      if (r.brand) {
        brandId = brandIds.get(r.brand.toLowerCase()) ?? null;
        if (!brandId) {
          brandId = insertId(await tx.insert(brands).values({ name: r.brand, slug: slugify(r.brand) }));
          brandIds.set(r.brand.toLowerCase(), brandId);
        }
      }
      const productValues = {
        name: r.product_name, nameKm: r.product_name_km || null, brandId, categoryId: catIds.get(r.category_slug)!, productTypeId: r.product_type ? typeIds.get(r.product_type)! : null,
        status: r.status as 'draft' | 'active' | 'archived', warrantyMonths: Number(r.warranty_months), shortDescription: r.short_description,
      };
      let productId = productIds.get(r.product_slug);
      if (!productId) {
        productId = insertId(await tx.insert(products).values({ ...productValues, slug: r.product_slug, publishedAt: r.status === 'active' ? new Date() : null }));
        productIds.set(r.product_slug, productId);
      } else if (!touched.has(productId)) await tx.update(products).set(productValues).where(eq(products.id, productId));
      touched.add(productId);
      const options = parseOptions(r.options);
      const variantValues = {
        barcode: r.barcode || null, options, title: Object.values(options).join(' / '), price: centsToDecimal(parseMoneyInput(r.price)!),
        compareAtPrice: r.compare_at_price ? centsToDecimal(parseMoneyInput(r.compare_at_price)!) : null,
        costPrice: r.cost_price ? centsToDecimal(parseMoneyInput(r.cost_price)!) : '0.00', lowStockThreshold: Number(r.low_stock_threshold),
      };
      const current = existing.get(r.sku);
      const stock = Number(r.stock);
      if (current) {
        await tx.update(variants).set(variantValues).where(eq(variants.id, current.id));
        if (stock !== current.stock) await changeStock({ variantId: current.id, delta: stock - current.stock, reason: 'import', userId }, tx);
        job.updated++;
      } else {
        const position = positions.get(productId) ?? 0;
        positions.set(productId, position + 1);
        const id = insertId(await tx.insert(variants).values({ ...variantValues, productId, sku: r.sku, stock: 0, position }));
        if (stock > 0) await changeStock({ variantId: id, delta: stock, reason: 'import', userId }, tx);
        job.created++;
      }
      job.done++;
    }
    for (const id of touched) await refreshProductSummary(id, tx);
  });
  job.status = 'done';
  clearCatalogCaches();
}
