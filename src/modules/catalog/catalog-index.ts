import { sql } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { selectRows } from '../../db/util.js';
import { toCents } from '../../domain/money.js';
import { queryTerms, type QueryTerm } from '../../domain/search-words.js';
import type { ListingFilters } from './catalog.schemas.js';
import { idList } from './listing.queries.js';

/**
 * The catalog index: every active product's listing facts (category, brand, lowest price, stock, sales, age)
 * and spec values, held in memory by each process. Listings, searches and their filter counts are computed
 * here in one pass over the candidates (a category's products or a search's matches): no facet query per
 * filter, no rescans of product_specs. Product cards then come from the database by primary key.
 *
 * Freshness: the database stamps `products.changed_at` on every change of a product row (and
 * refreshProductSummary stamps it after variant, image and spec changes), and each process reloads the
 * products changed since it last looked, at most a second ago. A full reload runs every hour (products
 * deleted outright) and after an admin change in this process. With CATALOG_CACHE_SECONDS=0 (the tests) the
 * index is read afresh for every listing.
 */

type Entry = {
  id: number;
  categoryId: number;
  /** 0 when the product has no brand. */
  brandId: number;
  cents: number;
  inStock: boolean;
  sold: number;
  created: number;
  /**
   * The product's spec values, as ids into CatalogIndex.values, at pool[from] to pool[to - 1]: its own values,
   * or its active variants' where they differ.
   */
  from: number;
  to: number;
  /** The name's search words as positions in CatalogIndex.dict (-1: not there), for ranking. */
  name: number[];
};

type SpecValue = { attributeId: number; key: string; text: string; num: number | null };
type Attribute = {
  code: string;
  name: string;
  nameKm: string | null;
  unit: string | null;
  dataType: string;
  position: number;
  filterable: boolean;
};
type Brand = { id: number; slug: string; name: string };

export type Facets = {
  brands: { slug: string; name: string; count: number }[];
  categories: { categoryId: number; count: number }[];
  priceBuckets: { min: number | null; max: number | null; count: number }[];
  inStockCount: number;
  specs: SpecFacet[];
};

/** One spec's filter: its values with product counts (numbers in numeric order, others most products first). */
type SpecFacet = {
  code: string;
  name: string;
  nameKm: string | null;
  unit: string | null;
  dataType: 'text' | 'number' | 'boolean';
  values: { value: string; num: number | null; count: number }[];
};

/** What a listing is limited to: a category subtree and/or the products a search found (id → relevance). */
export type Scope = { categoryIds?: number[]; ids?: Map<number, number> };

/** The most values one spec offers (the rest are rare: a search finds them). */
const MAX_VALUES = 60;

/** Price filter buckets, in dollars: lowest price ≥ min and < max. */
const BUCKETS: [number | null, number | null][] = [
  [null, 100],
  [100, 300],
  [300, 700],
  [700, 1200],
  [1200, 2000],
  [2000, null],
];

const BUCKET_CENTS = BUCKETS.map(([lo, hi]): [number, number] => [
  lo === null ? -Infinity : lo * 100,
  hi === null ? Infinity : hi * 100,
]);

type Order = ListingFilters['sort'] | 'related';
const COMPARE: Record<Exclude<Order, 'relevance'>, (a: Entry, b: Entry) => number> = {
  bestselling: (a, b) => b.sold - a.sold || b.id - a.id,
  price_asc: (a, b) => a.cents - b.cents || a.id - b.id,
  price_desc: (a, b) => b.cents - a.cents || b.id - a.id,
  newest: (a, b) => b.created - a.created || b.id - a.id,
  // "More like this": in stock first, then best sellers.
  related: (a, b) => Number(b.inStock) - Number(a.inStock) || b.sold - a.sold || b.id - a.id,
};

/** Spec values are matched as the database's collation compares them: without regard to case. */
const valueKey = (text: string) => text.trim().toLowerCase();

type Filter = { kind: 'brand' | 'price' | 'stock' | 'spec'; code?: string; test: (e: Entry) => boolean };

