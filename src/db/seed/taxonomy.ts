import { and, eq } from 'drizzle-orm';
import { db } from '../client.js';
import { brands, categories, productTypes, specAttributes } from '../schema.js';
import { insertId } from '../util.js';
import { BRANDS, CATEGORY_TREE, PRODUCT_TYPES, type CategorySeed } from './taxonomy.data.js';

export type Taxonomy = {
  categoryIds: Map<string, number>;
  brandIds: Map<string, number>;
  typeIds: Map<string, number>;
  /** `${typeCode}.${attrCode}` → attribute id */
  attrIds: Map<string, number>;
  created: { topCategories: number; subcategories: number; brands: number; types: number };
};

/** Finds a category by slug or creates it with its materialised path ("/<parentId>/<id>/"). */
async function ensureCategory(
  seed: CategorySeed,
  position: number,
  parent: { id: number; path: string; depth: number } | null,
) {
  const [existing] = await db
    .select({ id: categories.id, path: categories.path, depth: categories.depth })
    .from(categories)
    .where(eq(categories.slug, seed.slug));
  if (existing) return { row: existing, created: false };
  const depth = parent ? parent.depth + 1 : 0;
  const id = insertId(
    await db.insert(categories).values({
      name: seed.name,
      nameKm: seed.nameKm,
      slug: seed.slug,
      parentId: parent?.id ?? null,
      path: '/',
      depth,
      position,
    }),
  );
  const path = `${parent?.path ?? '/'}${id}/`;
  await db.update(categories).set({ path }).where(eq(categories.id, id));
  return { row: { id, path, depth }, created: true };
}

async function seedCategories(t: Taxonomy): Promise<void> {
  for (const [i, top] of CATEGORY_TREE.entries()) {
    const parent = await ensureCategory(top, i, null);
    t.categoryIds.set(top.slug, parent.row.id);
    if (parent.created) t.created.topCategories++;
    for (const [j, child] of (top.children ?? []).entries()) {
      const sub = await ensureCategory(child, j, parent.row);
      t.categoryIds.set(child.slug, sub.row.id);
      if (sub.created) t.created.subcategories++;
    }
  }
}

async function seedBrands(t: Taxonomy): Promise<void> {
  const existing = new Map(
    (await db.select({ id: brands.id, slug: brands.slug }).from(brands)).map((b) => [b.slug, b.id]),
  );
  for (const b of BRANDS) {
    let id = existing.get(b.slug);
    if (id === undefined) {
      id = insertId(await db.insert(brands).values({ name: b.name, slug: b.slug }));
      t.created.brands++;
    }
    t.brandIds.set(b.name, id);
  }
}

async function seedTypes(t: Taxonomy): Promise<void> {
  for (const type of PRODUCT_TYPES) {
    const [existing] = await db
      .select({ id: productTypes.id })
      .from(productTypes)
      .where(eq(productTypes.code, type.code));
    let typeId = existing?.id;
    if (typeId === undefined) {
      typeId = insertId(
        await db.insert(productTypes).values({ code: type.code, name: type.name, nameKm: type.nameKm }),
      );
      t.created.types++;
    }
    t.typeIds.set(type.code, typeId);
    for (const [position, a] of type.attrs.entries()) {
      const [attr] = await db
        .select({ id: specAttributes.id })
        .from(specAttributes)
        .where(and(eq(specAttributes.productTypeId, typeId), eq(specAttributes.code, a.code)));
      const attrId =
        attr?.id ??
        insertId(
          await db.insert(specAttributes).values({
            productTypeId: typeId,
            code: a.code,
            name: a.name,
            nameKm: a.nameKm,
            dataType: a.dataType,
            unit: a.unit ?? null,
            filterable: a.filterable ?? true,
            position,
          }),
        );
      t.attrIds.set(`${type.code}.${a.code}`, attrId);
    }
  }
}

/** Categories, brands and product types, found by their natural keys (slug, code) or created. */
export async function seedTaxonomy(): Promise<Taxonomy> {
  const t: Taxonomy = {
    categoryIds: new Map(),
    brandIds: new Map(),
    typeIds: new Map(),
    attrIds: new Map(),
    created: { topCategories: 0, subcategories: 0, brands: 0, types: 0 },
  };
  await seedCategories(t);
  await seedBrands(t);
  await seedTypes(t);
  return t;
}
