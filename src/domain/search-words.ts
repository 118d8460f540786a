/**
 * Search words: what the full-text index holds for a product and what a query asks of it.
 *
 * InnoDB's full-text parser splits on anything that is not a letter, mark, digit or underscore, and
 * indexes only tokens of innodb_ft_min_token_size (3) code points or more, a server setting the shop
 * cannot change. So the text is turned into words first, the same way for the index and the query:
 * - Latin words are lowercased; Khmer, which has no spaces between words, is cut into words with
 *   Intl.Segmenter (vowel signs and the coeng stay in their word);
 * - a word shorter than 3 code points is written `w_i7`, `w_ដៃ`: the underscore is a word character
 *   for the parser, so the word is indexed whole and a query can ask for exactly it;
 * - sizes and speeds become one word (`16 GB`, `16GB`, `16 gb` → `16gb`; `15.6"` → `15_6in`), and a
 *   series or CPU family with its number becomes one too (`Ryzen 5` → `ryzen5`, `RTX 4060` → `rtx4060`).
 */

const MIN_TOKEN = 3;
const SHORT = 'w_';
/** At most this many words of a query count; the rest are ignored. */
const MAX_QUERY_WORDS = 10;

// InnoDB's default full-text stopwords: never indexed, so a required (+) stopword would match nothing.
const STOPWORDS = new Set(
  (
    'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where ' +
    'who will with und www'
  ).split(' '),
);

/** Unit words and their one spelling, as written after a number. */
const UNITS = new Map<string, string>([
  ...'kb mb gb tb hz khz mhz ghz w wh kwh mah v mm cm m ms nm mp mbps gbps rpm dpi fps kg g in'
    .split(' ')
    .map((u) => [u, u] as const),
  ['inch', 'in'],
  ['inches', 'in'],
  ['gbit', 'gbps'],
  ['mbit', 'mbps'],
]);

/** Series whose number is part of the name a customer types: "ryzen 5", "core ultra 7". */
const FAMILIES = new Set(['ryzen', 'ultra', 'core', 'athlon', 'xeon', 'threadripper', 'celeron', 'pentium']);

const KHMER_RUN = /[\u1780-\u17DD\u19E0-\u19FF]+/gu;
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/u;
const NUMBER = /^\d+(?:_\d+)?$/;
const NUMBER_UNIT = /^(\d+(?:_\d+)?)([a-z]+)$/;
const LETTERS = /^\p{L}+$/u;

