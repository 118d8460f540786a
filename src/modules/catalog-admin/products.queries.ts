import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../../db/client.js';
import { brands, categories, products, productSpecs, productTypes, specAttributes, variants } from '../../db/schema.js';
import { selectRows } from '../../db/util.js';

export const ProductFilters = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.coerce.number().int().positive().optional().catch(undefined),
  brand: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(['draft', 'active', 'archived']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type ProductFilters = z.infer<typeof ProductFilters>;
export const PRODUCTS_PAGE = 40;

export async function listAdminProducts(f: ProductFilters) {
  const c: SQL[] = [sql`TRUE`];
  if (f.q)
    c.push(
      sql`(p.name LIKE ${`%${f.q}%`}
        OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.sku LIKE ${`${f.q}%`}))`,
    );
  if (f.category)
    c.push(
      sql`p.category_id IN (SELECT id FROM categories
        WHERE path LIKE CONCAT((SELECT path FROM categories WHERE id = ${f.category}), '%'))`,
    );
  if (f.brand) c.push(sql`p.brand_id = ${f.brand}`);
  if (f.status) c.push(sql`p.status = ${f.status}`);
  const where = sql.join(c, sql` AND `);
  const [rows, count] = await Promise.all([
    selectRows<{
      id: number;
      name: string;
      slug: string;
      status: string;
      minPrice: string;
      maxPrice: string;
      totalStock: number;
      primaryImage: string | null;
      brand: string | null;
      category: string;
    }>(sql`
      SELECT p.id, p.name, p.slug, p.status, p.min_price AS minPrice, p.max_price AS maxPrice,
        p.total_stock AS totalStock, p.primary_image AS primaryImage, b.name AS brand, c.name AS category
      FROM products p LEFT JOIN brands b ON b.id = p.brand_id JOIN categories c ON c.id = p.category_id
      WHERE ${where} ORDER BY p.updated_at DESC, p.id DESC
      LIMIT ${PRODUCTS_PAGE} OFFSET ${(f.page - 1) * PRODUCTS_PAGE}`),
    selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM products p WHERE ${where}`),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

export async function formOptions() {
  const [cats, brandRows, types] = await Promise.all([
    db
      .select({ id: categories.id, name: categories.name, depth: categories.depth })
      .from(categories)
      .orderBy(asc(categories.path)),
    db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.name)),
    db.select({ id: productTypes.id, name: productTypes.name }).from(productTypes).orderBy(asc(productTypes.name)),
  ]);
  return { categories: cats, brands: brandRows, types };
}

export async function productForEdit(id: number) {
  const [p] = await db.select().from(products).where(eq(products.id, id));
  if (!p) return undefined;
  const [vars, attrs, specs] = await Promise.all([
    db.select().from(variants).where(eq(variants.productId, id)).orderBy(asc(variants.position), asc(variants.id)),
    p.productTypeId
      ? db
          .select()
          .from(specAttributes)
          .where(eq(specAttributes.productTypeId, p.productTypeId))
          .orderBy(asc(specAttributes.position))
      : Promise.resolve([]),
    db.select().from(productSpecs).where(eq(productSpecs.productId, id)),
  ]);
  return {
    product: p,
    variants: vars,
    attributes: attrs,
    specs: Object.fromEntries(specs.map((s) => [s.attributeId, s.valueText])),
  };
}
