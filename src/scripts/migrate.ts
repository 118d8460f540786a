import { config } from '../config/env.js';
import { migrateDatabase } from '../db/migrate.js';

const started = Date.now();
await migrateDatabase(config.DATABASE_URL);
console.log(`Migrations applied to ${new URL(config.DATABASE_URL).pathname.slice(1)} in ${Date.now() - started} ms`);