let segmenter: Intl.Segmenter | undefined;
const khmerWords = (run: string): string[] => {
  segmenter ??= new Intl.Segmenter('km', { granularity: 'word' });
  return [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
};

/**
 * The same letters typed differently look the same to a reader: Khmer digits, full-width forms,
 * zero-width joiners, and the subscript TA and DA (្ត / ្ដ), which Khmer writers use interchangeably.
 */
function normalise(text: string): string {
  return text
    .replace(/[™®©]/g, ' ')
    .normalize('NFKC')
    .replace(/[\u17E0-\u17E9]/g, (d) => String(d.charCodeAt(0) - 0x17e0))
    .replace(/\u200C|\u200D|\u00AD/g, '')
    .replace(/\u17D2\u178F/g, '\u17D2\u178A')
    .toLowerCase();
}

/** The raw words of a text in order: Latin words and numbers (with their decimal point) and Khmer words. */
function rawWords(text: string): string[] {
  const out: string[] = [];
  const s = normalise(text).replace(/(\d)\s*(?:"|''|′′|″|”)/g, '$1 in ');
  // Khmer runs are segmented in place; the rest is split on anything but letters, marks and digits.
  let last = 0;
  const latin = (part: string) => {
    for (const m of part.matchAll(/\d+\.\d+\p{L}*|[\p{L}\p{M}\p{N}]+/gu)) out.push(m[0].replace('.', '_'));
  };
  for (const m of s.matchAll(KHMER_RUN)) {
    latin(s.slice(last, m.index));
    out.push(...khmerWords(m[0]));
    last = m.index + m[0].length;
  }
  latin(s.slice(last));
  return out;
}

/** An English plural's singular ("laptops" → "laptop", "ssds" → "ssd"), else the word itself. */
const singular = (w: string) => (/^[a-z]{3,}s$/.test(w) && !/(?:ss|us|is)$/.test(w) ? w.slice(0, -1) : w);

/** `16gb` from "16" + "gb", or from "16gb" itself with its unit spelled the one way ("16inch" → "16in"). */
function withUnit(word: string, next: string | undefined): { word: string; used: boolean } | undefined {
  if (NUMBER.test(word) && next !== undefined && UNITS.has(next)) return { word: word + UNITS.get(next), used: true };
  const m = NUMBER_UNIT.exec(word);
  if (m && UNITS.has(m[2]!)) return { word: m[1]! + UNITS.get(m[2]!), used: false };
  return undefined;
}

/** How a word goes into the index: too short for the parser gets the `w_` prefix. */
const indexForm = (word: string) => ([...word].length < MIN_TOKEN ? SHORT + word : word);

/**
 * The index words of a text, in order and without repeats: each word (short ones as `w_…`), number+unit
 * compounds with the bare number, series+number compounds, hyphenated names joined ("wi-fi" → "wifi"), and
 * the singular of English plurals (a query asks for the singular, so "laptop" and "laptops" find each other).
 */
export function indexWords(text: string): string[] {
  const words = rawWords(text);
  const out = new Set<string>();
  const add = (w: string) => {
    if (!w || STOPWORDS.has(w)) return;
    out.add(indexForm(w));
    out.add(indexForm(singular(w)));
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    const unit = withUnit(w, next);
    if (unit) {
      add(unit.word);
      add(unit.word.replace(/[a-z]+$/, ''));
      if (unit.used) i++;
      continue;
    }
    add(w);
    if (next !== undefined && /^\p{L}{2,12}$/u.test(w) && !KHMER.test(w) && /^\d{1,5}$/.test(next)) add(w + next);
  }
  for (const m of normalise(text).matchAll(/\p{L}+(?:-\p{L}+)+/gu)) if (!KHMER.test(m[0])) add(m[0].replace(/-/g, ''));
  return [...out];
}

/** Joins words into a column value of at most `max` characters, cut at a word boundary. */
function joinWords(words: Iterable<string>, max: number): string {
  let out = '';
  for (const w of words) {
    if (out.length + w.length + 1 > max) break;
    out = out ? `${out} ${w}` : w;
  }
  return out;
}

/** What a product's search words are made of (each part any text, in either language). */
export type ProductSearchSource = {
  /** The name and the Khmer name. */
  name: string;
  /** Brand, category and its ancestors, product type. */
  facts: string[];
  /** SKU, barcode and title of each variant. */
  variants: string[];
  /** Each spec: attribute name, value and unit. */
  specs: string[];
  /** Short description, description, Khmer description. */
  descriptions: string[];
};

/** search_text is TEXT (65,535 bytes): 20,000 characters fit even when all are 3-byte Khmer. */
const MAX_TEXT = 20_000;

/** The full-text columns of a product: its name's words (weighed triple in ranking) and everything else's. */
export function productSearchColumns(src: ProductSearchSource): { searchName: string; searchText: string } {
  // Each part on its own: a number ending one spec never takes the unit starting the next.
  const text = new Set([...src.facts, ...src.variants, ...src.specs, ...src.descriptions].flatMap(indexWords));
  return { searchName: joinWords(indexWords(src.name), 800), searchText: joinWords(text, MAX_TEXT) };
}

/** The words of a query: like the index's, but a number with a unit or a CPU family with its number is one word. */
export function queryWords(q: string): string[] {
  const words = rawWords(q);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    const unit = withUnit(w, next);
    if (unit) {
      out.push(unit.word);
      if (unit.used) i++;
    } else if (FAMILIES.has(w) && next !== undefined && /^\d{1,2}$/.test(next)) {
      out.push(w + next);
      i++;
    } else out.push(singular(w));
  }
  return [...new Set(out)].slice(0, MAX_QUERY_WORDS);
}

/** One query word as the index is asked for it: any of these words, each exactly or as a prefix of a word. */
export type QueryTerm = { word: string; prefix: boolean }[];

/**
 * What a search asks: every term must match one of the product's words. Words of 3+ code points match as
 * prefixes too ("gam" finds "gaming"); short words match exactly (`i7` is `w_i7`, never `i75`). While typing
 * (`asYouType`) the last word is unfinished, so it matches as a prefix even when short. Stopwords are left out.
 * `natural` holds the words as indexed, for the relevance score.
 */
export function queryTerms(q: string, opts: { asYouType?: boolean } = {}): { terms: QueryTerm[]; natural: string[] } {
  const words = queryWords(q);
  const terms: QueryTerm[] = [];
  const natural: string[] = [];
  words.forEach((w, i) => {
    const typing = opts.asYouType && i === words.length - 1;
    const short = [...w].length < MIN_TOKEN;
    if (typing && short)
      terms.push([
        { word: SHORT + w, prefix: true },
        { word: w, prefix: true },
      ]);
    else if (STOPWORDS.has(w)) return;
    else terms.push([short ? { word: SHORT + w, prefix: false } : { word: w, prefix: true }]);
    natural.push(indexForm(w));
  });
  return { terms, natural };
}

/** Whether a short text (a category name) has every word of a query, by the full-text search's rules. */
export function textMatches(q: string, text: string, opts: { asYouType?: boolean } = {}): boolean {
  if (!queryTerms(q, opts).terms.length) return false;
  const have = indexWords(text);
  const words = queryWords(q);
  return words.every((w, i) => {
    const typing = opts.asYouType && i === words.length - 1;
    if (typing) return have.some((h) => h.startsWith(w) || h.startsWith(SHORT + w));
    if (STOPWORDS.has(w)) return true;
    return [...w].length < MIN_TOKEN ? have.includes(SHORT + w) : have.some((h) => h.startsWith(w));
  });
}

/** Damerau–Levenshtein (optimal string alignment) distance, or max + 1 once it is known to exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Known words with how many products use them, sorted for prefix look-ups. */
export type Vocabulary = { counts: Map<string, number>; sorted: string[] };

/** Latin words of 4+ letters from names a customer might mean: product, brand and category names. */
export function buildVocabulary(names: Iterable<string>): Vocabulary {
  const counts = new Map<string, number>();
  for (const name of names) {
    for (const w of new Set(rawWords(name))) {
      if (w.length >= 4 && LETTERS.test(w) && !KHMER.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return { counts, sorted: [...counts.keys()].sort() };
}

const isKnown = (v: Vocabulary, w: string) => {
  if (v.counts.has(w)) return true;
  // A word that starts a known word is someone typing it, not a typo.
  let lo = 0;
  let hi = v.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.sorted[mid]! < w) lo = mid + 1;
    else hi = mid;
  }
  return v.sorted[lo]?.startsWith(w) ?? false;
};

/** The known word closest to a typo: distance 1 for 4–5 letters, 2 for 6+; the closest, then the most used. */
function closestWord(v: Vocabulary, w: string): string | undefined {
  const max = w.length >= 6 ? 2 : 1;
  let best: { word: string; d: number; n: number } | undefined;
  for (const [word, n] of v.counts) {
    const d = editDistance(w, word, max);
    if (d <= max && (!best || d < best.d || (d === best.d && n > best.n))) best = { word, d, n };
  }
  return best?.word;
}

/**
 * The query with its misspelt words replaced by the closest known ones ("vivobok" → "vivobook"), or
 * undefined when no word needs it. Only Latin words of 4+ letters are corrected; Khmer, numbers and
 * model codes are kept as typed.
 */
export function correctQuery(q: string, v: Vocabulary): string | undefined {
  let changed = false;
  const parts = q
    .trim()
    .split(/\s+/)
    .map((part) => {
      const w = normalise(part);
      if (w.length < 4 || !LETTERS.test(w) || KHMER.test(w) || isKnown(v, w)) return part;
      const fix = closestWord(v, w);
      if (!fix) return part;
      changed = true;
      return fix;
    });
  return changed ? parts.join(' ') : undefined;
}
