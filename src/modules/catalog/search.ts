import { sql, type SQL } from 'drizzle-orm';

// InnoDB's default full-text stopwords: a required (+) stopword would match nothing.
const STOPWORDS = new Set('a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(' '));
/** InnoDB indexes tokens of at least 3 characters (innodb_ft_min_token_size). */
const MIN_TOKEN = 3;

export type SearchPlan = {
  /** WHERE condition for products aliased `p`. */
  where: SQL;
  /** Relevance score expression (higher first). */
  score: SQL;
};

export function tokenize(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10);
}

/**
 * Full-text search over name, brand, SKUs, specs and description (the products_search_ft index).
 * Every token of 3+ characters is required and may be a prefix ("gam" finds "gaming").
 * Shorter tokens ("i7", "16") cannot be in the index, so they must appear in the name or search text.
 * An exact SKU or barcode puts its product first.
 */
export function planSearch(q: string): SearchPlan {
  const tokens = tokenize(q);
  const long = tokens.filter((t) => t.length >= MIN_TOKEN && !STOPWORDS.has(t));
  const short = tokens.filter((t) => t.length < MIN_TOKEN);
  const boolean = long.map((t) => `+${t.replace(/[+\-<>()~*"@]/g, '')}*`).join(' ');
  const natural = long.join(' ');
  const conditions: SQL[] = [];
  if (long.length) conditions.push(sql`MATCH(p.name, p.search_text) AGAINST(${boolean} IN BOOLEAN MODE)`);
  for (const t of short) conditions.push(sql`(p.name LIKE ${`%${t}%`} OR p.search_text LIKE ${`%${t}%`})`);
  const skuMatch = sql`EXISTS (SELECT 1 FROM variants sv WHERE sv.product_id = p.id AND (sv.sku = ${q} OR sv.barcode = ${q}))`;
  const where = conditions.length ? sql`((${sql.join(conditions, sql` AND `)}) OR ${skuMatch})` : skuMatch;
  const score = long.length
    ? sql`(${skuMatch}) * 1000 + MATCH(p.name) AGAINST(${natural}) * 3 + MATCH(p.name, p.search_text) AGAINST(${natural})`
    : sql`(${skuMatch}) * 1000 + (p.name LIKE ${`${q}%`})`;
  return { where, score };
}
