import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { sql } from 'drizzle-orm';
import { db } from '../../db/client.js';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', allow.visitor, (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', allow.visitor, async (req, res) => {
    try {
      await db.execute(sql`SELECT 1`);
      res.json({ status: 'ok', database: 'up' });
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });
  return router;
}
