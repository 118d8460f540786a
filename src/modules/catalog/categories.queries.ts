import { asc } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { db } from '../../db/client.js';
import { categories, type Category, type Locale } from '../../db/schema.js';
import { catalogIndex } from './catalog-index.js';

/** `productCount`: active products in the category and its active subcategories. */
export type CategoryNode = Category & { children: CategoryNode[]; productCount: number };
export type CategoryTree = {
  roots: CategoryNode[];
  byId: Map<number, CategoryNode>;
  bySlug: Map<string, CategoryNode>;
};

let cached: { tree: CategoryTree; expires: number } | undefined;
let loading: Promise<CategoryTree> | undefined;

/**
 * All categories as a tree (active and inactive), cached briefly: it is read on every listing. Concurrent
 * readers of an expired tree share one load.
 */
export function getCategoryTree(): Promise<CategoryTree> {
  if (cached && cached.expires > Date.now()) return Promise.resolve(cached.tree);
  loading ??= loadTree().finally(() => {
    loading = undefined;
  });
  return loading;
}

async function loadTree(): Promise<CategoryTree> {
  const now = Date.now();
  const [rows, index] = await Promise.all([
    db.select().from(categories).orderBy(asc(categories.depth), asc(categories.position), asc(categories.name)),
    catalogIndex(),
  ]);
  // Active products per category, from the catalog index (a count over the products table costs ~50 ms at 100k).
  const own = index.countByCategory();
  const byId = new Map<number, CategoryNode>();
  const bySlug = new Map<string, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node = { ...row, children: [], productCount: 0 };
    byId.set(row.id, node);
    bySlug.set(row.slug, node);
  }
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const count = (n: CategoryNode): number =>
    (n.productCount = (own.get(n.id) ?? 0) + n.children.filter((c) => c.isActive).reduce((s, c) => s + count(c), 0));
  roots.forEach(count);
  const tree = { roots, byId, bySlug };
  cached = { tree, expires: now + config.CATALOG_CACHE_SECONDS * 1000 };
  return tree;
}

export function clearCategoryCache(): void {
  cached = undefined;
}

/** A category is visible when it and all its ancestors are active. */
export function isVisible(tree: CategoryTree, node: CategoryNode): boolean {
  return ancestry(tree, node).every((c) => c.isActive);
}

/** Root → ... → node. */
export function ancestry(tree: CategoryTree, node: CategoryNode): CategoryNode[] {
  return node.path
    .split('/')
    .filter(Boolean)
    .map((id) => tree.byId.get(Number(id)))
    .filter((c): c is CategoryNode => Boolean(c));
}

/** Ids of the node and every active descendant. */
export function subtreeIds(node: CategoryNode): number[] {
  const ids: number[] = [];
  const walk = (n: CategoryNode) => {
    if (!n.isActive) return;
    ids.push(n.id);
    n.children.forEach(walk);
  };
  walk(node);
  return ids;
}

export const categoryName = (c: Pick<Category, 'name' | 'nameKm'>, locale: Locale) =>
  locale === 'km' && c.nameKm ? c.nameKm : c.name;
