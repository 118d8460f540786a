import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import {
  brands,
  productImages,
  products,
  productSpecs,
  specAttributes,
  variantSpecs,
  variants,
} from '../../db/schema.js';
import { selectRows } from '../../db/util.js';
import { CARD_COLUMNS, type ProductCard } from './listing.queries.js';

export async function findProductBySlug(slug: string) {
  const [row] = await db
    .select({ product: products, brand: brands })
    .from(products)
    .leftJoin(brands, eq(brands.id, products.brandId))
    .where(eq(products.slug, slug));
  if (!row) return undefined;
  const id = row.product.id;
  const specColumns = {
    attributeId: specAttributes.id,
    name: specAttributes.name,
    nameKm: specAttributes.nameKm,
    unit: specAttributes.unit,
    dataType: specAttributes.dataType,
    position: specAttributes.position,
  };
  const [variantRows, images, specs, variantSpecRows] = await Promise.all([
    db
      .select()
      .from(variants)
      .where(and(eq(variants.productId, id), eq(variants.isActive, true)))
      .orderBy(asc(variants.position), asc(variants.id)),
    db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, id))
      .orderBy(asc(productImages.position), asc(productImages.id)),
    db
      .select({ ...specColumns, value: productSpecs.valueText })
      .from(productSpecs)
      .innerJoin(specAttributes, eq(specAttributes.id, productSpecs.attributeId))
      .where(eq(productSpecs.productId, id))
      .orderBy(asc(specAttributes.position)),
    db
      .select({ ...specColumns, variantId: variantSpecs.variantId, value: variantSpecs.valueText })
      .from(variantSpecs)
      .innerJoin(variants, eq(variants.id, variantSpecs.variantId))
      .innerJoin(specAttributes, eq(specAttributes.id, variantSpecs.attributeId))
      .where(and(eq(variants.productId, id), eq(variants.isActive, true))),
  ]);
  return { ...row.product, brand: row.brand, variants: variantRows, images, specs, variantSpecs: variantSpecRows };
}

export type ProductDetail = NonNullable<Awaited<ReturnType<typeof findProductBySlug>>>;

export type HomeSections = { deals: ProductCard[]; featured: ProductCard[]; newArrivals: ProductCard[] };

/**
 * The home page's three rows, in the order shown: deals (a real discount, in stock), featured, new arrivals.
 * A product appears once: a later row skips what an earlier row already shows.
 */
export async function findHomeSections(limit = 8): Promise<HomeSections> {
  const q = (where: ReturnType<typeof sql>, order: ReturnType<typeof sql>) =>
    selectRows<ProductCard>(sql`SELECT ${CARD_COLUMNS} FROM products p LEFT JOIN brands b ON b.id = p.brand_id
      WHERE p.status = 'active' AND ${where} ORDER BY ${order} LIMIT ${limit * 3}`);
  const [deals, featured, newArrivals] = await Promise.all([
    q(sql`p.has_deal = 1 AND p.in_stock = 1`, sql`p.sold_count DESC, p.id DESC`),
    q(sql`p.featured = 1`, sql`p.in_stock DESC, p.sold_count DESC, p.id DESC`),
    q(sql`TRUE`, sql`p.created_at DESC, p.id DESC`),
  ]);
  const shown = new Set<number>();
  const take = (rows: ProductCard[]) => {
    const picked = rows.filter((r) => !shown.has(Number(r.id))).slice(0, limit);
    for (const r of picked) shown.add(Number(r.id));
    return picked;
  };
  return { deals: take(deals), featured: take(featured), newArrivals: take(newArrivals) };
}

/** Per category (by its tree path): the picture of its best-selling active product with one, for the home tiles. */
export async function findCategoryImages(paths: string[]): Promise<Map<string, string>> {
  if (!paths.length) return new Map();
  const rows = await selectRows<{ path: string; image: string | null }>(sql`SELECT r.path, (
      SELECT p.primary_image FROM products p JOIN categories c ON c.id = p.category_id
      WHERE c.path LIKE CONCAT(r.path, '%') AND p.status = 'active' AND p.primary_image IS NOT NULL
      ORDER BY p.in_stock DESC, p.sold_count DESC, p.id DESC LIMIT 1) AS image
    FROM categories r WHERE r.path IN (${sql.join(
      paths.map((p) => sql`${p}`),
      sql`, `,
    )})`);
  return new Map(rows.filter((r) => r.image).map((r) => [r.path, r.image!]));
}

/** Slugs and update times for the sitemap, in pages. */
export function findSitemapProducts(offset: number, limit: number) {
  return selectRows<{ slug: string; updatedAt: Date }>(sql`SELECT slug, updated_at AS updatedAt FROM products
    WHERE status = 'active' ORDER BY id LIMIT ${limit} OFFSET ${offset}`);
}

export async function countActiveProducts(): Promise<number> {
  const rows = await selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM products WHERE status = 'active'`);
  return Number(rows[0]?.n ?? 0);
}

export function findActiveCategoryIdsWithProducts() {
  return selectRows<{ categoryId: number }>(
    sql`SELECT DISTINCT category_id AS categoryId FROM products WHERE status = 'active'`,
  );
}
