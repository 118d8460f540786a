import { eq } from 'drizzle-orm';
import { db } from '../../src/db/client.js';
import {
  brands,
  categories,
  products,
  productSpecs,
  productTypes,
  specAttributes,
  stockMovements,
  variants,
  type ProductStatus,
} from '../../src/db/schema.js';
import { insertId } from '../../src/db/util.js';
import { refreshProductSummary } from '../../src/modules/catalog/product-summary.service.js';

let n = 0;
const uniq = () => `${++n}${Math.random().toString(36).slice(2, 6)}`;

export async function createCategory(
  opts: { name?: string; slug?: string; parentId?: number | null; position?: number; isActive?: boolean } = {},
) {
  const name = opts.name ?? `Category ${uniq()}`;
  const slug = opts.slug ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  let path = '/';
  let depth = 0;
  if (opts.parentId) {
    const [parent] = await db.select().from(categories).where(eq(categories.id, opts.parentId));
    path = parent!.path;
    depth = parent!.depth + 1;
  }
  const id = insertId(
    await db.insert(categories).values({
      name,
      slug,
      parentId: opts.parentId ?? null,
      path: '/',
      depth,
      position: opts.position ?? 0,
      isActive: opts.isActive ?? true,
    }),
  );
  await db
    .update(categories)
    .set({ path: `${path}${id}/` })
    .where(eq(categories.id, id));
  return (await db.select().from(categories).where(eq(categories.id, id)))[0]!;
}

export async function createBrand(name = `Brand ${uniq()}`) {
  const id = insertId(await db.insert(brands).values({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') }));
  return (await db.select().from(brands).where(eq(brands.id, id)))[0]!;
}

/**
 * A product type with spec attributes, e.g.
 * createProductType('laptop', [{ code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' }]).
 */
export async function createProductType(
  code: string,
  attrs: {
    code: string;
    name: string;
    dataType?: 'text' | 'number' | 'boolean';
    unit?: string;
    filterable?: boolean;
  }[] = [],
) {
  const typeId = insertId(await db.insert(productTypes).values({ code, name: code }));
  const attributes = [];
  for (const [i, a] of attrs.entries()) {
    const id = insertId(
      await db.insert(specAttributes).values({
        productTypeId: typeId,
        code: a.code,
        name: a.name,
        dataType: a.dataType ?? 'text',
        unit: a.unit ?? null,
        filterable: a.filterable ?? true,
        position: i,
      }),
    );
    attributes.push({ id, ...a });
  }
  return { id: typeId, code, attributes };
}

export type VariantInput = {
  sku?: string;
  barcode?: string | null;
  price: string;
  compareAtPrice?: string | null;
  costPrice?: string;
  stock?: number;
  lowStockThreshold?: number;
  options?: Record<string, string>;
};

/** A product with its variants (stock written through an 'initial' ledger row) and optional specs. */
export async function createProduct(opts: {
  name?: string;
  slug?: string;
  categoryId: number;
  brandId?: number | null;
  productTypeId?: number | null;
  status?: ProductStatus;
  featured?: boolean;
  description?: string;
  createdAt?: Date;
  variants?: VariantInput[];
  specs?: { attributeId: number; value: string; number?: string | null }[];
}) {
  const name = opts.name ?? `Product ${uniq()}`;
  const slug = opts.slug ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${uniq()}`;
  const productId = insertId(
    await db.insert(products).values({
      name,
      slug,
      categoryId: opts.categoryId,
      brandId: opts.brandId ?? null,
      productTypeId: opts.productTypeId ?? null,
      status: opts.status ?? 'active',
      featured: opts.featured ?? false,
      description: opts.description ?? '',
      shortDescription: '',
      publishedAt: new Date(),
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    }),
  );
  const created = [];
  for (const [i, v] of (opts.variants ?? [{ price: '10.00', stock: 5 }]).entries()) {
    const options = v.options ?? {};
    const variantId = insertId(
      await db.insert(variants).values({
        productId,
        sku: v.sku ?? `SKU-${uniq()}`.toUpperCase(),
        barcode: v.barcode ?? null,
        options,
        title: Object.values(options).join(' / '),
        price: v.price,
        compareAtPrice: v.compareAtPrice ?? null,
        costPrice: v.costPrice ?? '0.00',
        stock: v.stock ?? 5,
        lowStockThreshold: v.lowStockThreshold ?? 3,
        position: i,
      }),
    );
    if ((v.stock ?? 5) > 0) {
      await db
        .insert(stockMovements)
        .values({ variantId, delta: v.stock ?? 5, stockBefore: 0, stockAfter: v.stock ?? 5, reason: 'initial' });
    }
    created.push((await db.select().from(variants).where(eq(variants.id, variantId)))[0]!);
  }
  for (const s of opts.specs ?? []) {
    await db
      .insert(productSpecs)
      .values({ productId, attributeId: s.attributeId, valueText: s.value, valueNumber: s.number ?? null });
  }
  await refreshProductSummary(productId);
  const [product] = await db.select().from(products).where(eq(products.id, productId));
  return { ...product!, variants: created };
}
