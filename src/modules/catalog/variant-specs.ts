import { inArray } from 'drizzle-orm';
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

/**
 * Rewrites the variant specs of the products' variants from their options (in the caller's
 * transaction): one product after an edit, or a whole batch of a bulk import or the seed.
 */
export async function syncVariantSpecs(
  productIds: number | number[],
  tx: Pick<DbOrTx, 'select' | 'delete' | 'insert'> = currentDb(),
): Promise<void> {
  const ids = Array.isArray(productIds) ? productIds : [productIds];
  if (!ids.length) return;
  const [productRows, rows] = await Promise.all([
    tx.select({ id: products.id, typeId: products.productTypeId }).from(products).where(inArray(products.id, ids)),
    tx
      .select({ id: variants.id, productId: variants.productId, options: variants.options })
      .from(variants)
      .where(inArray(variants.productId, ids)),
  ]);
  if (!rows.length) return;
  await tx.delete(variantSpecs).where(
    inArray(
      variantSpecs.variantId,
      rows.map((r) => r.id),
    ),
  );
  const typeOf = new Map(productRows.map((p) => [p.id, p.typeId]));
  const typeIds = [...new Set(productRows.map((p) => p.typeId).filter((t): t is number => t !== null))];
  if (!typeIds.length) return;
  const attrs = await tx.select().from(specAttributes).where(inArray(specAttributes.productTypeId, typeIds));
  const values = rows.flatMap((r) => {
    const typeId = typeOf.get(r.productId);
    const own = attrs.filter((a) => a.productTypeId === typeId);
    return specsFromOptions(r.options, own).map((s) => ({
      variantId: r.id,
      attributeId: s.attributeId,
      valueText: s.text,
      valueNumber: s.number,
    }));
  });
  for (let i = 0; i < values.length; i += 1000) await tx.insert(variantSpecs).values(values.slice(i, i + 1000));
}
