import request from 'supertest';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { UPLOAD_ROUTES } from '../../src/middleware/csrf.js';
import { ACCESS_LEVELS } from '../../src/middleware/access.js';
import { pool } from '../../src/db/client.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';
import { allows, listRoutes, type Role, type RouteInfo } from '../helpers/routes.js';

const ROLES: Role[] = ['visitor', 'customer', 'staff', 'admin'];
const label = (r: RouteInfo) => `${r.method} ${r.path}`;
const fill = (path: string, params: Record<string, string>) =>
  path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'x');

/** Malformed values for every kind of parameter: a word, a huge number, a negative one. */
const MALFORMED = ['abc', '9'.repeat(25), '-1'];
/** Form fields the app reads somewhere; each gets the malformed value in the fuzzing posts. */
const FUZZED_FIELDS = [
  'page',
  'id',
  'quantity',
  'amount',
  'parentId',
  'categoryId',
  'brandId',
  'productTypeId',
  'variantId',
  'productId',
  'position',
  'delta',
  'stock',
  'price',
  'compareAtPrice',
  'costPrice',
  'lowStockThreshold',
  'warrantyMonths',
  'tenderedUsd',
  'tenderedKhr',
  'khqrAmount',
  'target',
  'method',
  'status',
  'role',
  'locale',
  'currency',
  'deliveryMethod',
  'deliveryZone',
  'addressId',
  'unitCost',
  'vatRate',
  'deliveryFeePhnomPenh',
  'maxUnitsPerProduct',
];
const HOSTILE_QUERY = '?page=99999999999999999999&q=%25%00&sort=zzz&min=abc&max=1e400&date=2026-99-99&status=nope';

async function agentFor(app: Express, role: Role): Promise<Agent> {
  if (role === 'visitor') {
    const agent = request.agent(app);
    await agent.get('/login'); // a session with a CSRF token, as a browser would have
    return agent;
  }
  const agent = await loginAs(app, await createUser({ role }));
  await agent.get('/account');
  return agent;
}

