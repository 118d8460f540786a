import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULES = path.resolve('src/modules');
const routeFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name.endsWith('.routes.ts') ? [full] : [];
  });

/** What may stand right before `req.body` / `req.query` / `req.params`: a zod schema parsing it. */
const THROUGH_A_SCHEMA = new RegExp(
  String.raw`(parseInput\([\w.]+(\([^)]*\))?, |\.parse\(|\.safeParse\(|keptValues\(|` +
    String.raw`parseListingQuery\(|parseRange\(|parseAction\(\w+, )$`,
);

describe('the route contract', () => {
  it('routes read input (body, query, params) only through a zod schema', () => {
    const bare: string[] = [];
    for (const file of routeFiles(MODULES)) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const m of line.matchAll(/req\.(body|query|params)\b/g)) {
          if (!THROUGH_A_SCHEMA.test(line.slice(0, m.index)))
            bare.push(`${path.relative('.', file)}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(bare).toEqual([]);
  });

  it("route files build no schema of their own: schemas live in the module's *.schemas.ts (or lib/validation)", () => {
    const inline = routeFiles(MODULES).filter((f) =>
      /from 'zod'|\bz\.(object|enum|string|coerce)\(/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(inline.map((f) => path.relative('.', f))).toEqual([]);
  });
});
