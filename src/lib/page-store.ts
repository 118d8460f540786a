import { config } from '../config/env.js';
import { TtlCache } from './cache.js';

/** Whole storefront pages for visitors without a session (see middleware/page-cache.ts). */
export const cachedPages = new TtlCache<{ body: string; type: string; track: unknown }>(
  config.CATALOG_CACHE_SECONDS * 1000,
  5000,
);

/** Rendered catalog page contents, shared by readers of one kind (see middleware/layout.ts). */
export const cachedBodies = new TtlCache<string>(config.CATALOG_CACHE_SECONDS * 1000, 5000);

/** After a catalog change: every cached page may show old prices or stock. */
export function clearPageCache(): void {
  cachedPages.clear();
  cachedBodies.clear();
}
