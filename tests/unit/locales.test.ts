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

describe('dictionaries', () => {
  it('Khmer has every English key and no extra one', () => {
    expect(new Set(load('km'))).toEqual(new Set(load('en')));
  });
  it('the two languages use the same file names', () => {
    expect(fs.readdirSync('locales/km').sort()).toEqual(fs.readdirSync('locales/en').sort());
  });
});
