import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';
import type { ProductStatus, SPEC_TYPES } from '../../db/schema.js';
import { idList } from '../catalog/listing.queries.js';

export type CompareProductRow = {
  id: number;
  slug: string;
  name: string;
  nameKm: string | null;
  status: ProductStatus;
  productTypeId: number | null;
  primaryImage: string | null;
  warrantyMonths: number;
  brandName: string | null;
};

export type CompareVariantRow = {
  id: number;
  productId: number;
  sku: string;
  price: string;
  compareAtPrice: string | null;
  stock: number;
  lowStockThreshold: number;
};

export type AttributeRow = {
  id: number;
  productTypeId: number;
  typeName: string;
  typeNameKm: string | null;
  code: string;
  name: string;
  nameKm: string | null;
  unit: string | null;
  dataType: (typeof SPEC_TYPES)[number];
  position: number;
};

export type SpecRow = { productId: number; attributeId: number; value: string };

/** The products by id, whatever their status (the caller decides what an archived one means). */
export function findCompareProducts(ids: readonly number[]): Promise<CompareProductRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return selectRows<CompareProductRow>(sql`SELECT p.id, p.slug, p.name, p.name_km AS nameKm, p.status,
      p.product_type_id AS productTypeId, p.primary_image AS primaryImage, p.warranty_months AS warrantyMonths,
      b.name AS brandName
    FROM products p LEFT JOIN brands b ON b.id = p.brand_id WHERE p.id IN (${idList(ids)})`);
}

/**
 * The variant each product is compared by: the one its product page opens on (the first in stock,
 * else the first), so the price, stock and variant specs here match what the link shows.
 */
export async function findDefaultVariants(productIds: readonly number[]): Promise<Map<number, CompareVariantRow>> {
  if (!productIds.length) return new Map();
  const rows = await selectRows<CompareVariantRow>(sql`SELECT id, product_id AS productId, sku, price,
      compare_at_price AS compareAtPrice, stock, low_stock_threshold AS lowStockThreshold
    FROM variants WHERE product_id IN (${idList(productIds)}) AND is_active = 1
    ORDER BY product_id, stock > 0 DESC, position, id`);
  const picked = new Map<number, CompareVariantRow>();
  for (const r of rows) if (!picked.has(Number(r.productId))) picked.set(Number(r.productId), r);
  return picked;
}

/**
 * The products' spec values: the product's own, replaced by its compared variant's where that
 * variant has one (RAM, storage), as on the product page.
 */
export async function findSpecs(productIds: readonly number[], variantIds: readonly number[]): Promise<SpecRow[]> {
  if (!productIds.length) return [];
  const [own, ofVariants] = await Promise.all([
    selectRows<SpecRow>(sql`SELECT product_id AS productId, attribute_id AS attributeId, value_text AS value
      FROM product_specs WHERE product_id IN (${idList(productIds)})`),
    variantIds.length
      ? selectRows<SpecRow>(sql`SELECT v.product_id AS productId, s.attribute_id AS attributeId, s.value_text AS value
          FROM variant_specs s JOIN variants v ON v.id = s.variant_id WHERE s.variant_id IN (${idList(variantIds)})`)
      : Promise.resolve([]),
  ]);
  const key = (s: SpecRow) => `${s.productId}|${s.attributeId}`;
  const byKey = new Map(own.map((s) => [key(s), s]));
  for (const s of ofVariants) byKey.set(key(s), s);
  return [...byKey.values()];
}

/** The spec attributes of the given product types, and any other attribute a value points at. */
export function findAttributes(typeIds: readonly number[], attributeIds: readonly number[]): Promise<AttributeRow[]> {
  const where = [
    ...(typeIds.length ? [sql`a.product_type_id IN (${idList(typeIds)})`] : []),
    ...(attributeIds.length ? [sql`a.id IN (${idList(attributeIds)})`] : []),
  ];
  if (!where.length) return Promise.resolve([]);
  return selectRows<AttributeRow>(sql`SELECT a.id, a.product_type_id AS productTypeId, t.name AS typeName,
      t.name_km AS typeNameKm, a.code, a.name, a.name_km AS nameKm, a.unit, a.data_type AS dataType, a.position
    FROM spec_attributes a JOIN product_types t ON t.id = a.product_type_id
    WHERE ${sql.join(where, sql` OR `)} ORDER BY a.position, a.id`);
}
