import { Router } from 'express';

/** /admin/inventory — stock by variant, adjustments with a reason, movement history, low stock. */
export function inventoryRoutes(): Router {
  return Router();
}
