import path from 'node:path';
import { fileURLToPath } from 'node:url';

// src/config and dist/config are both two levels below the project root.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VIEWS_DIR = path.join(ROOT, 'views');
export const PUBLIC_DIR = path.join(ROOT, 'public');
export const LOCALES_DIR = path.join(ROOT, 'locales');
export const MIGRATIONS_DIR = path.join(ROOT, 'drizzle');
