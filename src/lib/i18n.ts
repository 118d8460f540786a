import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { LOCALES_DIR } from '../config/paths.js';
import { LOCALES, type Locale } from '../db/schema.js';

function loadDictionary(locale: Locale): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Record<string, unknown>;
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

export { LOCALES, type Locale };
