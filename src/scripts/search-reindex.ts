/**
 * Recomputes the search words (search_name, search_text) of every product, in batches by id: after a
 * change to src/domain/search-words.ts, or once after migration 0010 (which copies the raw name).
 *   npm run search:reindex [-- --batch 500]
 */
import { sql } from 'drizzle-orm';
import { closeDb, db } from '../db/client.js';
import { selectRows } from '../db/util.js';
import { refreshSearchColumns } from '../modules/catalog/product-summary.service.js';
import { parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const batch = Number(args.batch ?? 500);
if (!Number.isInteger(batch) || batch < 1 || batch > 5000) {
  console.error('--batch must be a whole number from 1 to 5000');
  process.exit(1);
}
const started = Date.now();
let done = 0;
try {
  for (let after = 0; ; ) {
    const ids = (
      await selectRows<{ id: number }>(sql`SELECT id FROM products WHERE id > ${after} ORDER BY id LIMIT ${batch}`, db)
    ).map((r) => Number(r.id));
    if (!ids.length) break;
    await refreshSearchColumns(ids, db);
    done += ids.length;
    after = ids[ids.length - 1]!;
  }
  console.log(`Re-indexed the search words of ${done} products in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await closeDb();
}
