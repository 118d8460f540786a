import { Router } from 'express';

/** Storefront catalog: home, category listings, search, product pages, sitemap. */
export function catalogRoutes(): Router {
  const r = Router();
  return r;
}
