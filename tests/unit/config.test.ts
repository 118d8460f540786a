import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseEnv, serverProblem, sessionSecret } from '../../src/config/env.js';

describe('parseEnv', () => {
  it('uses the documented defaults when nothing is set (in development)', () => {
    const c = parseEnv({ NODE_ENV: 'development' });
    expect(c.PORT).toBe(3000);
    expect(c.BASE_URL).toBe('http://localhost:3000');
    expect(c.DATABASE_URL).toBe('mysql://root@127.0.0.1:3306/computer_shop');
    expect(c.SECURE_COOKIES).toBe(false);
    expect(c.KHR_PER_USD).toBe(4100);
    expect(c.PAYMENT_WINDOW_MINUTES).toBe(30);
    expect(c.BAKONG_POLL_SECONDS).toBe(10);
    expect(c.KHQR_ACCOUNT_TYPE).toBe('individual');
    expect(c.SMTP_URL).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('in production — without SESSION_SECRET — the server refuses to start, naming the variable', () => {
    const c = parseEnv({ NODE_ENV: 'production' });
    expect(serverProblem(c)).toMatch(/SESSION_SECRET/);
    expect(() => sessionSecret(c)).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'too-short' })).toThrow(/SESSION_SECRET/);
  });

  it('with NODE_ENV unset — runs as production: no built-in secret, secure cookies', () => {
    const c = parseEnv({});
    expect(c.NODE_ENV).toBe('production');
    expect(c.SESSION_SECRET).toBeUndefined();
    expect(serverProblem(c)).toMatch(/SESSION_SECRET/);
    expect(c.SECURE_COOKIES).toBe(true);
  });

  it('only an explicit development or test falls back to the built-in secret', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const c = parseEnv({ NODE_ENV });
      expect(serverProblem(c)).toBeNull();
      expect(sessionSecret(c).length).toBeGreaterThan(0);
    }
  });

  it('the Procfile web process and npm start run with NODE_ENV=production', () => {
    expect(fs.readFileSync('Procfile', 'utf8')).toMatch(/^web: NODE_ENV=production /m);
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/^NODE_ENV=production /);
  });

  it('in production — secure cookies default on, can be turned off', () => {
    const secret = 'x'.repeat(40);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret }).SECURE_COOKIES).toBe(true);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, SECURE_COOKIES: 'false' }).SECURE_COOKIES).toBe(
      false,
    );
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://x/y' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail' }],
    ['KHR_PER_USD', { KHR_PER_USD: '-3' }],
    ['KHQR_ACCOUNT_TYPE', { KHQR_ACCOUNT_TYPE: 'bank' }],
    ['KHQR_MERCHANT_ID', { KHQR_ACCOUNT_TYPE: 'merchant', KHQR_ACQUIRING_BANK: 'ABA' }],
    ['BASE_URL', { BASE_URL: 'not a url' }],
  ])('a malformed %s stops start-up with a message naming it', (name, env) => {
    expect(() => parseEnv(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('.env.example lists every key the config reads', () => {
    const example = fs.readFileSync('.env.example', 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    for (const key of CONFIG_KEYS) expect(listed, `missing ${key}`).toContain(key);
  });
});
