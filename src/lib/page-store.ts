import { config } from '../config/env.js';
import { TtlCache } from './cache.js';

/** Whole storefront pages for visitors without a session (see middleware/page-cache.ts). */
export const cachedPages = new TtlCache<{ body: string; type: string; track: unknown }>(
  config.CATALOG_CACHE_SECONDS * 1000,
  5000,
);

/** Query parameters a catalog page understands (filters, sort, page, variant, search). */
const KNOWN_PARAM = /^(?:q|brand|min|max|instock|sort|page|v|exact|s_[a-z0-9_]{1,40}|r_[a-z0-9_]{1,40}_(?:min|max))$/;

/**
 * Whether a catalog URL may be kept in a cache: short, and asking only what a catalog page reads. Anything
 * else (padding, made-up parameters) is rendered each time, so nobody can fill the caches with junk keys.
 */
export function cacheableUrl(url: string): boolean {
  if (url.length > 400) return false;
  const at = url.indexOf('?');
  if (at < 0) return true;
  for (const key of new URLSearchParams(url.slice(at + 1)).keys()) if (!KNOWN_PARAM.test(key)) return false;
  return true;
}

/** Rendered catalog page contents, shared by readers of one kind (see middleware/layout.ts). */
export const cachedBodies = new TtlCache<string>(config.CATALOG_CACHE_SECONDS * 1000, 5000);

/** After a catalog change: every cached page may show old prices or stock. */
export function clearPageCache(): void {
  cachedPages.clear();
  cachedBodies.clear();
}
