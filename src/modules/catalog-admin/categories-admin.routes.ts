import { Router } from 'express';

/** /admin/categories — owned by the catalog-admin work. */
export function categoriesAdminRoutes(): Router {
  return Router();
}
