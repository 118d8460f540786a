import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { getStore } from '../../src/middleware/session.js';
import { query } from '../helpers/db.js';
import { createUser, newApp } from '../helpers/http.js';

type Store = { set: (sid: string, sess: unknown, cb: (err?: unknown) => void) => void };

/** Every session write takes `ms` longer, as on a busy database. */
function slowSessionWrites(ms: number): () => void {
  const store = getStore() as unknown as Store;
  const original = store.set;
  store.set = function (this: unknown, sid, sess, cb) {
    setTimeout(() => original.call(this, sid, sess, cb), ms);
  };
  return () => {
    store.set = original;
  };
}

/**
 * POSTs a form the way a browser does and follows the redirect the moment its headers arrive
 * (a browser does not wait for the rest of the body), returning the next page's status and text.
 */
async function postAndFollowAtOnce(
  base: string,
  path: string,
  cookie: string,
  form: Record<string, string>,
): Promise<{ status: number; location: string; next: { status: number; text: string } }> {
  const body = new URLSearchParams(form).toString();
  const first = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        origin: base,
      },
    });
    req.on('response', resolve).on('error', reject);
    req.end(body);
  });
  const location = String(first.headers.location ?? '');
  const setCookie = first.headers['set-cookie']?.map((c) => c.split(';')[0]).join('; ');
  const next = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    http
      .get(new URL(location, base), { headers: { cookie: setCookie || cookie } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
  first.resume();
  return { status: first.statusCode ?? 0, location, next };
}

let restore: (() => void) | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  restore?.();
  restore = undefined;
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A live server (the race needs real sockets). */
async function liveServer(): Promise<string> {
  server = newApp().listen(0, '127.0.0.1');
  await new Promise((r) => server!.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A fresh visitor: the session cookie and CSRF token a form page hands out. */
async function visitor(base: string, formPath: string): Promise<{ cookie: string; csrf: string }> {
  const res = await request(base).get(formPath).set('Accept', 'text/html');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  const cookie = (res.headers['set-cookie'] as unknown as string[] | undefined)?.[0]?.split(';')[0];
  if (!csrf || !cookie) throw new Error(`no session or token from ${formPath}`);
  return { cookie, csrf };
}

describe('a redirect after a session change waits until the session is stored (slow store)', () => {
  it('POST /track: the order page opened at once shows the order, not 404', async () => {
    await query(`INSERT INTO orders (number, channel, status, customer_name, customer_email, customer_phone,
      delivery_method, subtotal, grand_total, khr_per_usd, payment_deadline)
      VALUES ('CS-261202-004242', 'online', 'pending_payment', 'Dara Kim', 'dara@example.com', '+85512345679',
      'pickup', '10.00', '10.00', 4100, NOW() + INTERVAL 1 HOUR)`);
    const base = await liveServer();
    const guest = await visitor(base, '/track');
    restore = slowSessionWrites(300);
    const res = await postAndFollowAtOnce(base, '/track', guest.cookie, {
      _csrf: guest.csrf,
      number: 'CS-261202-004242',
      contact: 'dara@example.com',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/orders/CS-261202-004242');
    expect(res.next.status).toBe(200);
    expect(res.next.text).toContain('CS-261202-004242');
  });

  it('POST /login: the next page is signed in; POST /lang: the next page is in Khmer', async () => {
    const user = await createUser({ role: 'customer' });
    const base = await liveServer();
    const customer = await visitor(base, '/login');
    restore = slowSessionWrites(300);
    const login = await postAndFollowAtOnce(base, '/login', customer.cookie, {
      _csrf: customer.csrf,
      email: user.email,
      password: user.password,
      next: '/account',
    });
    expect(login.status).toBe(303);
    expect(login.next.status).toBe(200);
    expect(login.next.text).toContain(user.email);
    const [session] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM sessions');
    expect(Number(session!.n)).toBeGreaterThan(0);

    restore();
    const lang = await visitor(base, '/track');
    restore = slowSessionWrites(300);
    const switched = await postAndFollowAtOnce(base, '/lang', lang.cookie, {
      _csrf: lang.csrf,
      locale: 'km',
      next: '/track',
    });
    expect(switched.status).toBe(303);
    expect(switched.next.text).toContain('<html lang="km"');
  });
});
