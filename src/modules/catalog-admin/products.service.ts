import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { products, productSpecs, specAttributes, stockMovements, variants, type Variant } from '../../db/schema.js';
import { insertId } from '../../db/util.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, duplicateKeyIndex } from '../../lib/errors.js';
import { slugify } from '../../lib/slug.js';
import { refreshProductSummary } from '../catalog/product-summary.service.js';
import { clearCatalogCaches } from '../catalog/catalog.service.js';
import { changeStock } from '../inventory/stock.service.js';
import { parseOptions, type ProductInput, type VariantInput } from './products.schemas.js';
import { withTransaction } from '../../db/transaction.js';

type Actor = { id: number; isAdmin: boolean };

function productValues(p: ProductInput) {
  return {
    name: p.name,
    nameKm: p.nameKm || null,
    slug: slugify(p.slug || p.name, 'product'),
    brandId: p.brandId,
    categoryId: p.categoryId,
    productTypeId: p.productTypeId,
    shortDescription: p.shortDescription,
    description: p.description,
    descriptionKm: p.descriptionKm || null,
    status: p.status,
    warrantyMonths: p.warrantyMonths,
    seoTitle: p.seoTitle || null,
    seoDescription: p.seoDescription || null,
    featured: p.featured !== undefined,
  };
}

/** Maps a duplicate key to the field that clashed, never a 500. */
function duplicateField(err: unknown): ValidationError | null {
  const index = duplicateKeyIndex(err);
  if (index === null) return null;
  if (index === 'products_slug_uq') return new ValidationError({ slug: 'errors.slugTaken' });
  if (index === 'variants_barcode_uq') return new ValidationError({ barcode: 'errors.barcodeTaken' });
  return new ValidationError({ sku: 'errors.skuTaken' });
}

