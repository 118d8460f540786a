import { describe, expect, it } from 'vitest';
import {
  queryTerms,
  buildVocabulary,
  correctQuery,
  editDistance,
  indexWords,
  productSearchColumns,
  queryWords,
  textMatches,
} from '../../src/domain/search-words.js';

const COENG = '\u17D2';

describe('indexWords — Khmer', () => {
  it('cuts a Khmer run into words and keeps the coeng and vowel signs inside them', () => {
    expect(indexWords('កុំព្យូទ័រយួរដៃ')).toEqual(['កុំព្យូទ័រ', 'យួរដៃ']);
    const words = indexWords('ស្រីពេជ្រ');
    expect(words).toEqual(['ស្រីពេជ្រ']);
    expect(words[0]).toContain(COENG); // ស្រ: SA + coeng + RO
    expect(words[0]).toContain('\u17B8'); // vowel sign II
  });

  it('never turns a Khmer word into its single letters (the old tokeniser split on every mark)', () => {
    for (const w of indexWords('ជ័រ សេរី ពពក ស្រីពេជ្រ')) expect([...w].length).toBeGreaterThanOrEqual(3);
    expect(indexWords('ជ័រ សេរី ពពក')).toEqual(['ជ័រ', 'សេរី', 'ពពក']);
  });

  it('writes a word shorter than the index holds (2 code points) with the w_ prefix', () => {
    expect(indexWords('ដៃកាន់ហ្គេម')).toEqual(['w_ដៃ', 'កាន់', 'ហ្គេម']);
  });

  it('reads subscript TA and DA alike, and Khmer digits as digits', () => {
    expect(indexWords('ក្តារចុច')).toEqual(indexWords('ក្ដារចុច'));
    expect(indexWords('RAM ១៦GB')).toEqual(indexWords('RAM 16GB'));
  });

  it('mixes Khmer and Latin in one text', () => {
    expect(indexWords('កុំព្យូទ័រ ASUS Vivobook')).toEqual(['កុំព្យូទ័រ', 'asus', 'vivobook']);
  });
});

describe('indexWords — Latin, specs and CPUs', () => {
  it('lowercases, drops InnoDB stopwords and prefixes short words', () => {
    expect(indexWords('The ASUS TUF for gaming in V15')).toEqual(['asus', 'tuf', 'gaming', 'v15']);
    expect(indexWords('Acer Nitro V 15')).toEqual(['acer', 'nitro', 'w_v', 'w_15']);
  });

  it('makes one word of a number and its unit, however it is written, and keeps the bare number', () => {
    for (const text of ['16 GB', '16GB', '16 gb', '16Gb']) expect(indexWords(text)).toEqual(['16gb', 'w_16']);
    expect(indexWords('1 TB SSD')).toEqual(['1tb', 'w_1', 'ssd']);
    expect(indexWords('27" 144Hz')).toEqual(['27in', 'w_27', '144hz', '144']);
    expect(indexWords('15.6 inch')).toEqual(['15_6in', '15_6']);
  });

  it('splits CPU model words and joins a series with its number', () => {
    expect(indexWords('Intel Core i7-13700H')).toEqual(['intel', 'core', 'w_i7', '13700h']);
    expect(indexWords('AMD Ryzen™ 5 7535HS')).toEqual(['amd', 'ryzen', 'ryzen5', 'w_5', '7535hs']);
    expect(indexWords('RTX 4060')).toEqual(['rtx', 'rtx4060', '4060']);
  });

  it('joins hyphenated names and indexes the singular of plurals', () => {
    expect(indexWords('Wi-Fi')).toEqual(['w_wi', 'w_fi', 'wifi']);
    expect(indexWords('Gaming Laptops')).toEqual(['gaming', 'laptops', 'laptop']);
  });
});

/** A query's terms written as before in MariaDB's boolean syntax, which reads well in a test. */
const asked = (q: string, opts: { asYouType?: boolean } = {}) =>
  queryTerms(q, opts)
    .terms.map((t) => {
      const one = (a: (typeof t)[number]) => a.word + (a.prefix ? '*' : '');
      return t.length > 1 ? `+(${t.map(one).join(' ')})` : `+${one(t[0]!)}`;
    })
    .join(' ');

