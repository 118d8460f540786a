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
  /** numeric attribute code → a range of values (either end open) */
  ranges: Record<string, SpecRange>;
};

type SpecRange = { min: number | null; max: number | null };

/**
 * The most spec filters one listing reads: a shopper narrows by a few; more is a crafted URL that
 * would only cost database time (each one is a subquery).
 */
const MAX_SPEC_CODES = 6;
/** A spec range bound: a plain decimal number within what a spec holds (DECIMAL(12,3)). */
const rangeBound = (v: unknown): number | null => {
  if (typeof v !== 'string' || !/^\s*\d{1,9}(\.\d{1,3})?\s*$/.test(v)) return null;
  return Number(v);
};

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);
const SortParam = z.enum(SORTS).optional().catch(undefined);

/**
 * Reads listing filters from a query string. Filters come from links people share and edit,
 * so a bad value is dropped, never an error.
 */
export function parseListingQuery(query: Record<string, unknown>, hasSearch: boolean): ListingFilters {
  // Control characters (NUL, escapes) are never part of a search, and never shown back.
  const q =
    typeof query.q === 'string'
      ? query.q
          .replace(/\p{Cc}/gu, ' ')
          .trim()
          .slice(0, 100)
      : '';
  const specs: Record<string, string[]> = {};
  const ranges: Record<string, SpecRange> = {};
  for (const [key, value] of Object.entries(query)) {
    const m = /^s_([a-z0-9_]{1,40})$/.exec(key);
    if (m && Object.keys(specs).length < MAX_SPEC_CODES) {
      const values = list(value);
      if (values.length) specs[m[1]!] = values;
    }
    const r = /^r_([a-z0-9_]{1,40})_(min|max)$/.exec(key);
    const bound = r ? rangeBound(value) : null;
    if (r && bound !== null && (ranges[r[1]!] || Object.keys(ranges).length < MAX_SPEC_CODES)) {
      const range = ranges[r[1]!] ?? { min: null, max: null };
      range[r[2] as 'min' | 'max'] = bound;
      ranges[r[1]!] = range;
    }
  }
  for (const range of Object.values(ranges))
    if (range.min !== null && range.max !== null && range.min > range.max)
      [range.min, range.max] = [range.max, range.min];
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
    ranges,
  };
}

/** How many filters a shopper has on (each brand, spec value and range counts once; price once). */
export function activeFilterCount(f: ListingFilters): number {
  return (
    f.brands.length +
    (f.minCents !== null || f.maxCents !== null ? 1 : 0) +
    (f.inStock ? 1 : 0) +
    Object.values(f.specs).reduce((n, v) => n + v.length, 0) +
    Object.keys(f.ranges).length
  );
}

/** The same filters without any brand, price, stock or spec filter (the search words and sort stay). */
export const withoutFilters = (f: ListingFilters): ListingFilters => ({
  ...f,
  brands: [],
  minCents: null,
  maxCents: null,
  inStock: false,
  specs: {},
  ranges: {},
  page: 1,
});

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
  for (const [code, { min, max }] of Object.entries(next.ranges)) {
    if (min !== null) params.set(`r_${code}_min`, String(min));
    if (max !== null) params.set(`r_${code}_max`, String(max));
  }
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
