import { closeDb } from '../db/client.js';
import { seedDemoShop } from '../db/seed/index.js';
import { parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const started = Date.now();
try {
  const summary = await seedDemoShop({
    products: args.products === undefined ? undefined : Number(args.products),
    // 90 days of demo orders, payments and traffic, unless `--no-history`.
    history: args['no-history'] === undefined,
  });
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
} finally {
  await closeDb();
}