describe('queryTerms', () => {
  it('asks for every word, long ones also as prefixes, short ones exactly', () => {
    expect(asked('i7 16gb')).toBe('+w_i7 +16gb*');
    expect(asked('16 gb')).toBe('+16gb*');
    expect(asked('gam')).toBe('+gam*');
    expect(asked('ស្រីពេជ្រ')).toBe('+ស្រីពេជ្រ*');
    expect(asked('កុំព្យូទ័រយួរដៃ')).toBe('+កុំព្យូទ័រ* +យួរដៃ*');
    expect(asked('ASUS កុំព្យូទ័រ')).toBe('+asus* +កុំព្យូទ័រ*');
    expect(asked('ដៃ')).toBe('+w_ដៃ');
  });

  it('reads a CPU family with its number as one word', () => {
    expect(asked('ryzen 5')).toBe('+ryzen5*');
    expect(asked('core ultra 7')).toBe('+core* +ultra7*');
  });

  it('leaves out stopwords (never indexed) and ignores punctuation', () => {
    expect(asked('the laptop for gaming')).toBe('+laptop* +gaming*');
    expect(queryTerms('the')).toEqual({ terms: [], natural: [] });
    expect(asked('%%% +-<>()~*"@ ;--')).toBe('');
    expect(asked("' OR 1=1 --")).toBe('+w_1');
    expect(queryTerms('i7 gaming').natural).toEqual(['w_i7', 'gaming']);
  });

  it('while typing, the last word is a prefix even when short', () => {
    expect(asked('lenovo le', { asYouType: true })).toBe('+lenovo* +(w_le* le*)');
    expect(asked('ដៃ', { asYouType: true })).toBe('+(w_ដៃ* ដៃ*)');
  });

  it('reads at most ten words', () => {
    expect(queryWords('alpha beta gamma delta epsilon zeta theta iota kappa lambda omega sigma')).toHaveLength(10);
  });
});

describe('productSearchColumns', () => {
  it('puts the name words in search_name and everything else in search_text, each part on its own', () => {
    const cols = productSearchColumns({
      name: 'ASUS Vivobook 15 កុំព្យូទ័រយួរដៃ',
      facts: ['ASUS', 'Laptops កុំព្យូទ័រយួរដៃ', 'laptop'],
      variants: ['ASU-VB15-16 4710000000011 16 GB / 512 GB'],
      specs: ['RAM 16 GB', 'Processor Intel Core i5-1335U'],
      descriptions: ['', 'A light laptop', ''],
    });
    expect(cols.searchName).toBe('asus vivobook vivobook15 w_15 កុំព្យូទ័រ យួរដៃ');
    expect(cols.searchText.split(' ')).toEqual(
      expect.arrayContaining(['16gb', '512gb', 'w_i5', '1335u', '4710000000011', 'ram', 'light']),
    );
  });
});

describe('textMatches', () => {
  it('matches a category by its Khmer or English words, the last one as a prefix while typing', () => {
    expect(textMatches('កុំព្យូទ័រ', 'Laptops កុំព្យូទ័រយួរដៃ', { asYouType: true })).toBe(true);
    expect(textMatches('lap', 'Laptops កុំព្យូទ័រយួរដៃ', { asYouType: true })).toBe(true);
    expect(textMatches('ស្រីពេជ្រ', 'Glue ជ័រ សេរី ពពក', { asYouType: true })).toBe(false);
    expect(textMatches('the', 'The Shop')).toBe(false);
  });
});

describe('spelling correction', () => {
  const vocabulary = buildVocabulary([
    'ASUS Vivobook 15',
    'ASUS Vivobook Go 14',
    'Lenovo ThinkPad E14',
    'Lenovo ThinkPad T14',
    'Lenovo ThinkBook 14',
    'Gaming Laptops',
    'ASUS',
  ]);

  it('measures edit distance with transpositions, and stops early past the limit', () => {
    expect(editDistance('vivobok', 'vivobook', 2)).toBe(1);
    expect(editDistance('thinkpda', 'thinkpad', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('corrects a misspelt brand, series or model word to the closest known one', () => {
    expect(correctQuery('vivobok', vocabulary)).toBe('vivobook');
    expect(correctQuery('thinkpd', vocabulary)).toBe('thinkpad');
    expect(correctQuery('lenvo thinkpad', vocabulary)).toBe('lenovo thinkpad');
    expect(correctQuery('asus vivobok 15', vocabulary)).toBe('asus vivobook 15');
  });

  it('prefers the more used word at the same distance', () => {
    // "thinkpak" is 1 from ThinkPad (two products) and 2 from ThinkBook (one).
    expect(correctQuery('thinkpak', vocabulary)).toBe('thinkpad');
  });

  it('leaves known words, prefixes being typed, short words, numbers, model codes and Khmer alone', () => {
    expect(correctQuery('asus', vocabulary)).toBeUndefined();
    expect(correctQuery('gaming lap', vocabulary)).toBeUndefined();
    expect(correctQuery('asu', vocabulary)).toBeUndefined();
    expect(correctQuery('fa507nv 16gb', vocabulary)).toBeUndefined();
    expect(correctQuery('កុំព្យូទ័រ', vocabulary)).toBeUndefined();
    expect(correctQuery('xylophone', vocabulary)).toBeUndefined();
  });

  it('allows one edit for 4–5 letters and two for 6+', () => {
    expect(correctQuery('lenvo', vocabulary)).toBe('lenovo');
    expect(correctQuery('asxx', vocabulary)).toBeUndefined();
    expect(correctQuery('vivbok', vocabulary)).toBe('vivobook');
  });
});
