import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { catalogIndexReady } from '../catalog/catalog-index.js';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', allow.visitor, (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready: the database answers and the catalog index is loaded (until then a listing would wait for it).
  router.get('/readyz', allow.visitor, async (req, res) => {
    try {
      await db.execute(sql`SELECT 1`);
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'down' });
      return;
    }
    if (!catalogIndexReady()) {
      res.status(503).json({ status: 'starting', database: 'up', catalog: 'loading' });
      return;
    }
    res.json({ status: 'ok', database: 'up' });
  });
  return router;
}