export class CatalogIndex {
  private entries = new Map<number, Entry>();
  /** The same entries by id (a sparse array: the fastest lookup for a walk over many ids). */
  private byId: (Entry | undefined)[] = [];
  private orderIds = new Map<Order, Int32Array>();
  /** Each product's category by id (0: none), for walking a category's products without reading the others. */
  private categoryOf = new Int32Array(1024);
  private maxCategoryId = 0;
  private values: SpecValue[] = [];
  /** Every product's value ids, back to back (one array: a typed array per product is several times slower). */
  private pool = new Int32Array(1 << 16);
  private poolUsed = 0;
  private valueIds = new Map<string, number>();
  private attributes = new Map<number, Attribute>();
  private brands = new Map<number, Brand>();
  private brandsBySlug = new Map<string, Brand>();
  private sorted = new Map<Order, Entry[]>();
  /** Search: every distinct word of the full load, sorted, with the ids of its products (ascending) back to back. */
  private dict: string[] = [];
  private postingStart = new Int32Array(1);
  private postings = new Int32Array(0);
  /** Words of the products loaded or changed since the full load (their dict entries are out of date). */
  private changedWords = new Map<number, Set<string>>();

  private relatedByCategory = new Map<number, Entry[]>();

  get size(): number {
    return this.entries.size;
  }

  setMeta(attributes: Map<number, Attribute>, brands: Brand[]): void {
    this.attributes = attributes;
    this.brands = new Map(brands.map((b) => [b.id, b]));
    this.brandsBySlug = new Map(brands.map((b) => [b.slug.toLowerCase(), b]));
  }

  private intern(attributeId: number, text: string, num: number | null): number {
    const key = valueKey(text);
    const k = `${attributeId}\u0000${key}`;
    let id = this.valueIds.get(k);
    if (id === undefined) {
      id = this.values.length;
      this.values.push({ attributeId, key, text, num });
      this.valueIds.set(k, id);
    } else {
      const v = this.values[id]!;
      if (num !== null && (v.num === null || num < v.num)) v.num = num;
    }
    return id;
  }

  /** The search dictionary of a full load (see search()), from each word's product ids. */
  private setWords(lists: Map<string, number[]>): void {
    this.dict = [...lists.keys()].sort();
    this.postingStart = new Int32Array(this.dict.length + 1);
    let total = 0;
    this.dict.forEach((w, i) => {
      this.postingStart[i] = total;
      total += lists.get(w)!.length;
    });
    this.postingStart[this.dict.length] = total;
    this.postings = new Int32Array(total);
    this.dict.forEach((w, i) => {
      this.postings.set(lists.get(w)!, this.postingStart[i]);
    });
    this.changedWords.clear();
  }

  /**
   * A full load, a slice of ids at a time (the process keeps answering in between, and never holds the
   * whole catalog's text at once): products and specs go in per slice, the words once all are read.
   */
  async loadAll(): Promise<void> {
    const [range] = await selectRows<{ lo: number | null; hi: number | null }>(
      sql`SELECT MIN(id) AS lo, MAX(id) AS hi FROM products`,
    );
    const lists = new Map<string, number[]>();
    const names = new Map<number, string[]>();
    const lo = Number(range?.lo ?? 1);
    const hi = Number(range?.hi ?? 0);
    for (let from = lo; from <= hi; from += LOAD_SLICE) {
      const slice = await loadProducts({ from, to: from + LOAD_SLICE - 1 });
      for (const p of slice.products) {
        names.set(p.id, p.name);
        for (const w of p.words) {
          const list = lists.get(w);
          // A word twice in one product (name and text) is listed once: its id is already last.
          if (!list) lists.set(w, [p.id]);
          else if (list[list.length - 1] !== p.id) list.push(p.id);
        }
      }
      this.put(slice);
    }
    this.setWords(lists);
    for (const e of this.entries.values()) e.name = (names.get(e.id) ?? []).map((w) => this.dictPosition(w));
  }

  /** Puts changed products (their words apart from the dict) and drops the ids given in `gone`. */
  apply(rows: LoadedProducts, gone: Iterable<number> = []): void {
    for (const id of gone) {
      this.entries.delete(id);
      this.byId[id] = undefined;
      if (id < this.categoryOf.length) this.categoryOf[id] = 0;
      this.changedWords.delete(id);
    }
    for (const p of rows.products) this.changedWords.set(p.id, new Set(p.words));
    this.put(rows);
  }

