import { config } from '../../config/env.js';
import { LOCALES, type Locale, type Variant } from '../../db/schema.js';
import { TtlCache } from '../../lib/cache.js';
import { cachedBodies, clearPageCache } from '../../lib/page-store.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { toCents } from '../../domain/money.js';
import { PAGE_SIZE, type ListingFilters } from './catalog.schemas.js';
import {
  ancestry,
  categoryName,
  getCategoryTree,
  isVisible,
  subtreeIds,
  type CategoryNode,
  type CategoryTree,
} from './categories.queries.js';
import { findCards, findFilterableCodes, type ProductCard } from './listing.queries.js';
import { catalogIndex, type Facets, onCatalogChange, refreshCatalogIndexSoon, type Scope } from './catalog-index.js';
import { searchCandidates } from './search.js';
import {
  findCategoryImages,
  findHomeSections,
  findProductBySlug,
  type HomeSections,
  type ProductDetail,
} from './product.queries.js';

const ttl = () => config.CATALOG_CACHE_SECONDS * 1000;
const listingCache = new TtlCache<{ items: ProductCard[]; total: number; facets: Facets }>(ttl(), 2000);
const homeCache = new TtlCache<HomeSections>(ttl(), 1);
// A product page's data by slug, and its "more like this" cards by product id: dropped as soon as the catalog
// index sees the product change (in any process), and after CATALOG_CACHE_SECONDS in any case.
const productCache = new TtlCache<ProductDetail | undefined>(ttl(), 5000);
const relatedCache = new TtlCache<ProductCard[]>(ttl(), 5000);
const slugOfId = new Map<number, string>();
// The description as HTML, per product and language (Markdown rendering costs more than the rest of the page data).
const descriptionCache = new TtlCache<string>(ttl(), 10_000);
onCatalogChange((ids) => {
  for (const id of ids) {
    const slug = slugOfId.get(id);
    if (slug !== undefined) productCache.delete(slug);
    for (const locale of LOCALES) descriptionCache.delete(`${id}|${locale}`);
    slugOfId.delete(id);
  }
  // Any change may reorder a category's best sellers, and shows in rendered pages.
  relatedCache.clear();
  cachedBodies.clear();
});
const tileImageCache = new TtlCache<Map<string, string>>(ttl(), 1);
const specCodesCache = new TtlCache<Map<string, boolean>>(ttl(), 1);

/** Forget cached listings in this process (after an admin change). Other processes expire on their own. */
export function clearCatalogCaches(): void {
  clearPageCache();
  listingCache.clear();
  productCache.clear();
  descriptionCache.clear();
  relatedCache.clear();
  homeCache.clear();
  refreshCatalogIndexSoon();
  specCodesCache.clear();
  tileImageCache.clear();
}

type SubcategoryFacet = { slug: string; name: string; count: number };

export type Listing = {
  items: ProductCard[];
  total: number;
  pages: number;
  facets: Facets;
  subcategories: SubcategoryFacet[];
};

function rollUpCategories(
  tree: CategoryTree,
  parent: CategoryNode | null,
  counts: Facets['categories'],
  locale: Locale,
): SubcategoryFacet[] {
  const children = (parent ? parent.children : tree.roots).filter((c) => c.isActive);
  const totals = new Map<number, number>();
  for (const { categoryId, count } of counts) {
    const node = tree.byId.get(categoryId);
    if (!node) continue;
    const child = children.find((c) => node.path.startsWith(c.path));
    if (child) totals.set(child.id, (totals.get(child.id) ?? 0) + count);
  }
  return children
    .filter((c) => totals.has(c.id))
    .map((c) => ({ slug: c.slug, name: categoryName(c, locale), count: totals.get(c.id)! }));
}

/**
 * The filters a listing can apply: spec filters for codes no filterable attribute has, and ranges on
 * specs that are not numbers, are dropped (a shared or edited link still shows the rest).
 */
export async function knownFilters(filters: ListingFilters): Promise<ListingFilters> {
  const codes = await specCodesCache.get('codes', () => findFilterableCodes());
  const specs = Object.fromEntries(Object.entries(filters.specs).filter(([code]) => codes.has(code)));
  const ranges = Object.fromEntries(Object.entries(filters.ranges).filter(([code]) => codes.get(code) === true));
  return { ...filters, specs, ranges };
}

