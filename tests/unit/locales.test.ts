import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Dict = { [k: string]: string | Dict };
const keys = (d: Dict, prefix = ''): string[] =>
  Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
const load = (locale: string) =>
  fs
    .readdirSync(path.join('locales', locale))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => keys(JSON.parse(fs.readFileSync(path.join('locales', locale, f), 'utf8')) as Dict));

/** Every locale's values by key, all files merged. */
const values = (locale: string): Map<string, string> => {
  const flat = (d: Dict, prefix = ''): [string, string][] =>
    Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v]] : flat(v, `${prefix}${k}.`)));
  return new Map(
    fs
      .readdirSync(path.join('locales', locale))
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => flat(JSON.parse(fs.readFileSync(path.join('locales', locale, f), 'utf8')) as Dict)),
  );
};

/** Codes and names that read the same in Khmer: the shop's brand, SKU, VAT, KHQR. Nothing else may stay English. */
const SAME_IN_KHMER = new Set([
  'shop.name',
  'catalog.sku',
  'reports.col.sku',
  'reports.col.vat',
  'adminOrders.methods.khqr',
  'pos.methods.khqr',
]);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('no Khmer value is the English one left untranslated, except the listed codes and names', () => {
    const en = values('en');
    const same = [...values('km')].filter(([k, v]) => v === en.get(k) && !SAME_IN_KHMER.has(k)).map(([k]) => k);
    expect(same).toEqual([]);
  });
  it('every Khmer value is written in Khmer script (codes and names listed above aside)', () => {
    const noKhmer = [...values('km')]
      .filter(([k, v]) => !SAME_IN_KHMER.has(k) && v.replace(/\{\{[^}]*\}\}/g, '').trim() && !/[\u1780-\u17FF]/.test(v))
      .map(([k, v]) => `${k}: ${v}`);
    expect(noKhmer).toEqual([]);
  });
  it('Khmer values take the same {{placeholders}} as the English ones', () => {
    const en = values('en');
    const differ = [...values('km')]
      .filter(([k, v]) => en.has(k) && placeholders(v).join() !== placeholders(en.get(k)!).join())
      .map(([k, v]) => `${k}: ${en.get(k)} | ${v}`);
    expect(differ).toEqual([]);
  });
  it('Khmer has every English key and no extra one', () => {
    expect(new Set(load('km'))).toEqual(new Set(load('en')));
  });
  it('the two languages use the same file names', () => {
    expect(fs.readdirSync('locales/km').sort()).toEqual(fs.readdirSync('locales/en').sort());
  });
});
