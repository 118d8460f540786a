import { and, asc, eq, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../../db/client.js';
import { categories, products } from '../../db/schema.js';
import { affectedRows, insertId } from '../../db/util.js';
import { ConflictError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../lib/errors.js';
import { slugify } from '../../lib/slug.js';
import { formText } from '../../lib/validation.js';
import { clearCategoryCache } from '../catalog/categories.queries.js';
import { withTransaction } from '../../db/transaction.js';

export const CategoryInput = z.object({
  name: formText(120),
  nameKm: z.string().trim().max(120, 'errors.tooLong').optional().default(''),
  slug: z.string().trim().max(140, 'errors.tooLong').optional().default(''),
  parentId: z
    .string()
    .trim()
    .regex(/^(\d{1,10})?$/, 'errors.invalid')
    .optional()
    .default(''),
  position: z
    .string()
    .trim()
    .regex(/^-?\d{0,6}$/, 'errors.position')
    .optional()
    .default('0'),
  isActive: z.string().optional(),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

export const listCategories = () => db.select().from(categories).orderBy(asc(categories.path));

const clean = (input: CategoryInput) => ({
  name: input.name,
  nameKm: input.nameKm || null,
  slug: slugify(input.slug || input.name, 'category'),
  position: Number(input.position || 0),
  parentId: input.parentId ? Number(input.parentId) : null,
});

async function parentOf(parentId: number | null) {
  if (!parentId) return { path: '/', depth: -1 };
  const [p] = await db.select().from(categories).where(eq(categories.id, parentId));
  if (!p) throw new ValidationError({ parentId: 'errors.invalid' });
  return p;
}

export async function createCategory(input: CategoryInput): Promise<number> {
  const c = clean(input);
  const parent = await parentOf(c.parentId);
  try {
    return await withTransaction(async (tx) => {
      const id = insertId(
        await tx.insert(categories).values({ ...c, path: '/', depth: parent.depth + 1, isActive: true }),
      );
      await tx
        .update(categories)
        .set({ path: `${parent.path}${id}/` })
        .where(eq(categories.id, id));
      return id;
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ValidationError({ slug: 'errors.slugTaken' });
    throw err;
  } finally {
    clearCategoryCache();
  }
}

/** Renames, re-slugs, reorders or moves a category; a move rewrites the paths of its whole subtree. */
export async function updateCategory(id: number, input: CategoryInput): Promise<void> {
  const c = clean(input);
  const [current] = await db.select().from(categories).where(eq(categories.id, id));
  if (!current) throw new NotFoundError();
  const parent = await parentOf(c.parentId);
  if (c.parentId === id || parent.path.startsWith(current.path))
    throw new ValidationError({ parentId: 'errors.categoryIntoItself' });
  const newPath = `${parent.path}${id}/`;
  const depthShift = parent.depth + 1 - current.depth;
  try {
    await withTransaction(async (tx) => {
      await tx
        .update(categories)
        .set({
          name: c.name,
          nameKm: c.nameKm,
          slug: c.slug,
          position: c.position,
          parentId: c.parentId,
          isActive: input.isActive !== undefined,
        })
        .where(eq(categories.id, id));
      if (newPath !== current.path) {
        await tx
          .update(categories)
          .set({
            path: sql`CONCAT(${newPath}, SUBSTRING(${categories.path}, ${current.path.length + 1}))`,
            depth: sql`${categories.depth} + ${depthShift}`,
          })
          .where(like(categories.path, `${current.path}%`));
      }
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ValidationError({ slug: 'errors.slugTaken' });
    throw err;
  } finally {
    clearCategoryCache();
  }
}

/** Only an empty leaf can be deleted: no products in it or below it, and no children. */
export async function deleteCategory(id: number): Promise<void> {
  const [current] = await db.select().from(categories).where(eq(categories.id, id));
  if (!current) throw new NotFoundError();
  const [children] = await db.select({ n: sql<number>`COUNT(*)` }).from(categories).where(eq(categories.parentId, id));
  if (Number(children?.n) > 0) throw new ConflictError('errors.categoryHasChildren');
  const [used] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(like(categories.path, `${current.path}%`));
  if (Number(used?.n) > 0) throw new ConflictError('errors.categoryHasProducts');
  const res = await db.delete(categories).where(and(eq(categories.id, id)));
  if (affectedRows(res) !== 1) throw new NotFoundError();
  clearCategoryCache();
}
