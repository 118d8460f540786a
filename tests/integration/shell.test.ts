import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { newApp } from '../helpers/http.js';
import { query } from '../helpers/db.js';

describe('storefront shell', () => {
  it('GET / — renders the layout with shop name, search, cart count, account links and language switch', async () => {
    const res = await request(newApp()).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Computer Shop');
    expect(res.text).toMatch(/<form class="search" method="get" action="\/search"/);
    expect(res.text).toMatch(/data-cart-count[^>]*>0</);
    expect(res.text).toContain('href="/login?next=%2F"');
    expect(res.text).toContain('href="/lang/km?next=%2F"');
    expect(res.text).toContain('/static/css/app.css');
  });

  it('GET / — plain browsing creates no session row', async () => {
    const res = await request(newApp()).get('/');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await query('SELECT * FROM sessions')).toHaveLength(0);
  });

  it('compresses pages and stylesheets for slow connections; the home page stays small', async () => {
    const page = await request(newApp()).get('/').set('Accept-Encoding', 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(Number(page.text.length)).toBeLessThan(60_000);
    const css = await request(newApp()).get('/static/css/app.css').set('Accept-Encoding', 'gzip');
    expect(css.headers['content-encoding']).toBe('gzip');
  });

  it('sends a CSP that allows no inline script', async () => {
    const res = await request(newApp()).get('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-request-id']).toMatch(/[\w-]+/);
  });

  it('GET /lang/km — sets the cookie and the next page is in Khmer with the Khmer font', async () => {
    const agent = request.agent(newApp());
    const res = await agent.get('/lang/km?next=/register');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/register');
    const page = await agent.get('/register');
    expect(page.text).toContain('<html lang="km">');
    expect(page.text).toContain('បង្កើតគណនី');
    const css = await agent.get('/static/css/app.css');
    expect(css.text).toContain('noto-sans-khmer-khmer-400-normal.woff2');
    const font = await agent.get('/static/fonts/noto-sans-khmer-khmer-400-normal.woff2');
    expect(font.status).toBe(200);
    expect(font.headers['cache-control']).toContain('max-age=31536000');
  });

  it('GET /lang/xx — unknown language is a 404 page', async () => {
    expect((await request(newApp()).get('/lang/fr')).status).toBe(404);
  });

  it('GET /lang/km?next=//evil.example — never redirects off-site', async () => {
    const res = await request(newApp()).get('/lang/km?next=//evil.example');
    expect(res.headers.location).toBe('/');
  });

  it('an unknown page is a 404 inside the layout; JSON clients get { code, message }', async () => {
    const html = await request(newApp()).get('/no-such-page');
    expect(html.status).toBe(404);
    expect(html.text).toContain('Page not found');
    expect(html.text).toContain('class="site-header"');
    const json = await request(newApp()).get('/no-such-page').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual({ code: 'not_found', message: expect.any(String) });
  });

  it('a malformed form body is a 4xx, not a 500', async () => {
    const res = await request(newApp()).post('/login').set('Content-Type', 'application/json').send('{"email":');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('GET /healthz and /readyz — alive and database reachable', async () => {
    const app = newApp();
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(app).get('/readyz')).body).toEqual({ status: 'ok', database: 'up' });
  });
});
