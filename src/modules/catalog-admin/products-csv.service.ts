import { sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { categories, productTypes } from '../../db/schema.js';
import { selectRows } from '../../db/util.js';
import { parseMoneyInput } from '../../domain/money.js';
import { slugify } from '../../lib/slug.js';
import { formatOptions } from './products.schemas.js';

export const COLUMNS = [
  'product_slug',
  'product_name',
  'product_name_km',
  'brand',
  'category_slug',
  'product_type',
  'status',
  'warranty_months',
  'short_description',
  'sku',
  'barcode',
  'options',
  'price',
  'compare_at_price',
  'cost_price',
  'stock',
  'low_stock_threshold',
] as const;
type Column = (typeof COLUMNS)[number];
export type CsvRow = Record<Column, string>;

const EXPORT_PRODUCTS = 500;

/** Every variant with its product, a few hundred products at a time (keyset, so page 1,000 is as fast as page 1). */
export async function* exportRows(): AsyncGenerator<string[][]> {
  for (let after = 0; ; ) {
    const ids = await selectRows<{ id: number }>(
      sql`SELECT id FROM products WHERE id > ${after} ORDER BY id LIMIT ${EXPORT_PRODUCTS}`,
    );
    if (!ids.length) return;
    const last = ids[ids.length - 1]!.id;
    const rows = await selectRows<
      Record<string, unknown>
    >(sql`SELECT p.slug, p.name, p.name_km AS nameKm, b.name AS brand, c.slug AS category, t.code AS type,
      p.status, p.warranty_months AS warranty, p.short_description AS short, v.sku, v.barcode, v.options, v.price,
      v.compare_at_price AS compareAt,
      v.cost_price AS cost, v.stock, v.low_stock_threshold AS threshold
      FROM variants v JOIN products p ON p.id = v.product_id JOIN categories c ON c.id = p.category_id
      LEFT JOIN brands b ON b.id = p.brand_id LEFT JOIN product_types t ON t.id = p.product_type_id
      WHERE p.id > ${after} AND p.id <= ${last} ORDER BY p.id, v.position, v.id`);
    after = last;
    if (!rows.length) continue;
    yield rows.map((r) => {
      const options =
        typeof r.options === 'string'
          ? (JSON.parse(r.options) as Record<string, string>)
          : ((r.options ?? {}) as Record<string, string>);
      return [
        r.slug,
        r.name,
        r.nameKm,
        r.brand,
        r.category,
        r.type,
        r.status,
        r.warranty,
        r.short,
        r.sku,
        r.barcode,
        formatOptions(options),
        r.price,
        r.compareAt,
        r.cost,
        r.stock,
        r.threshold,
      ].map((x) => (x === null || x === undefined ? '' : String(x)));
    });
  }
}

/** csvLine() writes a cell such as "-5% off" as "'-5% off" so spreadsheets do not run it; undo that. */
const unescapeCell = (s: string) => s.trim().replace(/^'(?=[=+\-@])/, '');

export type RowError = { row: number; column: string; message: string };

/** Checks every row before anything is written; row numbers count the header as row 1. */
export async function validateImport(table: string[][]): Promise<{ rows: CsvRow[]; errors: RowError[] }> {
  const errors: RowError[] = [];
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    return { rows: [], errors: missing.map((c) => ({ row: 1, column: c, message: 'errors.csvMissingColumn' })) };
  const rows = table
    .slice(1)
    .map(
      (cells) => Object.fromEntries(COLUMNS.map((c) => [c, unescapeCell(cells[header.indexOf(c)] ?? '')])) as CsvRow,
    );
  if (!rows.length) return { rows, errors: [{ row: 2, column: 'sku', message: 'errors.csvEmpty' }] };
  const [catRows, typeRows, skuRows, barcodeRows] = await Promise.all([
    db.select({ slug: categories.slug }).from(categories),
    db.select({ code: productTypes.code }).from(productTypes),
    selectRows<{ sku: string; slug: string }>(
      sql`SELECT v.sku, p.slug FROM variants v JOIN products p ON p.id = v.product_id`,
    ),
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
    // Lengths of the columns they land in, so a long cell is a row error rather than a failed job.
    for (const [column, max] of [
      ['product_slug', 220],
      ['product_name', 200],
      ['product_name_km', 200],
      ['brand', 80],
      ['short_description', 500],
      ['options', 300],
    ] as const) {
      if (r[column].length > max) err(column, 'errors.tooLong');
    }
    if (!cats.has(r.category_slug)) err('category_slug', 'errors.csvCategory');
    if (r.product_type && !types.has(r.product_type)) err('product_type', 'errors.csvType');
    if (!['draft', 'active', 'archived'].includes(r.status)) err('status', 'errors.csvStatus');
    if (!/^\d{1,3}$/.test(r.warranty_months)) err('warranty_months', 'errors.warranty');
    if (!/^[A-Za-z0-9._\-/]{1,64}$/.test(r.sku)) err('sku', 'errors.sku');
    else if (seenSku.has(r.sku)) err('sku', 'errors.csvDuplicateSku');
    else if (skuOwner.has(r.sku) && skuOwner.get(r.sku) !== r.product_slug) err('sku', 'errors.csvSkuOtherProduct');
    seenSku.set(r.sku, n);
    if (r.barcode) {
      if (!/^[0-9A-Za-z-]{1,64}$/.test(r.barcode)) err('barcode', 'errors.barcode');
      else if (seenBarcode.has(r.barcode) || (barcodeOwner.has(r.barcode) && barcodeOwner.get(r.barcode) !== r.sku))
        err('barcode', 'errors.barcodeTaken');
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
