import crypto from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { brands, categories, products, productTypes, variants, type ProductStatus } from '../../db/schema.js';
import { selectRows } from '../../db/util.js';
import { logger } from '../../lib/logger.js';
import { centsToDecimal, parseMoneyInput } from '../../domain/money.js';
import { slugify } from '../../lib/slug.js';
import { clearCatalogCaches } from '../catalog/catalog.service.js';
import { refreshProductSummary } from '../catalog/product-summary.service.js';
import { changeStock, setOpeningStock } from '../inventory/stock.service.js';
import { parseOptions } from './products.schemas.js';
import type { CsvRow } from './products-csv.service.js';
import { withTransaction } from '../../db/transaction.js';

export type ImportJob = {
  id: string;
  total: number;
  done: number;
  created: number;
  updated: number;
  status: 'importing' | 'done' | 'failed';
  error?: string;
  finishedAt?: number;
};

// Jobs live in THIS process's memory: with several processes behind a load balancer the progress
// page must reach the process that runs the import, and a restart forgets the job (not its data).
const jobs = new Map<string, ImportJob>();
const KEEP_MS = 60 * 60 * 1000;
export const findJob = (id: string) => jobs.get(id);

/** Starts the import of validated rows in the background and returns its job at once. */
export function startImport(rows: CsvRow[], userId: number): ImportJob {
  for (const [id, j] of jobs) if (j.finishedAt && Date.now() - j.finishedAt > KEEP_MS) jobs.delete(id);
  const job: ImportJob = {
    id: crypto.randomBytes(8).toString('hex'),
    total: rows.length,
    done: 0,
    created: 0,
    updated: 0,
    status: 'importing',
  };
  jobs.set(job.id, job);
  runImport(rows, userId, job).catch((err: unknown) => {
    logger.error({ err }, 'CSV import failed');
    job.status = 'failed';
    job.error = (err as Error).message;
    job.finishedAt = Date.now();
  });
  return job;
}

const money = (s: string) => (s ? centsToDecimal(parseMoneyInput(s)!) : null);
const PRODUCTS_PER_BATCH = 250;
type Refs = { brandIds: Map<string, number>; catIds: Map<string, number>; typeIds: Map<string, number> };

/**
 * One transaction, in batches of products: products upserted by slug, variants created or updated
 * by SKU with multi-row statements, stock differences through the ledger ('import'), and one
 * summary refresh per product. Rows must have passed validateImport.
 */
export async function runImport(rows: CsvRow[], userId: number, job: ImportJob): Promise<void> {
  const groups = new Map<string, CsvRow[]>();
  for (const r of rows) groups.set(r.product_slug, [...(groups.get(r.product_slug) ?? []), r]);
  const slugs = [...groups.keys()];
  await withTransaction(async (tx) => {
    const refs = await loadRefs(rows, tx);
    for (let i = 0; i < slugs.length; i += PRODUCTS_PER_BATCH) {
      const batch = slugs.slice(i, i + PRODUCTS_PER_BATCH).map((slug) => groups.get(slug)!);
      await importBatch(batch, refs, userId, job, tx);
    }
  });
  job.status = 'done';
  job.finishedAt = Date.now();
  clearCatalogCaches();
}

/** Brands (created when missing), categories and product types, by the names the file uses. */
async function loadRefs(rows: CsvRow[], tx: Tx): Promise<Refs> {
  const existing = await tx.select().from(brands);
  const brandIds = new Map(existing.map((b) => [b.name.toLowerCase(), b.id]));
  const takenSlugs = new Set(existing.map((b) => b.slug));
  const fresh = new Map<string, { name: string; slug: string }>();
  for (const { brand } of rows) {
    if (!brand || brandIds.has(brand.toLowerCase()) || fresh.has(brand.toLowerCase())) continue;
    let slug = slugify(brand, 'brand');
    for (let n = 2; takenSlugs.has(slug); n++) slug = `${slugify(brand, 'brand')}-${n}`;
    takenSlugs.add(slug);
    fresh.set(brand.toLowerCase(), { name: brand, slug });
  }
  if (fresh.size) {
    await tx.insert(brands).values([...fresh.values()]);
    for (const b of await tx
      .select()
      .from(brands)
      .where(
        inArray(
          brands.slug,
          [...fresh.values()].map((f) => f.slug),
        ),
      ))
      brandIds.set(b.name.toLowerCase(), b.id);
  }
  const catIds = new Map(
    (await tx.select({ id: categories.id, slug: categories.slug }).from(categories)).map((c) => [c.slug, c.id]),
  );
  const typeIds = new Map(
    (await tx.select({ id: productTypes.id, code: productTypes.code }).from(productTypes)).map((t) => [t.code, t.id]),
  );
  return { brandIds, catIds, typeIds };
}

