import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const VIEWS = path.resolve('views');
const templates = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? templates(full) : e.name.endsWith('.ejs') ? [full] : [];
  });

describe('wide tables on a phone', () => {
  it('every table that scrolls inside its own box is a labelled region a keyboard can reach', () => {
    const bare: string[] = [];
    for (const file of templates(VIEWS)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/<div class="table-wrap"(?:"[^"]*"|[^">])*>/g)) {
        const tag = m[0];
        if (!/role="region"/.test(tag) || !/tabindex="0"/.test(tag) || !/aria-label(ledby)?="[^"]+"/.test(tag))
          bare.push(`${path.relative(VIEWS, file)}: ${tag}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('the page never breaks words anywhere (prices and headings stay whole); amounts never wrap', () => {
    const css = fs.readFileSync(path.resolve('public/css/app.css'), 'utf8');
    expect(css).toMatch(/\nbody \{[^}]*overflow-wrap: break-word;/);
    expect(css).toMatch(/td\.num, th\.num[^{]*\{[^}]*white-space: nowrap/);
  });
});
