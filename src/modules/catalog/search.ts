import { sql } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { selectRows } from '../../db/util.js';
import { buildVocabulary, correctQuery, type Vocabulary } from '../../domain/search-words.js';
import { TtlCache } from '../../lib/cache.js';
import { type CatalogIndex, catalogIndex } from './catalog-index.js';

/** Results beyond the best this many are not listed; keeps every search bounded on a big catalog. */
const MAX_CANDIDATES = 5000;
/** Product names the typo vocabulary is built from: the best sellers first, enough for any real catalog. */
const VOCABULARY_NAMES = 20_000;

/**
 * The products matching a search, with a relevance score, found once per search and then used as
 * a fixed id list by the listing:
 * - an exact SKU or barcode puts its product first;
 * - every word must match the product's search words (name, brand, categories, SKUs, specs, descriptions,
 *   in English and Khmer: see src/domain/search-words.ts) in the catalog index's word list, never a scan;
 *   longer words may be a prefix ("gam" finds "gaming"); name matches weigh triple.
 * `asYouType` treats the last word as unfinished (the search box's suggestions); `limit` caps the list.
 */
export async function searchCandidates(
  q: string,
  opts: { asYouType?: boolean; limit?: number; index?: CatalogIndex } = {},
): Promise<Map<number, number>> {
  const limit = Math.min(opts.limit ?? MAX_CANDIDATES, MAX_CANDIDATES);
  const scores = new Map<number, number>();
  const code = q.trim();
  if (code.length >= 3 && code.length <= 64) {
    const exact = await selectRows<{ id: number }>(sql`SELECT DISTINCT v.product_id AS id FROM variants v
      JOIN products p ON p.id = v.product_id
      WHERE p.status = 'active' AND (v.sku = ${code} OR v.barcode = ${code}) LIMIT 20`);
    for (const r of exact) scores.set(Number(r.id), 1000);
  }
  if (scores.size >= limit) return scores;
  const index = opts.index ?? (await catalogIndex());
  for (const [id, score] of index.search(q, { asYouType: opts.asYouType, limit }))
    if (!scores.has(id)) scores.set(id, score);
  return scores;
}

// Rebuilt every few minutes (or per request when the catalog cache is off, as in tests).
const vocabularyCache = new TtlCache<Vocabulary>(config.CATALOG_CACHE_SECONDS * 10_000, 1);

/** The words a customer may mean: active products' names, brands, categories and product types. */
function loadVocabulary(): Promise<Vocabulary> {
  return vocabularyCache.get('words', async () => {
    const rows = await selectRows<{ name: string }>(sql`
      (SELECT name FROM products WHERE status = 'active' ORDER BY sold_count DESC LIMIT ${VOCABULARY_NAMES})
      UNION ALL SELECT name FROM brands
      UNION ALL SELECT name FROM categories WHERE is_active = 1
      UNION ALL SELECT name FROM product_types`);
    return buildVocabulary(rows.map((r) => r.name));
  });
}

/** The query with its misspelt words corrected ("vivobok" → "vivobook"), or undefined when none is. */
export async function spellingFix(q: string): Promise<string | undefined> {
  return correctQuery(q, await loadVocabulary());
}
