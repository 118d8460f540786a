import { z } from 'zod';
import { parseMoneyInput } from '../../domain/money.js';

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'bestselling'] as const;
type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 24;

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.trim())
    .filter((x) => x.length > 0 && x.length <= 120)
    .slice(0, 20);

export type ListingFilters = {
  q: string;
  brands: string[];
  minCents: number | null;
  maxCents: number | null;
  inStock: boolean;
  sort: Sort;
  page: number;
  /** attribute code → selected values */
  specs: Record<string, string[]>;
};

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);
const SortParam = z.enum(SORTS).optional().catch(undefined);

/**
 * Reads listing filters from a query string. Filters come from links people share and edit,
 * so a bad value is dropped, never an error.
 */
export function parseListingQuery(query: Record<string, unknown>, hasSearch: boolean): ListingFilters {
  const q = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
  const specs: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    const m = /^s_([a-z0-9_]{1,40})$/.exec(key);
    if (m) {
      const values = list(value);
      if (values.length) specs[m[1]!] = values;
    }
  }
  let minCents = parseMoneyInput(query.min);
  let maxCents = parseMoneyInput(query.max);
  if (minCents !== null && maxCents !== null && minCents > maxCents) [minCents, maxCents] = [maxCents, minCents];
  const sort = SortParam.parse(query.sort) ?? (hasSearch && q ? 'relevance' : 'bestselling');
  return {
    q,
    brands: list(query.brand).map((b) => b.toLowerCase()),
    minCents,
    maxCents,
    inStock: query.instock === '1' || query.instock === 'on',
    sort: sort === 'relevance' && !q ? 'bestselling' : sort,
    page: Page.parse(query.page),
    specs,
  };
}

/** The query string for a listing, with some filters changed; used by facet links and pagination. */
export function listingHref(basePath: string, f: ListingFilters, change: Partial<ListingFilters> = {}): string {
  const next = { ...f, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const b of next.brands) params.append('brand', b);
  if (next.minCents !== null) params.set('min', String(next.minCents / 100));
  if (next.maxCents !== null) params.set('max', String(next.maxCents / 100));
  if (next.inStock) params.set('instock', '1');
  for (const [code, values] of Object.entries(next.specs)) for (const v of values) params.append(`s_${code}`, v);
  const defaultSort = next.q ? 'relevance' : 'bestselling';
  if (next.sort !== defaultSort) params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/** `?v=SKU` on a product page picks a variant; anything else picks the first. */
export const VariantQuery = z.object({ v: z.string().trim().max(64).optional().catch(undefined) });

/** The n-th products sitemap file; anything else is 404. */
export const FileParam = z.object({ n: z.coerce.number().int().min(1).max(100_000).catch(0) });

/** `?exact=1` on a search: the query as typed, with no spelling correction ("Search instead for …"). */
export const SearchOptions = z.object({
  exact: z
    .unknown()
    .optional()
    .transform((v) => v === '1'),
});

/**
 * The search box's `?q=` while typing. Anything but one string (a repeated or bracketed key) is no query;
 * a long one is cut to the 100 characters a search reads.
 */
export const SuggestQuery = z.object({
  q: z
    .unknown()
    .optional()
    .transform((v) =>
      typeof v === 'string'
        ? v
            .replace(/\p{Cc}/gu, ' ')
            .trim()
            .slice(0, 100)
        : '',
    ),
});
