import { sql } from 'drizzle-orm';
import type { Locale } from '../../db/schema.js';
import { selectRows } from '../../db/util.js';
import { formatUsd } from '../../domain/money.js';
import { textMatches } from '../../domain/search-words.js';
import { productImageUrl } from '../../lib/images/image-store.js';
import type { ListingFilters } from './catalog.schemas.js';
import { type Listing, listProducts } from './catalog.service.js';
import { categoryName, getCategoryTree, isVisible } from './categories.queries.js';
import { searchCandidates, spellingFix } from './search.js';

/** A search with few results offers its spelling fix ("Did you mean …?") when that finds more. */
const FEW_RESULTS = 2;

export type SearchOutcome = {
  /** The filters the listing was made with: the corrected query when a correction was applied. */
  filters: ListingFilters;
  listing: Listing;
  /** Shown instead of the asked query, which found nothing. */
  correction?: { from: string; to: string };
  /** Offered next to the asked query's few results. */
  didYouMean?: string;
};

/**
 * A search listing that forgives typos: when the query finds nothing and a misspelt word has a close
 * known word, the corrected query's results are shown instead (unless `exact`); when it finds very
 * little, the correction is offered as a link.
 */
export async function searchListing(filters: ListingFilters, locale: Locale, exact: boolean): Promise<SearchOutcome> {
  const listing = await listProducts(filters, null, locale);
  if (exact || listing.total > FEW_RESULTS) return { filters, listing };
  const to = await spellingFix(filters.q);
  if (!to) return { filters, listing };
  const fixed = { ...filters, q: to, page: 1 };
  const better = await listProducts(fixed, null, locale);
  if (better.total <= listing.total) return { filters, listing };
  if (listing.total === 0) return { filters: fixed, listing: better, correction: { from: filters.q, to } };
  return { filters, listing, didYouMean: to };
}

export type Suggestion = {
  kind: 'product' | 'category';
  name: string;
  url: string;
  /** Products: the lowest price, formatted ("$899.00"). */
  price?: string;
  /** Products: a small picture. */
  image?: string | null;
};

const MAX_CATEGORIES = 3;
const MAX_ITEMS = 8;

function matchingCategories(q: string, locale: Locale, tree: Awaited<ReturnType<typeof getCategoryTree>>) {
  return [...tree.byId.values()]
    .filter((c) => isVisible(tree, c) && textMatches(q, `${c.name} ${c.nameKm ?? ''}`, { asYouType: true }))
    .slice(0, MAX_CATEGORIES)
    .map((c): Suggestion => ({ kind: 'category', name: categoryName(c, locale), url: `/c/${c.slug}` }));
}

async function productSuggestions(q: string, locale: Locale, limit: number): Promise<Suggestion[]> {
  let found = await searchCandidates(q, { asYouType: true, limit });
  if (!found.size) {
    const fixed = await spellingFix(q);
    if (fixed) found = await searchCandidates(fixed, { asYouType: true, limit });
  }
  const ids = [...found.keys()].slice(0, limit);
  if (!ids.length) return [];
  const rows = await selectRows<{
    id: number;
    slug: string;
    name: string;
    nameKm: string | null;
    minPrice: string;
    image: string | null;
  }>(sql`SELECT id, slug, name, name_km AS nameKm, min_price AS minPrice, primary_image AS image FROM products
    WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    return [
      {
        kind: 'product' as const,
        name: locale === 'km' && p.nameKm ? p.nameKm : p.name,
        url: `/p/${p.slug}`,
        price: formatUsd(p.minPrice),
        image: p.image ? productImageUrl(p.image, 'sm') : null,
      },
    ];
  });
}

/** What the search box offers while typing: a few categories, then products, at most eight in all. */
export async function suggest(q: string, locale: Locale): Promise<Suggestion[]> {
  if (!q.trim()) return [];
  const categories = matchingCategories(q, locale, await getCategoryTree());
  return [...categories, ...(await productSuggestions(q, locale, MAX_ITEMS - categories.length))];
}