  /** Puts (or replaces) the products' entries. */
  private put(rows: LoadedProducts): void {
    for (const p of rows.products) {
      const own = rows.productSpecs.get(p.id) ?? [];
      const fromVariants = rows.variantSpecs.get(p.id) ?? [];
      // An attribute the variants set (RAM, storage) takes the variants' values instead of the product's.
      const variantAttrs = new Set(fromVariants.map((s) => s.attributeId));
      const ids = new Set<number>();
      for (const s of own) if (!variantAttrs.has(s.attributeId)) ids.add(this.intern(s.attributeId, s.text, s.num));
      for (const s of fromVariants) ids.add(this.intern(s.attributeId, s.text, s.num));
      // A changed product's values go to the end; the old slots stay unused until the next full load.
      if (this.poolUsed + ids.size > this.pool.length) {
        const bigger = new Int32Array(Math.max(this.pool.length * 2, this.poolUsed + ids.size));
        bigger.set(this.pool.subarray(0, this.poolUsed));
        this.pool = bigger;
      }
      const from = this.poolUsed;
      for (const id of ids) this.pool[this.poolUsed++] = id;
      // Written out, not spread: objects of one literal shape keep the pass over 100,000 of them ~100 times faster.
      this.entries.set(p.id, {
        id: p.id,
        categoryId: p.categoryId,
        brandId: p.brandId,
        cents: p.cents,
        inStock: p.inStock,
        sold: p.sold,
        created: p.created,
        from,
        to: this.poolUsed,
        name: p.name.map((w) => this.dictPosition(w)),
      });
      this.byId[p.id] = this.entries.get(p.id);
      if (p.id >= this.categoryOf.length) {
        const bigger = new Int32Array(Math.max(p.id + 1, this.categoryOf.length * 2));
        bigger.set(this.categoryOf);
        this.categoryOf = bigger;
      }
      this.categoryOf[p.id] = p.categoryId;
      if (p.categoryId > this.maxCategoryId) this.maxCategoryId = p.categoryId;
    }
    this.sorted.clear();
    this.orderIds.clear();
    this.relatedByCategory.clear();
  }

  /** The ids of all products in an order (walked as a typed array: no object reads for the products skipped). */
  private idsInOrder(order: Exclude<Order, 'relevance'>): Int32Array {
    let ids = this.orderIds.get(order);
    if (!ids) {
      ids = Int32Array.from(this.inOrder(order), (e) => e.id);
      this.orderIds.set(order, ids);
    }
    return ids;
  }

  private inOrder(order: Exclude<Order, 'relevance'>): Entry[] {
    let list = this.sorted.get(order);
    if (!list) {
      list = [...this.entries.values()].sort(COMPARE[order]);
      this.sorted.set(order, list);
    }
    return list;
  }