async function importBatch(batch: CsvRow[][], refs: Refs, userId: number, job: ImportJob, tx: Tx): Promise<void> {
  // The first row of a product carries its product fields; new products are published when active.
  await tx
    .insert(products)
    .values(
      batch.map(([r]) => ({
        slug: r!.product_slug,
        name: r!.product_name,
        nameKm: r!.product_name_km || null,
        brandId: r!.brand ? refs.brandIds.get(r!.brand.toLowerCase())! : null,
        categoryId: refs.catIds.get(r!.category_slug)!,
        productTypeId: r!.product_type ? refs.typeIds.get(r!.product_type)! : null,
        status: r!.status as ProductStatus,
        warrantyMonths: Number(r!.warranty_months),
        shortDescription: r!.short_description,
        publishedAt: r!.status === 'active' ? new Date() : null,
      })),
    )
    .onDuplicateKeyUpdate({
      set: {
        name: sql`VALUES(name)`,
        nameKm: sql`VALUES(name_km)`,
        brandId: sql`VALUES(brand_id)`,
        categoryId: sql`VALUES(category_id)`,
        productTypeId: sql`VALUES(product_type_id)`,
        status: sql`VALUES(status)`,
        warrantyMonths: sql`VALUES(warranty_months)`,
        shortDescription: sql`VALUES(short_description)`,
        publishedAt: sql`COALESCE(published_at, VALUES(published_at))`,
        updatedAt: sql`CURRENT_TIMESTAMP(3)`,
      },
    });
  const slugs = batch.map(([r]) => r!.product_slug);
  const productIds = new Map(
    (await tx.select({ id: products.id, slug: products.slug }).from(products).where(inArray(products.slug, slugs))).map(
      (p) => [p.slug, p.id],
    ),
  );
  const rows = batch.flat();
  // Lock the variants the file names, so the stock deltas below are exact whatever sells meanwhile.
  const existing = new Map(
    (
      await selectRows<{ id: number; sku: string; stock: number; tracks: number }>(
        sql`SELECT id, sku, stock, tracks_serials AS tracks FROM variants WHERE sku IN (${sql.join(
          rows.map((r) => sql`${r.sku}`),
          sql`, `,
        )}) FOR UPDATE`,
        tx,
      )
    ).map((v) => [v.sku, v]),
  );
  const ids = [...productIds.values()];
  const lastPosition = new Map(
    (
      await selectRows<{ productId: number; pos: number }>(
        sql`SELECT product_id AS productId, MAX(position) AS pos FROM variants WHERE product_id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) GROUP BY product_id`,
        tx,
      )
    ).map((p) => [p.productId, Number(p.pos)]),
  );
  const values = (r: CsvRow) => {
    const options = parseOptions(r.options);
    return {
      barcode: r.barcode || null,
      options,
      title: Object.values(options).join(' / '),
      price: money(r.price)!,
      compareAtPrice: money(r.compare_at_price),
      costPrice: money(r.cost_price) ?? '0.00',
      lowStockThreshold: Number(r.low_stock_threshold),
    };
  };
  const fresh = rows.filter((r) => !existing.has(r.sku));
  if (fresh.length) {
    await tx.insert(variants).values(
      fresh.map((r) => {
        const productId = productIds.get(r.product_slug)!;
        const position = (lastPosition.get(productId) ?? -1) + 1;
        lastPosition.set(productId, position);
        return { ...values(r), productId, sku: r.sku, position, stock: 0 };
      }),
    );
    const freshIds = new Map(
      (
        await tx
          .select({ id: variants.id, sku: variants.sku })
          .from(variants)
          .where(
            inArray(
              variants.sku,
              fresh.map((r) => r.sku),
            ),
          )
      ).map((v) => [v.sku, v.id]),
    );
    await setOpeningStock(
      fresh.map((r) => ({ variantId: freshIds.get(r.sku)!, stock: Number(r.stock) })),
      'import',
      userId,
      tx,
    );
  }
  const changed = rows.filter((r) => existing.has(r.sku));
  if (changed.length)
    await updateVariants(
      changed.map((r) => ({ id: existing.get(r.sku)!.id, ...values(r) })),
      tx,
    );
  for (const r of changed) {
    const cur = existing.get(r.sku)!;
    // An item known by serial: its stock follows its units (received with serials), never a file.
    if (Number(r.stock) !== cur.stock && !Number(cur.tracks))
      await changeStock({ variantId: cur.id, delta: Number(r.stock) - cur.stock, reason: 'import', userId }, tx);
  }
  for (const id of ids) await refreshProductSummary(id, tx);
  job.created += fresh.length;
  job.updated += changed.length;
  job.done += rows.length;
}

type VariantValues = {
  id: number;
  barcode: string | null;
  options: Record<string, string>;
  title: string;
  price: string;
  compareAtPrice: string | null;
  costPrice: string;
  lowStockThreshold: number;
};

/** One UPDATE for many variants, joined by id (never by barcode or SKU, so no row can be mistaken). */
async function updateVariants(list: VariantValues[], tx: Tx): Promise<void> {
  const table = sql.join(
    list.map(
      (v) =>
        sql`SELECT ${v.id} AS id, ${v.barcode} AS barcode, ${JSON.stringify(v.options)} AS options, ${v.title} AS title,
          ${v.price} AS price, ${v.compareAtPrice} AS compare_at, ${v.costPrice} AS cost,
          ${v.lowStockThreshold} AS threshold`,
    ),
    sql` UNION ALL `,
  );
  await tx.execute(sql`UPDATE variants v JOIN (${table}) n ON n.id = v.id
    SET v.barcode = n.barcode, v.options = n.options, v.title = n.title, v.price = n.price,
        v.compare_at_price = n.compare_at, v.cost_price = n.cost, v.low_stock_threshold = n.threshold,
        v.updated_at = CURRENT_TIMESTAMP(3)`);
}