/** Creates a product with its first variant (admins only: it sets prices). */
export async function createProduct(p: ProductInput, v: VariantInput, actor: Actor): Promise<number> {
  if (!actor.isAdmin) throw new ForbiddenError();
  try {
    return await withTransaction(async (tx) => {
      const id = insertId(
        await tx
          .insert(products)
          .values({ ...productValues(p), publishedAt: p.status === 'active' ? new Date() : null }),
      );
      await insertVariant(tx, id, v, 0, actor.id);
      await refreshProductSummary(id, tx);
      return id;
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  } finally {
    clearCatalogCaches();
  }
}

async function insertVariant(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  productId: number,
  v: VariantInput,
  position: number,
  actorId: number,
) {
  const options = parseOptions(v.options);
  const vid = insertId(
    await tx.insert(variants).values({
      productId,
      sku: v.sku,
      barcode: v.barcode || null,
      options,
      title: Object.values(options).join(' / '),
      price: v.price!,
      compareAtPrice: v.compareAtPrice,
      costPrice: v.costPrice ?? '0.00',
      lowStockThreshold: v.lowStockThreshold,
      position,
      stock: 0,
      isActive: true,
    }),
  );
  if (v.initialStock > 0)
    await changeStock({ variantId: vid, delta: v.initialStock, reason: 'initial', userId: actorId }, tx);
  return vid;
}

export async function updateProduct(id: number, p: ProductInput): Promise<void> {
  try {
    await withTransaction(async (tx) => {
      const [cur] = await tx.select().from(products).where(eq(products.id, id));
      if (!cur) throw new NotFoundError();
      await tx
        .update(products)
        .set({ ...productValues(p), publishedAt: cur.publishedAt ?? (p.status === 'active' ? new Date() : null) })
        .where(eq(products.id, id));
      await refreshProductSummary(id, tx);
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  } finally {
    clearCatalogCaches();
  }
}

/** Saves the spec values of the product's type; number attributes must be numbers. */
export async function saveSpecs(id: number, body: Record<string, unknown>): Promise<void> {
  const [p] = await db.select().from(products).where(eq(products.id, id));
  if (!p) throw new NotFoundError();
  if (!p.productTypeId) return;
  const attrs = await db
    .select()
    .from(specAttributes)
    .where(eq(specAttributes.productTypeId, p.productTypeId))
    .orderBy(asc(specAttributes.position));
  const errors: Record<string, string> = {};
  const rows: { attributeId: number; valueText: string; valueNumber: string | null }[] = [];
  for (const a of attrs) {
    const raw = String(body[`spec_${a.code}`] ?? '').trim();
    if (!raw) continue;
    if (a.dataType === 'number' && !/^\d+(\.\d{1,3})?$/.test(raw)) errors[`spec_${a.code}`] = 'errors.number';
    const value = a.dataType === 'boolean' ? (raw === 'yes' || raw === '1' ? 'yes' : 'no') : raw.slice(0, 200);
    rows.push({ attributeId: a.id, valueText: value, valueNumber: a.dataType === 'number' ? raw : null });
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await withTransaction(async (tx) => {
    await tx.delete(productSpecs).where(eq(productSpecs.productId, id));
    for (const r of rows) await tx.insert(productSpecs).values({ productId: id, ...r });
    await refreshProductSummary(id, tx);
  });
  clearCatalogCaches();
}

export async function addVariant(productId: number, v: VariantInput, actor: Actor): Promise<void> {
  if (!actor.isAdmin) throw new ForbiddenError();
  try {
    await withTransaction(async (tx) => {
      const [{ n }] = (await tx
        .select({ n: sql<number>`COUNT(*)` })
        .from(variants)
        .where(eq(variants.productId, productId))) as [{ n: number }];
      await insertVariant(tx, productId, v, Number(n), actor.id);
      await refreshProductSummary(productId, tx);
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  } finally {
    clearCatalogCaches();
  }
}

const samePrice = (a: string | null, b: string | null) =>
  (a === null || a === '' ? null : Number(a)) === (b === null || b === '' ? null : Number(b));

/**
 * Edits a variant; only admins may change price or compare-at (staff get 403, nothing saved). Staff
 * never see the cost price, so any cost they post is refused outright (403), whatever its value:
 * comparing it with the stored one would let them guess the cost one answer at a time.
 */
export async function updateVariant(
  productId: number,
  variantId: number,
  v: VariantInput,
  actor: Actor,
): Promise<void> {
  if (!actor.isAdmin && v.costPrice !== null) throw new ForbiddenError('errors.costAdminOnly');
  const [cur] = await db
    .select()
    .from(variants)
    .where(and(eq(variants.id, variantId), eq(variants.productId, productId)));
  if (!cur) throw new NotFoundError();
  const priceChanged = !samePrice(cur.price, v.price) || !samePrice(cur.compareAtPrice, v.compareAtPrice);
  if (priceChanged && !actor.isAdmin) throw new ForbiddenError('errors.priceAdminOnly');
  const options = parseOptions(v.options);
  try {
    await withTransaction(async (tx) => {
      await tx
        .update(variants)
        .set({
          sku: v.sku,
          barcode: v.barcode || null,
          options,
          title: Object.values(options).join(' / '),
          lowStockThreshold: v.lowStockThreshold,
          isActive: v.isActive !== undefined,
          ...(actor.isAdmin
            ? { price: v.price!, compareAtPrice: v.compareAtPrice, costPrice: v.costPrice ?? cur.costPrice }
            : {}),
        })
        .where(eq(variants.id, variantId));
      await refreshProductSummary(productId, tx);
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  } finally {
    clearCatalogCaches();
  }
}

/** A variant with sales or adjustments in its history is deactivated, never deleted; the last one stays. */
export async function removeVariant(productId: number, variantId: number): Promise<'deleted' | 'deactivated'> {
  const others = await db
    .select({ id: variants.id })
    .from(variants)
    .where(and(eq(variants.productId, productId), ne(variants.id, variantId), eq(variants.isActive, true)));
  if (!others.length) throw new ConflictError('errors.lastVariant');
  const [history] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(stockMovements)
    .where(and(eq(stockMovements.variantId, variantId), ne(stockMovements.reason, 'initial')));
  const result = await withTransaction(async (tx) => {
    if (Number(history?.n) > 0) {
      await tx.update(variants).set({ isActive: false }).where(eq(variants.id, variantId));
      await refreshProductSummary(productId, tx);
      return 'deactivated' as const;
    }
    await tx.delete(variants).where(and(eq(variants.id, variantId), eq(variants.productId, productId)));
    await refreshProductSummary(productId, tx);
    return 'deleted' as const;
  });
  clearCatalogCaches();
  return result;
}

const code = (value: string) =>
  value
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '')
    .slice(0, 8) || 'X';

/**
 * Creates every combination of the given options ("Colour: Black, Silver" per line) as variants
 * with SKUs from a base ("BASE-BLACK-512GB"); combinations that already exist are skipped.
 */
export async function generateVariants(
  productId: number,
  optionsText: string,
  skuBase: string,
  price: string,
  costPrice: string | null,
  actor: Actor,
): Promise<number> {
  if (!actor.isAdmin) throw new ForbiddenError();
  const axes = optionsText
    .split(/\r?\n/)
    .map((line) => {
      const [name, values] = line.split(':');
      return {
        name: name?.trim() ?? '',
        values: (values ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      };
    })
    .filter((a) => a.name && a.values.length);
  if (!axes.length || axes.length > 3) throw new ValidationError({ options: 'errors.optionsFormat' });
  let combos: Record<string, string>[] = [{}];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.name]: v })));
  if (combos.length > 100) throw new ValidationError({ options: 'errors.tooManyCombinations' });
  const existing: Variant[] = await db.select().from(variants).where(eq(variants.productId, productId));
  const key = (o: Record<string, string>) => JSON.stringify(Object.entries(o).sort());
  const have = new Set(existing.map((v) => key(v.options)));
  let created = 0;
  try {
    await withTransaction(async (tx) => {
      for (const combo of combos) {
        if (have.has(key(combo))) continue;
        const sku = [skuBase.toUpperCase(), ...Object.values(combo).map(code)].join('-');
        await tx.insert(variants).values({
          productId,
          sku,
          options: combo,
          title: Object.values(combo).join(' / '),
          price,
          costPrice: costPrice ?? '0.00',
          position: existing.length + created,
          stock: 0,
        });
        created++;
      }
      await refreshProductSummary(productId, tx);
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  } finally {
    clearCatalogCaches();
  }
  return created;
}