export async function listProducts(
  filters: ListingFilters,
  category: CategoryNode | null,
  locale: Locale,
): Promise<Listing> {
  const tree = await getCategoryTree();
  const key = JSON.stringify([category?.id ?? null, filters]);
  const data = await listingCache.get(key, async () => {
    const scope: Scope = category ? { categoryIds: subtreeIds(category) } : {};
    const index = await catalogIndex();
    if (filters.q) scope.ids = await searchCandidates(filters.q, { index });
    const { ids, total, facets } = index.listing(filters, scope, PAGE_SIZE);
    return { items: await findCards(ids), total, facets };
  });
  return {
    ...data,
    pages: Math.max(1, Math.ceil(data.total / PAGE_SIZE)),
    subcategories: rollUpCategories(tree, category, data.facets.categories, locale),
  };
}

/** A visible category by slug, with its breadcrumb trail; undefined when missing or hidden. */
export async function findCategory(slug: string) {
  const tree = await getCategoryTree();
  const node = tree.bySlug.get(slug);
  if (!node || !isVisible(tree, node)) return undefined;
  return { node, trail: ancestry(tree, node) };
}

/** The top categories a shopper is shown: active, and with something to sell in them. */
export async function topCategories(): Promise<CategoryNode[]> {
  return (await getCategoryTree()).roots.filter((c) => c.isActive && c.productCount > 0);
}

export const homeSections = (): Promise<HomeSections> => homeCache.get('home', () => findHomeSections());

type CategoryTile = { slug: string; name: string; count: number; image: string | null };

/** The home page's category tiles: each top category with the picture of its best seller. */
export async function categoryTiles(locale: Locale): Promise<CategoryTile[]> {
  const roots = await topCategories();
  const images = await tileImageCache.get('tiles', () => findCategoryImages(roots.map((c) => c.path)));
  return roots.map((c) => ({
    slug: c.slug,
    name: categoryName(c, locale),
    count: c.productCount,
    image: images.get(c.path) ?? null,
  }));
}

type StockState = { kind: 'in' | 'low' | 'out'; count: number };

function stockState(v: Pick<Variant, 'stock' | 'lowStockThreshold'>): StockState {
  if (v.stock <= 0) return { kind: 'out', count: 0 };
  if (v.stock <= v.lowStockThreshold) return { kind: 'low', count: v.stock };
  return { kind: 'in', count: v.stock };
}

/** Whole percent off, or null when there is no real discount. */
function discountPercent(price: string, compareAt: string | null): number | null {
  if (!compareAt) return null;
  const p = toCents(price);
  const c = toCents(compareAt);
  return c > p ? Math.round(((c - p) * 100) / c) : null;
}

export type ProductView = ProductDetail & {
  selected: Variant | undefined;
  stock: StockState;
  discount: number | null;
  descriptionHtml: string;
  trail: CategoryNode[];
  related: ProductCard[];
};

/**
 * The product page's data. Drafts and archived products exist only for staff;
 * for everyone else they are "not found".
 */
export async function productPage(
  slug: string,
  opts: { staff: boolean; sku?: string; locale: Locale },
): Promise<ProductView | undefined> {
  const product = await productCache.get(slug, async () => {
    const found = await findProductBySlug(slug);
    if (found) slugOfId.set(found.id, slug);
    return found;
  });
  if (!product || (product.status !== 'active' && !opts.staff)) return undefined;
  const tree = await getCategoryTree();
  const category = tree.byId.get(product.categoryId);
  const selected =
    product.variants.find((v) => v.sku === opts.sku) ??
    product.variants.find((v) => v.stock > 0) ??
    product.variants[0];
  const related = await relatedCache.get(String(product.id), async () =>
    findCards((await catalogIndex()).related(product.id, product.categoryId)),
  );
  // The picked variant's own values (RAM, storage...) replace the product's.
  const own = product.variantSpecs.filter((s) => s.variantId === selected?.id);
  const specs = [
    ...product.specs.map((s) => own.find((o) => o.attributeId === s.attributeId) ?? s),
    ...own.filter((o) => !product.specs.some((s) => s.attributeId === o.attributeId)),
  ].sort((a, b) => a.position - b.position);
  const km = opts.locale === 'km';
  const description = km && product.descriptionKm ? product.descriptionKm : product.description;
  return {
    ...product,
    // The short text and SEO fields are written in English only: a Khmer page with Khmer texts leaves them out.
    ...(km && product.descriptionKm ? { shortDescription: '', seoDescription: null } : {}),
    ...(km && product.nameKm ? { seoTitle: null } : {}),
    selected,
    specs,
    stock: selected ? stockState(selected) : { kind: 'out', count: 0 },
    discount: selected ? discountPercent(selected.price, selected.compareAtPrice) : null,
    descriptionHtml: await descriptionCache.get(`${product.id}|${opts.locale}`, async () =>
      renderMarkdown(description),
    ),
    trail: category ? ancestry(tree, category) : [],
    related,
  };
}

export const productName = (p: { name: string; nameKm: string | null }, locale: Locale) =>
  locale === 'km' && p.nameKm ? p.nameKm : p.name;
