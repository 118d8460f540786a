import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';

// InnoDB's default full-text stopwords: a required (+) stopword would match nothing.
const STOPWORDS = new Set(
  (
    'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where ' +
    'who will with und www'
  ).split(' '),
);
/** InnoDB indexes tokens of at least 3 characters (innodb_ft_min_token_size). */
const MIN_TOKEN = 3;
/** Results beyond the best this many are not listed; keeps every search bounded on a big catalog. */
const MAX_CANDIDATES = 5000;

function tokenize(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10);
}

/**
 * The products matching a search, with a relevance score, found once per search and then used as
 * a fixed id list by the listing and facet queries:
 * - an exact SKU or barcode puts its product first;
 * - every word of 3+ characters must match name, brand, category, SKUs, specs or description
 *   (products_search_ft), and may be a prefix ("gam" finds "gaming"); name matches weigh triple;
 * - words shorter than the index can hold ("i7", "16") must appear in the name or search text.
 */
export async function searchCandidates(q: string): Promise<Map<number, number>> {
  const tokens = tokenize(q);
  const long = tokens.filter((t) => t.length >= MIN_TOKEN && !STOPWORDS.has(t));
  const short = tokens.filter((t) => t.length < MIN_TOKEN);
  const scores = new Map<number, number>();
  const exact = await selectRows<{
    id: number;
  }>(sql`SELECT DISTINCT v.product_id AS id FROM variants v JOIN products p ON p.id = v.product_id
    WHERE p.status = 'active' AND (v.sku = ${q.trim()} OR v.barcode = ${q.trim()}) LIMIT 20`);
  for (const r of exact) scores.set(Number(r.id), 1000);
  const shortConds = short.map((t) => sql`AND (p.name LIKE ${`%${t}%`} OR p.search_text LIKE ${`%${t}%`})`);
  let rows: { id: number; score: number }[] = [];
  if (long.length) {
    const boolean = long.map((t) => `+${t.replace(/[+\-<>()~*"@]/g, '')}*`).join(' ');
    const natural = long.join(' ');
    rows = await selectRows(sql`SELECT p.id,
        MATCH(p.search_name) AGAINST(${natural}) * 3 + MATCH(p.search_name, p.search_text) AGAINST(${natural}) AS score
      FROM products p WHERE MATCH(p.search_name, p.search_text) AGAINST(${boolean} IN BOOLEAN MODE)
        AND p.status = 'active' ${sql.join(shortConds, sql` `)}
      ORDER BY score DESC LIMIT ${MAX_CANDIDATES}`);
  } else if (short.length) {
    rows = await selectRows(sql`SELECT p.id, (p.name LIKE ${`${q.trim()}%`}) AS score FROM products p
      WHERE p.status = 'active' ${sql.join(shortConds, sql` `)}
      ORDER BY score DESC, p.sold_count DESC LIMIT ${MAX_CANDIDATES}`);
  }
  for (const r of rows) if (!scores.has(Number(r.id))) scores.set(Number(r.id), Number(r.score));
  return scores;
}
