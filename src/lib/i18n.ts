import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { LOCALES_DIR } from '../config/paths.js';
import { LOCALES, type Locale } from '../db/schema.js';

type Dict = Record<string, unknown>;

function deepMerge(target: Dict, source: Dict): Dict {
  for (const [k, v] of Object.entries(source)) {
    target[k] = v && typeof v === 'object' && !Array.isArray(v) ? deepMerge((target[k] as Dict) ?? {}, v as Dict) : v;
  }
  return target;
}

/** Every locales/<locale>/*.json file, merged: each feature keeps its strings in its own file. */
function loadDictionary(locale: Locale): Dict {
  const dir = path.join(LOCALES_DIR, locale);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .reduce<Dict>((acc, f) => deepMerge(acc, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Dict), {});
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: loadDictionary(l) }])),
  interpolation: { escapeValue: false }, // EJS escapes on output
  returnNull: false,
});

export type Translate = TFunction;

export function translator(locale: Locale): Translate {
  return instance.getFixedT(locale);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type { Locale };