  /** Active products per category id. */
  countByCategory(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const e of this.entries.values()) counts.set(e.categoryId, (counts.get(e.categoryId) ?? 0) + 1);
    return counts;
  }

  /** The other active products of a category for "more like this": in stock first, best sellers first. */
  related(productId: number, categoryId: number, limit = 8): number[] {
    let top = this.relatedByCategory.get(categoryId);
    if (!top) {
      top = [];
      for (const e of this.inOrder('related')) if (e.categoryId === categoryId && top.push(e) > limit) break;
      this.relatedByCategory.set(categoryId, top);
    }
    return top
      .filter((e) => e.id !== productId)
      .slice(0, limit)
      .map((e) => e.id);
  }

  private filters(f: ListingFilters): Filter[] {
    const list: Filter[] = [];
    if (f.brands.length) {
      const ids = new Set(f.brands.map((slug) => this.brandsBySlug.get(slug)?.id).filter((id) => id !== undefined));
      list.push({ kind: 'brand', test: (e) => ids.has(e.brandId) });
    }
    if (f.minCents !== null || f.maxCents !== null) {
      const lo = f.minCents ?? -Infinity;
      const hi = f.maxCents ?? Infinity;
      list.push({ kind: 'price', test: (e) => e.cents >= lo && e.cents <= hi });
    }
    if (f.inStock) list.push({ kind: 'stock', test: (e) => e.inStock });
    // One filter per spec code, its chosen values and its range together: a product passes with any active
    // variant's value (or its own).
    const codes = new Set([...Object.keys(f.specs), ...Object.keys(f.ranges)]);
    for (const code of codes) {
      const chosen = f.specs[code] ? new Set(f.specs[code].map(valueKey)) : undefined;
      const range = f.ranges[code];
      const passes = new Uint8Array(this.values.length);
      const attrs = new Set([...this.attributes].filter(([, a]) => a.code === code).map(([id]) => id));
      const byText = new Uint8Array(this.values.length);
      const byRange = new Uint8Array(this.values.length);
      this.values.forEach((v, i) => {
        if (!attrs.has(v.attributeId)) return;
        if (!chosen || chosen.has(v.key)) byText[i] = 1;
        if (
          !range ||
          (v.num !== null && (range.min === null || v.num >= range.min) && (range.max === null || v.num <= range.max))
        )
          byRange[i] = 1;
        passes[i] = byText[i]! & byRange[i]!;
      });
      const pool = this.pool;
      const anyOf = (e: Entry, flags: Uint8Array) => {
        for (let j = e.from; j < e.to; j++) if (flags[pool[j]!] === 1) return true;
        return false;
      };
      // The chosen values and the range are separate conditions: each may be met by a different variant.
      const test =
        chosen && range ? (e: Entry) => anyOf(e, byText) && anyOf(e, byRange) : (e: Entry) => anyOf(e, passes);
      list.push({ kind: 'spec', code, test });
    }
    return list;
  }

  /** Reads these products again (their current state: changed, archived or deleted). */
  async reload(ids: number[]): Promise<void> {
    const loaded = await loadProducts(ids);
    const active = new Set(loaded.products.map((p) => p.id));
    this.apply(
      loaded,
      ids.filter((id) => !active.has(id)),
    );
  }

  /** The dict positions of the words a term accepts. */
  private termWords(term: QueryTerm): [number, number][] {
    const lowerBound = (w: string) => {
      let lo = 0;
      let hi = this.dict.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.dict[mid]! < w) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return term.map(({ word, prefix }) => {
      const from = lowerBound(word);
      if (!prefix) return [from, this.dict[from] === word ? from + 1 : from];
      return [from, lowerBound(`${word}\uffff`)];
    });
  }

  /** Whether a product with these words has one that a term accepts. */
  private static accepts(words: Set<string>, term: QueryTerm): boolean {
    for (const { word, prefix } of term) {
      if (!prefix) {
        if (words.has(word)) return true;
      } else for (const w of words) if (w.startsWith(word)) return true;
    }
    return false;
  }

  /** Where a word is in the dict, or -1. */
  private dictPosition(word: string): number {
    const [[from, to]] = this.termWords([{ word, prefix: false }]) as [[number, number]];
    return to > from ? from : -1;
  }

  /** The ids of the products holding the exact word (ascending), from the full load. */
  private postingOf(word: string): Int32Array {
    const [[from, to]] = this.termWords([{ word, prefix: false }]) as [[number, number]];
    return this.postings.subarray(this.postingStart[from]!, this.postingStart[to]!);
  }

  /**
   * The active products having every term of the query (see queryTerms), best first, at most `limit`, with
   * their relevance: each query word that the product holds weighs by its rarity (squared, as MariaDB's
   * full-text ranking does), a word of the name three times more.
   */
  search(q: string, opts: { asYouType?: boolean; limit: number }): Map<number, number> {
    const { terms, natural } = queryTerms(q, opts);
    if (!terms.length) return new Map();
    // Per product, how many terms it has met so far (terms in turn: a product counts for a term only once).
    const maxId = this.byId.length - 1;
    const met = new Uint8Array(maxId + 1);
    terms.forEach((term, k) => {
      for (const [a, b] of this.termWords(term))
        for (let i = this.postingStart[a]!; i < this.postingStart[b]!; i++) {
          const id = this.postings[i]!;
          if (met[id] === k) met[id] = k + 1;
        }
    });
    // Products changed since the full load answer by their own current words.
    for (const [id, words] of this.changedWords)
      if (id <= maxId) met[id] = terms.every((t) => CatalogIndex.accepts(words, t)) ? terms.length : 0;
    const weights = natural.map((w) => {
      const posting = this.postingOf(w);
      const idf = posting.length ? Math.log10(Math.max(this.entries.size, posting.length + 1) / posting.length) : 0;
      return { at: this.dictPosition(w), w, posting, weight: idf * idf || 0.01 };
    });
    // A word in the name counts as MariaDB's MATCH(name) × 3 + MATCH(name, text) did: four times per mention.
    const scoreOf = (levels: number) => {
      let score = 0;
      for (let i = weights.length - 1; i >= 0; i--, levels = Math.floor(levels / 8)) {
        const level = levels % 8;
        score += weights[i]!.weight * (level > 1 ? (level - 1) * 4 : level);
      }
      return score;
    };
    // Walked in best-seller order, so each score's products are already in the order ties are broken. A score
    // follows from how each query word is held (in the name n times: level n + 1, elsewhere only: 1, not: 0).
    const byLevels = new Map<number, { score: number; ids: number[] }>();
    for (const id of this.idsInOrder('bestselling')) {
      if (met[id] !== terms.length) continue;
      const e = this.byId[id]!;
      const changed = this.changedWords.get(id);
      let levels = 0;
      for (const { at, w, posting } of weights) {
        let inName = 0;
        if (at >= 0) for (const x of e.name) if (x === at) inName++;
        const held = inName > 0 || (changed ? changed.has(w) : binaryHas(posting, id));
        levels = levels * 8 + (inName ? Math.min(inName, 6) + 1 : held ? 1 : 0);
      }
      const group = byLevels.get(levels);
      if (group) group.ids.push(e.id);
      else byLevels.set(levels, { score: scoreOf(levels), ids: [e.id] });
    }
    const out = new Map<number, number>();
    for (const { score, ids } of [...byLevels.values()].sort((a, b) => b.score - a.score))
      for (const id of ids) {
        if (out.size >= opts.limit) return out;
        out.set(id, score);
      }
    return out;
  }

  /**
   * One page of a listing with its total and filter counts, in one pass over the candidates. Each filter's
   * own counts ignore that filter (so other brands stay offered when one is ticked): a product failing
   * exactly one filter counts for that filter's options only.
   */
  listing(f: ListingFilters, scope: Scope, pageSize: number): { ids: number[]; total: number; facets: Facets } {
    const filters = this.filters(f);
    const inCategory = scope.categoryIds ? new Set(scope.categoryIds) : undefined;
    let maxBrand = 0;
    for (const id of this.brands.keys()) if (id > maxBrand) maxBrand = id;
    const brandCounts = new Int32Array(maxBrand + 1);
    const categoryCounts = new Int32Array(this.maxCategoryId + 1);
    const bucketCounts = BUCKETS.map(() => 0);
    const valueCounts = new Int32Array(this.values.length);
    const pool = this.pool;
    const codeOfValue = this.values.map((v) => this.attributes.get(v.attributeId)?.code);
    let inStockCount = 0;
    const matched: Entry[] = [];
    const bucketOf = (cents: number) => {
      for (let b = 0; b < BUCKET_CENTS.length; b++)
        if (cents >= BUCKET_CENTS[b]![0] && cents < BUCKET_CENTS[b]![1]) return b;
      return -1;
    };

    const candidates: Entry[] = [];
    if (scope.ids) {
      for (const id of scope.ids.keys()) {
        const e = this.byId[id];
        if (e) candidates.push(e);
      }
    } else if (inCategory) {
      // The ids in order and each id's category are typed arrays: only the category's own products are read.
      const wanted = new Uint8Array(this.maxCategoryId + 1);
      for (const id of inCategory) if (id < wanted.length) wanted[id] = 1;
      for (const id of this.idsInOrder(f.sort === 'relevance' ? 'bestselling' : f.sort))
        if (wanted[this.categoryOf[id]!] === 1) candidates.push(this.byId[id]!);
    } else candidates.push(...this.inOrder(f.sort === 'relevance' ? 'bestselling' : f.sort));

    for (const e of candidates) {
      if (inCategory && !inCategory.has(e.categoryId)) continue;
      let failed = -1;
      for (let i = 0; i < filters.length; i++) {
        if (filters[i]!.test(e)) continue;
        if (failed !== -1) {
          failed = -2;
          break;
        }
        failed = i;
      }
      if (failed === -2) continue;
      const only = failed === -1 ? undefined : filters[failed]!;
      if (!only) {
        matched.push(e);
        categoryCounts[e.categoryId]!++;
        if (e.inStock) inStockCount++;
      }
      if ((!only || only.kind === 'brand') && e.brandId) if (e.brandId < brandCounts.length) brandCounts[e.brandId]!++;
      if (!only || only.kind === 'price') {
        const b = bucketOf(e.cents);
        if (b >= 0) bucketCounts[b]!++;
      }
      if (!only) for (let j = e.from; j < e.to; j++) valueCounts[pool[j]!]!++;
      else if (only.kind === 'spec')
        for (let j = e.from; j < e.to; j++) if (codeOfValue[pool[j]!] === only.code) valueCounts[pool[j]!]!++;
    }

    if (scope.ids) {
      const score = scope.ids;
      matched.sort(
        f.sort === 'relevance'
          ? (a, b) => score.get(b.id)! - score.get(a.id)! || b.sold - a.sold || b.id - a.id
          : COMPARE[f.sort],
      );
    }
    const offset = (f.page - 1) * pageSize;
    return {
      ids: matched.slice(offset, offset + pageSize).map((e) => e.id),
      total: matched.length,
      facets: {
        brands: this.brandFacet(f, nonZero(brandCounts)),
        categories: [...nonZero(categoryCounts)].map(([categoryId, count]) => ({ categoryId, count })),
        priceBuckets: BUCKETS.map(([min, max], i) => ({ min, max, count: bucketCounts[i]! })),
        inStockCount,
        specs: this.specFacets(valueCounts),
      },
    };
  }

  private brandFacet(f: ListingFilters, counts: Map<number, number>): Facets['brands'] {
    const shown = [...counts]
      .map(([id, count]) => ({ brand: this.brands.get(id), count }))
      .filter((b): b is { brand: Brand; count: number } => b.brand !== undefined)
      .map(({ brand, count }) => ({ slug: brand.slug, name: brand.name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    // A chosen brand with nothing left under the other filters still shows (0), checked, to untick.
    const chosenEmpty = f.brands
      .map((slug) => this.brandsBySlug.get(slug))
      .filter((b): b is Brand => b !== undefined && !counts.has(b.id))
      .map((b) => ({ slug: b.slug, name: b.name, count: 0 }));
    return shown.concat(chosenEmpty);
  }

  private specFacets(valueCounts: Int32Array): Facets['specs'] {
    const byCode = new Map<string, SpecFacet & { position: number; keys: Map<string, number> }>();
    valueCounts.forEach((count, i) => {
      if (!count) return;
      const v = this.values[i]!;
      const a = this.attributes.get(v.attributeId);
      if (!a?.filterable) return;
      let g = byCode.get(a.code);
      if (!g) {
        const dataType = a.dataType === 'number' || a.dataType === 'boolean' ? a.dataType : 'text';
        g = { ...a, dataType, values: [], keys: new Map() };
        byCode.set(a.code, g);
      }
      const at = g.keys.get(v.key);
      if (at === undefined) {
        g.keys.set(v.key, g.values.length);
        g.values.push({ value: v.text, num: v.num, count });
      } else g.values[at]!.count += count;
    });
    return [...byCode.values()]
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((g) => ({
        code: g.code,
        name: g.name,
        nameKm: g.nameKm,
        unit: g.unit,
        dataType: g.dataType,
        values: g.values
          .sort((a, b) =>
            g.dataType === 'number'
              ? (a.num ?? 0) - (b.num ?? 0) || a.value.localeCompare(b.value)
              : b.count - a.count || a.value.localeCompare(b.value, undefined, { numeric: true }),
          )
          .slice(0, MAX_VALUES),
      }));
  }
}

/** The non-zero counts of an array indexed by id. */
function nonZero(counts: Int32Array): Map<number, number> {
  const out = new Map<number, number>();
  counts.forEach((n, id) => {
    if (n) out.set(id, n);
  });
  return out;
}

function binaryHas(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] === id;
}

type SpecRow = { attributeId: number; text: string; num: number | null };
type LoadedProducts = {
  products: (Omit<Entry, 'from' | 'to' | 'name'> & { name: string[]; words: string[] })[];
  productSpecs: Map<number, SpecRow[]>;
  variantSpecs: Map<number, SpecRow[]>;
};

function groupSpecs(rows: { p: number; a: number; t: string; n: string | null }[]): Map<number, SpecRow[]> {
  const out = new Map<number, SpecRow[]>();
  for (const r of rows) {
    const p = Number(r.p);
    const list = out.get(p) ?? [];
    if (!list.length) out.set(p, list);
    list.push({ attributeId: Number(r.a), text: r.t, num: r.n === null ? null : Number(r.n) });
  }
  return out;
}

/** The active products among `ids` (all of them when omitted), with their spec values. */
/** Products read per query in a full load. */
const LOAD_SLICE = 5000;

async function loadProducts(which: number[] | { from: number; to: number }): Promise<LoadedProducts> {
  if (Array.isArray(which) && !which.length) return { products: [], productSpecs: new Map(), variantSpecs: new Map() };
  const only = (col: string) =>
    Array.isArray(which)
      ? sql`AND ${sql.raw(col)} IN (${idList(which)})`
      : sql`AND ${sql.raw(col)} BETWEEN ${which.from} AND ${which.to}`;
  const [products, own, fromVariants] = await Promise.all([
    selectRows<{
      id: number;
      categoryId: number;
      brandId: number | null;
      minPrice: string;
      inStock: number;
      sold: number;
      created: Date;
      searchName: string;
      searchText: string;
    }>(sql`SELECT id, category_id AS categoryId, brand_id AS brandId, min_price AS minPrice, in_stock AS inStock,
        sold_count AS sold, created_at AS created, search_name AS searchName, search_text AS searchText
      FROM products WHERE status = 'active' ${only('id')} ORDER BY id`),
    selectRows<{ p: number; a: number; t: string; n: string | null }>(
      sql`SELECT product_id AS p, attribute_id AS a, value_text AS t, value_number AS n FROM product_specs
        WHERE TRUE ${only('product_id')}`,
    ),
    selectRows<{ p: number; a: number; t: string; n: string | null }>(
      sql`SELECT v.product_id AS p, vs.attribute_id AS a, vs.value_text AS t, vs.value_number AS n
        FROM variants v STRAIGHT_JOIN variant_specs vs ON vs.variant_id = v.id AND v.is_active = 1
        WHERE TRUE ${only('v.product_id')}`,
    ),
  ]);
  return {
    products: products.map((p) => ({
      id: Number(p.id),
      categoryId: Number(p.categoryId),
      brandId: Number(p.brandId ?? 0),
      cents: toCents(p.minPrice),
      inStock: Number(p.inStock) === 1,
      sold: Number(p.sold),
      created: new Date(p.created).getTime(),
      // The search words as refreshSearchColumns wrote them (src/domain/search-words.ts), space-separated.
      name: p.searchName.split(' ').filter(Boolean),
      words: `${p.searchName} ${p.searchText}`.split(' ').filter(Boolean),
    })),
    productSpecs: groupSpecs(own),
    variantSpecs: groupSpecs(fromVariants),
  };
}

/** Spec attributes and brands: small tables, read again at every refresh. */
async function loadMeta(index: CatalogIndex): Promise<void> {
  const [attrs, brands] = await Promise.all([
    selectRows<{
      id: number;
      code: string;
      name: string;
      nameKm: string | null;
      unit: string | null;
      dataType: string;
      position: number;
      filterable: number;
    }>(sql`SELECT id, code, name, name_km AS nameKm, unit, data_type AS dataType, position, filterable
      FROM spec_attributes`),
    selectRows<Brand>(sql`SELECT id, slug, name FROM brands`),
  ]);
  index.setMeta(
    new Map(
      attrs.map((a) => [
        Number(a.id),
        {
          code: a.code,
          name: a.name,
          nameKm: a.nameKm,
          unit: a.unit,
          dataType: a.dataType,
          position: Number(a.position),
          filterable: Number(a.filterable) === 1,
        },
      ]),
    ),
    brands.map((b) => ({ ...b, id: Number(b.id) })),
  );
}

/** How often a process looks for changed products, and how far back (a transaction may commit late). */
const POLL_MS = 1000;
const LOOK_BACK_MS = 10_000;
const FULL_RELOAD_MS = 60 * 60_000;

type Listener = (changedIds: number[]) => void;
const listeners: Listener[] = [];

/** Called with the ids of products the index found changed (by any process): drop what was cached for them. */
export function onCatalogChange(listener: Listener): void {
  listeners.push(listener);
}

let current: { index: CatalogIndex; builtAt: number; since: Date } | undefined;
let building: Promise<CatalogIndex> | undefined;
let polling: Promise<void> | undefined;
let pollSoon = false;
/** Per product, the change already taken in (the look-back finds each change again for a few seconds). */
const seen = new Map<number, number>();

async function dbNow(): Promise<Date> {
  const [row] = await selectRows<{ now: Date }>(sql`SELECT NOW(3) AS now`);
  return new Date(row!.now);
}

/** The products changed (by any process) since a time of the database's clock. */
export function changedSince(since: Date): Promise<{ id: number; changedAt: Date }[]> {
  return selectRows<{ id: number; changedAt: Date }>(
    sql`SELECT id, changed_at AS changedAt FROM products WHERE changed_at >= ${since}`,
  );
}

/** A full load of the index from the database. */
export async function loadCatalogIndex(): Promise<CatalogIndex> {
  const index = new CatalogIndex();
  await loadMeta(index);
  await index.loadAll();
  return index;
}

async function build(): Promise<CatalogIndex> {
  const since = await dbNow();
  const index = await loadCatalogIndex();
  if (config.CATALOG_CACHE_SECONDS > 0) {
    current = { index, builtAt: Date.now(), since };
    seen.clear();
    // From now on the process looks every second, whether or not anyone reads the index (cached pages don't).
    if (!pollTimer)
      pollTimer = setInterval(() => {
        const state = current;
        if (!state) return;
        if (Date.now() - state.builtAt > FULL_RELOAD_MS) void rebuild().catch(() => undefined);
        else void startPoll(state).catch(() => undefined);
      }, POLL_MS).unref();
  }
  return index;
}

let pollTimer: NodeJS.Timeout | undefined;

function rebuild(): Promise<CatalogIndex> {
  building ??= build().finally(() => {
    building = undefined;
  });
  return building;
}

async function poll(state: NonNullable<typeof current>): Promise<void> {
  const now = await dbNow();
  const changed = await changedSince(new Date(state.since.getTime() - LOOK_BACK_MS));
  await loadMeta(state.index);
  const fresh = changed.filter((c) => seen.get(Number(c.id)) !== new Date(c.changedAt).getTime());
  if (fresh.length) {
    const ids = fresh.map((c) => Number(c.id));
    await state.index.reload(ids);
    for (const c of fresh) seen.set(Number(c.id), new Date(c.changedAt).getTime());
    for (const listener of listeners) listener(ids);
  }
  // Changes older than the look-back window are not found again: forget them.
  const inWindow = new Set(changed.map((c) => Number(c.id)));
  for (const id of seen.keys()) if (!inWindow.has(id)) seen.delete(id);
  state.since = now;
}

function startPoll(state: NonNullable<typeof current>): Promise<void> {
  polling ??= poll(state).finally(() => {
    polling = undefined;
  });
  return polling;
}

/**
 * This process's catalog index, fresh to within about a second. A refresh runs in the background while
 * requests keep using the index they have; only the first request of a process waits for the full load.
 */
export async function catalogIndex(): Promise<CatalogIndex> {
  if (config.CATALOG_CACHE_SECONDS <= 0) return build();
  const state = current;
  if (!state) return rebuild();
  if (pollSoon) {
    // After a change made here the next reader waits for a look that starts after it.
    pollSoon = false;
    await polling?.catch(() => undefined);
    await startPoll(state).catch(() => undefined);
  }
  return state.index;
}

/**
 * Whether this process can answer catalog pages without first loading the whole index (seconds on a big
 * catalog): /readyz says "not yet" until then, so a load balancer sends no visitor to a process still loading.
 */
export function catalogIndexReady(): boolean {
  return config.CATALOG_CACHE_SECONDS <= 0 || current !== undefined;
}

/** After an admin change in this process: the next listing reads the changed products first. */
export function refreshCatalogIndexSoon(): void {
  pollSoon = true;
}