/** Tables and checksums, to prove that a refused request changed nothing (sessions and traffic excluded). */
async function snapshot(): Promise<string> {
  const [tables] = (await pool.query(
    'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() ' +
      "AND table_type = 'BASE TABLE' AND table_name NOT IN ('sessions', 'page_views', '__drizzle_migrations') " +
      'ORDER BY table_name',
  )) as unknown as [{ t: string }[]];
  const [sums] = (await pool.query(`CHECKSUM TABLE ${tables.map((r) => `\`${r.t}\``).join(', ')}`)) as unknown as [
    { Table: string; Checksum: number }[],
  ];
  return sums.map((s) => `${s.Table}=${s.Checksum}`).join('\n');
}

/** Real rows behind every kind of parameter, so a request that slipped through would change something. */
async function fixtures(app: Express, admin: Agent) {
  const { category, products, variantIds } = await shopWith([{ price: '12.00', stock: 9 }]);
  const customer = await createUser();
  const staff = await createUser({ role: 'staff' });
  const buyer = request.agent(app);
  await addToCart(buyer, variantIds[0]!, 1);
  const { token, csrf } = await checkoutToReview(buyer, guestDetails);
  await placeOrder(buyer, token, csrf);
  const [order] = await query<{ id: number; number: string }>('SELECT id, number FROM orders ORDER BY id DESC LIMIT 1');
  await query("INSERT INTO payment_proofs (order_id, file_key, currency) VALUES (?, 'missing.webp', 'USD')", [
    order!.id,
  ]);
  const [proof] = await query<{ id: number }>('SELECT id FROM payment_proofs ORDER BY id DESC LIMIT 1');
  await addToCart(admin, variantIds[0]!, 1);
  const [item] = await query<{ id: number }>('SELECT id FROM cart_items ORDER BY id DESC LIMIT 1');
  await query(
    "INSERT INTO content_pages (slug, title_en, body_en, body_km, is_published) VALUES ('terms', 'Terms', 'Text', '', 1)",
  );
  await query(
    "INSERT INTO contact_messages (name, email, subject, message) VALUES ('Sokha', 'sokha@example.com', 'Hi', 'Hello')",
  );
  const [shopPage] = await query<{ id: number }>('SELECT id FROM content_pages ORDER BY id DESC LIMIT 1');
  const [message] = await query<{ id: number }>('SELECT id FROM contact_messages ORDER BY id DESC LIMIT 1');
  const productId = String(products[0]!.id);
  const byPrefix: [string, Record<string, string>][] = [
    ['/admin/staff', { id: String(staff.id) }],
    ['/admin/categories', { id: String(category.id) }],
    ['/admin/products', { id: productId, vid: String(variantIds[0]), iid: '1', action: 'primary' }],
    ['/admin/inventory', { id: String(variantIds[0]) }],
    ['/admin/payments', { id: String(proof!.id) }],
    ['/admin/customers', { id: String(customer.id) }],
    ['/admin/orders', { action: 'cancel' }],
    ['/cart/items', { id: String(item!.id) }],
    ['/pos/lines', { id: String(variantIds[0]) }],
    ['/orders', { id: String(proof!.id) }],
    ['/admin/pages', { id: String(shopPage!.id) }],
    ['/admin/messages', { id: String(message!.id) }],
  ];
  const common = {
    number: order!.number,
    productId,
    slug: products[0]!.slug,
    token: 'x'.repeat(43),
    locale: 'km',
    kind: 'sales',
    n: '1',
  };
  return (path: string) => ({ ...common, ...(byPrefix.find(([p]) => path.startsWith(p))?.[1] ?? {}) });
}

/** Plausible fields for every form, so a forged request would really act if it got through. */
const FORGED_BODY = {
  name: 'Forged name',
  reason: 'forged request',
  quantity: '3',
  variantId: '1',
  locale: 'km',
  amount: '1.00',
  method: 'cash',
  role: 'admin',
  phone: '012345678',
  email: 'forged@example.com',
  code: '123456',
  courier: 'J&T',
  tracking: 'FORGED',
  delta: '5',
  vatRate: '10',
  slug: 'forged',
  titleEn: 'Forged',
  bodyEn: 'Forged',
  subject: 'Forged',
  message: 'Forged',
  handled: '1',
};

describe('route inventory', () => {
  const routes = listRoutes(newApp());

  it('every route declares who may use it, as its first handler', () => {
    expect(routes.length).toBeGreaterThan(100);
    const undeclared = routes.filter((r) => !r.access).map(label);
    expect(undeclared, 'routes without allow.<level> as their first handler').toEqual([]);
    for (const r of routes) expect(ACCESS_LEVELS).toContain(r.access);
  });

  it('back-office routes are staff or admin, admin-only areas are admin, the storefront is never staff-only', () => {
    for (const r of routes) {
      if (/^\/admin\/(staff|reports|settings)(\/|$)/.test(r.path)) expect(r.access, label(r)).toBe('admin');
      else if (/^\/(admin|pos)(\/|$)/.test(r.path)) expect(['staff', 'admin'], label(r)).toContain(r.access);
      else expect(['visitor', 'customer', 'owner'], label(r)).toContain(r.access);
    }
  });

  it(
    'the routes that parse multipart bodies are exactly the named upload routes, ' + 'each checking CSRF after parsing',
    () => {
      const parsing = routes.filter((r) => r.handlerNames.includes('multipartUpload'));
      expect(parsing.map(label).sort()).toEqual(UPLOAD_ROUTES.map((u) => `${u.method} ${u.route}`).sort());
      for (const r of parsing)
        expect(r.handlerNames.indexOf('verifyCsrf'), label(r)).toBe(r.handlerNames.indexOf('multipartUpload') + 1);
      // The global check skips a multipart POST whose path matches an upload pattern: no other route may match
      // one (it would then get no CSRF check at all).
      const unchecked = routes
        .filter((r) => r.method === 'POST' && !r.handlerNames.includes('multipartUpload'))
        .filter((r) => UPLOAD_ROUTES.some((u) => u.pattern.test(fill(r.path, {}))));
      expect(unchecked.map(label)).toEqual([]);
    },
  );

  it('each role gets the declared answer: the guard for the others, ' +
    'never a 500, also with malformed ids and queries', async () => {
    const app = newApp();
    const agents = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, await agentFor(app, role)] as const)),
    ) as Record<Role, Agent>;
    const tokens = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, await csrfFrom(agents[role], '/track')] as const)),
    ) as Record<Role, string>;
    const problems: string[] = [];
    for (const route of routes) {
      if (route.path === '/logout') continue; // ends the session: covered by the accounts tests
      for (const bad of MALFORMED) {
        const params = Object.fromEntries(
          [...route.path.matchAll(/:(\w+)/g)].map((m) => [m[1]!, encodeURIComponent(bad)]),
        );
        const target = fill(route.path, params) + (route.method === 'GET' ? HOSTILE_QUERY : '');
        for (const role of ROLES) {
          const agent = agents[role];
          const res =
            route.method === 'GET'
              ? await agent.get(target).set('Accept', 'text/html')
              : await agent
                  .post(target)
                  .type('form')
                  .set('Accept', 'text/html')
                  .send({ _csrf: tokens[role], ...Object.fromEntries(FUZZED_FIELDS.map((f) => [f, bad])) });
          const where = `${role} ${route.method} ${target} → ${res.status}`;
          if (res.status >= 500) problems.push(`${where} (server error)`);
          else if (!allows(route.access!, role)) {
            const expected =
              role === 'visitor'
                ? res.status === 303 && String(res.headers.location).startsWith('/login?next=')
                : res.status === 403;
            if (!expected) problems.push(`${where} (expected the ${role === 'visitor' ? 'login redirect' : '403'})`);
          } else if (res.status === 401 || (res.status === 303 && String(res.headers.location).startsWith('/login'))) {
            problems.push(`${where} (allowed role sent to log in)`);
          } else if (route.method === 'GET' && res.status === 403) {
            problems.push(`${where} (allowed role refused)`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('every non-GET route without a CSRF token answers 403 and changes nothing, for urlencoded, ' +
    'multipart and JSON bodies', async () => {
    const app = newApp();
    const admin = await agentFor(app, 'admin');
    const params = await fixtures(app, admin);
    const before = await snapshot();
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const url = fill(route.path, params(route.path));
      const send = {
        urlencoded: () => admin.post(url).type('form').set('Accept', 'text/html').send(FORGED_BODY),
        json: () => admin.post(url).set('Accept', 'application/json').send(FORGED_BODY),
        multipart: () => {
          const req = admin.post(url).set('Accept', 'text/html');
          for (const [k, v] of Object.entries(FORGED_BODY)) req.field(k, v);
          return req.attach(
            route.path.includes('proof') ? 'screenshot' : route.path.includes('import') ? 'file' : 'images',
            Buffer.from('x'),
            'x.png',
          );
        },
      };
      for (const [kind, fire] of Object.entries(send)) {
        const res = await fire();
        if (res.status !== 403) problems.push(`${kind} ${route.method} ${url} → ${res.status}`);
      }
    }
    // With a valid token in the header, a multipart body outside the upload routes is refused (415), never a 500.
    const token = await csrfFrom(admin, '/account');
    for (const route of routes.filter((r) => r.method !== 'GET' && !r.handlerNames.includes('multipartUpload'))) {
      const url = fill(route.path, params(route.path));
      const res = await admin
        .post(url)
        .set('Accept', 'text/html')
        .set('X-CSRF-Token', token)
        .field('name', 'Forged')
        .attach('file', Buffer.from('x'), 'x.png');
      if (res.status !== 415) problems.push(`multipart with token ${route.method} ${url} → ${res.status}`);
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toBe(before);
    // The session is intact: with the token the same agent can still act.
    expect((await admin.get('/admin')).status).toBe(200);
  }, 120_000);

  it(
    'a malformed multipart body to an upload route is a 400, and a visitor without a form session is refused ' +
      'before parsing',
    async () => {
      const app = newApp();
      const admin = await agentFor(app, 'admin');
      const params = await fixtures(app, admin);
      const token = await csrfFrom(admin, '/account');
      for (const u of UPLOAD_ROUTES) {
        const url = fill(u.route, params(u.route));
        const noBoundary = await admin
          .post(url)
          .set('Accept', 'text/html')
          .set('X-CSRF-Token', token)
          .set('Content-Type', 'multipart/form-data')
          .send('x');
        expect(noBoundary.status, `${url} without a boundary`).toBe(400);
        const cut = await admin
          .post(url)
          .set('Accept', 'text/html')
          .set('X-CSRF-Token', token)
          .set('Content-Type', 'multipart/form-data; boundary=XX')
          .send('--XX\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc');
        // 400 when the parser gives up; 422 when the route re-renders its form with the upload error.
        expect([400, 422], `${url} cut off mid-part → ${cut.status}`).toContain(cut.status);
        expect(cut.text).toContain('<html');
        const stranger = await request(app)
          .post(url)
          .set('Accept', 'text/html')
          .attach('screenshot', Buffer.alloc(1024), 'a.png');
        // Back-office uploads send the visitor to log in; the customer's proof upload refuses at once.
        expect(stranger.status, `${url} from a visitor without a session`).toBe(
          u.route.startsWith('/admin') ? 303 : 403,
        );
      }
    },
  );

  it("refused and malformed requests still get the full error page in the visitor's language", async () => {
    const app = newApp();
    const customer = await agentFor(app, 'customer');
    const csrf = await customer.post('/account/profile').type('form').set('Accept', 'text/html').send({ name: 'x' });
    expect(csrf.status).toBe(403);
    expect(csrf.text).toMatch(/<html lang="en">[\s\S]*This form has expired/);
    expect(csrf.text).toContain('action="/logout"');
    const json = await customer
      .post('/cart/items')
      .set('Content-Type', 'application/json')
      .set('Accept', 'text/html')
      .send('{bad');
    expect(json.status).toBe(400);
    expect(json.text).toContain('<html lang="en">');
    const big = await customer
      .post('/track')
      .type('form')
      .set('Accept', 'text/html')
      .send(`number=${'x'.repeat(200_000)}`);
    expect(big.status).toBe(413);
    expect(big.text).toContain('<html lang="en">');
  });

  it(
    'POST /cart/items — a visitor without a session may add without a token, ' + 'but never from another site',
    async () => {
      const { variantIds } = await shopWith([{ price: '5.00', stock: 3 }]);
      const app = newApp();
      const forged = await request(app)
        .post('/cart/items')
        .type('form')
        .set('Origin', 'https://evil.example')
        .send({ variantId: String(variantIds[0]), quantity: '1' });
      expect(forged.status).toBe(403);
      const crossSite = await request(app)
        .post('/cart/items')
        .type('form')
        .set('Sec-Fetch-Site', 'cross-site')
        .send({ variantId: String(variantIds[0]), quantity: '1' });
      expect(crossSite.status).toBe(403);
      expect(await query('SELECT id FROM cart_items')).toHaveLength(0);
      const own = await request(app)
        .post('/cart/items')
        .type('form')
        .set('Host', 'shop.test')
        .set('Origin', 'http://shop.test')
        .send({ variantId: String(variantIds[0]), quantity: '1' });
      expect(own.status).toBe(303);
      expect(await query('SELECT id FROM cart_items')).toHaveLength(1);
    },
  );
});
