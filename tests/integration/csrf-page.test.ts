import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { newApp } from '../helpers/http.js';

const post = (referer?: string) => {
  const req = request(newApp()).post('/login').type('form').set('Accept', 'text/html');
  if (referer) req.set('Referer', referer);
  return req.send({ email: 'a@example.com', password: 'x', _csrf: 'stale' });
};

describe('the expired-form page', () => {
  it(
    'POST with a stale token — 403 titled "This form has expired", ' +
      'with Go back to the same-site page and a home link',
    async () => {
      const res = await post('http://shop.test/login?next=%2Fcart');
      expect(res.status).toBe(403);
      expect(res.text).toContain('<h1>This form has expired</h1>');
      expect(res.text).not.toContain('Access denied');
      expect(res.text).toContain('<a class="button primary" href="/login?next=%2Fcart">Go back</a>');
      expect(res.text).toContain('href="/">Go to the home page</a>');
    },
  );

  it(
    'POST with a stale token — from another site, ' + 'a protocol-relative path or no Referer — Go back leads home',
    async () => {
      for (const referer of ['https://evil.example/login', 'http://shop.test//evil.example/x', undefined]) {
        const res = await post(referer);
        expect(res.status).toBe(403);
        expect(res.text, String(referer)).toContain('<a class="button primary" href="/">Go back</a>');
      }
    },
  );
});
