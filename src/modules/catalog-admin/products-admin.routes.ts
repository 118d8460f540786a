import { Router } from 'express';

/** /admin/products — list, create, edit, variants, specs, images. */
export function productsAdminRoutes(): Router {
  return Router();
}
