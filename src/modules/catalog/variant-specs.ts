import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { currentDb } from '../../db/transaction.js';
import { products, specAttributes, variants, variantSpecs, type SpecAttribute } from '../../db/schema.js';

type Attr = Pick<SpecAttribute, 'id' | 'code' | 'name' | 'nameKm' | 'unit' | 'dataType'>;
export type VariantSpecValue = { attributeId: number; text: string; number: string | null };

const SCALE: Record<string, Record<string, number>> = {
  gb: { tb: 1000, gb: 1, mb: 0.001 },
  tb: { tb: 1, gb: 0.001 },
  mb: { gb: 1000, mb: 1 },
};

/** "1 TB" for an attribute measured in GB → 1000; "16 GB" → 16; "15.6" → 15.6; not a number → null. */
function numberIn(value: string, unit: string | null): string | null {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)/i.exec(value);
  if (!m) return null;
  const n = Number(m[1]!.replace(',', '.'));
  const from = m[2]!.toLowerCase();
  const scale = unit && from ? SCALE[unit.toLowerCase()]?.[from] : 1;
  return scale === undefined ? null : String(Math.round(n * scale * 1000) / 1000);
}

/**
 * A variant's option that names a spec of its product type (by code or name, either language,
 * case-insensitive: "RAM=16 GB") is that spec's value for the variant.
 */
export function specsFromOptions(options: Record<string, string>, attrs: readonly Attr[]): VariantSpecValue[] {
  const out: VariantSpecValue[] = [];
  for (const [key, value] of Object.entries(options)) {
    const k = key.trim().toLowerCase();
    const attr = attrs.find((a) => [a.code, a.name, a.nameKm].some((n) => n?.trim().toLowerCase() === k));
    if (!attr || !value.trim()) continue;
    const number = attr.dataType === 'number' ? numberIn(value, attr.unit) : null;
    const text = attr.dataType === 'number' && number !== null && attr.unit ? number : value.trim();
    out.push({ attributeId: attr.id, text: text.slice(0, 200), number });
  }
  return out;
}

/** Rewrites the variant specs of a product's variants from their options (in the caller's transaction). */
export async function syncVariantSpecs(productId: number, tx: DbOrTx = currentDb()): Promise<void> {
  const [product] = await tx
    .select({ typeId: products.productTypeId })
    .from(products)
    .where(eq(products.id, productId));
  const rows = await tx
    .select({ id: variants.id, options: variants.options })
    .from(variants)
    .where(eq(variants.productId, productId));
  if (!rows.length) return;
  await tx.delete(variantSpecs).where(
    inArray(
      variantSpecs.variantId,
      rows.map((r) => r.id),
    ),
  );
  if (!product?.typeId) return;
  const attrs = await tx
    .select()
    .from(specAttributes)
    .where(and(eq(specAttributes.productTypeId, product.typeId)));
  const values = rows.flatMap((r) =>
    specsFromOptions(r.options, attrs).map((s) => ({
      variantId: r.id,
      attributeId: s.attributeId,
      valueText: s.text,
      valueNumber: s.number,
    })),
  );
  if (values.length) await tx.insert(variantSpecs).values(values);
}
