import bcrypt from 'bcrypt';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm } from '../helpers/http.js';

const sessionCookie = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('cs.sid='))
    ?.split(';')[0];

describe('POST /login', () => {
  it('with the right password — regenerates the session id and returns to the page asked for', async () => {
    const user = await createUser({ email: 'dara@example.com' });
    const agent = request.agent(newApp());
    const page = await agent.get('/login?next=/account');
    const before = sessionCookie(page) ?? '';
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await agent
      .post('/login')
      .type('form')
      .send({ email: 'DARA@example.com', password: user.password, next: '/account', _csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
    const after = sessionCookie(res);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const rows = await query<{ data: string }>('SELECT data FROM sessions');
    expect(rows.some((r) => JSON.parse(r.data).userId === user.id)).toBe(true);
    expect((await agent.get('/account')).status).toBe(200);
  });

  it('with a wrong password and with an unknown email — the same 422 message, no session', async () => {
    await createUser({ email: 'dara@example.com' });
    const wrongPw = await postForm(request.agent(newApp()), '/login', {
      email: 'dara@example.com',
      password: 'not-the-password',
    });
    const noUser = await postForm(request.agent(newApp()), '/login', {
      email: 'nobody@example.com',
      password: 'not-the-password',
    });
    expect(wrongPw.status).toBe(422);
    expect(noUser.status).toBe(422);
    const msg = 'The email or password is not correct.';
    expect(wrongPw.text).toContain(msg);
    expect(noUser.text).toContain(msg);
    expect(wrongPw.text).toContain('value="dara@example.com"');
    const rows = await query<{ data: string }>('SELECT data FROM sessions');
    expect(rows.every((r) => JSON.parse(r.data).userId === undefined)).toBe(true);
  });

  it('for an unverified account — sends a fresh code and redirects to /verify', async () => {
    const user = await createUser({ email: 'new@example.com' });
    await query('UPDATE users SET email_verified_at = NULL WHERE id = ?', [user.id]);
    const agent = request.agent(newApp());
    const res = await postForm(agent, '/login', { email: 'new@example.com', password: user.password });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/verify');
    await mailbox.codeFor('new@example.com');
    expect(await query('SELECT id FROM email_codes WHERE user_id = ?', [user.id])).toHaveLength(1);
    expect((await agent.get('/account')).status).toBe(303);
  });

  it('for a disabled account — refused', async () => {
    const user = await createUser({ email: 'gone@example.com' });
    await query('UPDATE users SET disabled_at = NOW() WHERE id = ?', [user.id]);
    const res = await postForm(request.agent(newApp()), '/login', {
      email: 'gone@example.com',
      password: user.password,
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('disabled');
  });

  it('with next=//evil.example — stays on this site', async () => {
    const user = await createUser();
    const res = await postForm(request.agent(newApp()), '/login', {
      email: user.email,
      password: user.password,
      next: '//evil.example/x',
    });
    expect(res.headers.location).toBe('/');
  });

  it('after 10 failed tries on one account — the next is rate-limited (429)', async () => {
    await createUser({ email: 'target@example.com' });
    const app = newApp();
    const agent = request.agent(app);
    const _csrf = await csrfFrom(agent, '/login');
    for (let i = 0; i < 10; i++) {
      const r = await agent
        .post('/login')
        .type('form')
        .send({ email: 'target@example.com', password: `wrong-${i}-pass`, _csrf });
      expect(r.status).toBe(422);
    }
    const limited = await agent
      .post('/login')
      .type('form')
      .send({ email: 'target@example.com', password: 'wrong-x-pass', _csrf });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many attempts');
  });
});

describe('POST /login — where it lands', () => {
  it('staff and admins land on /admin; customers on the home page; a safe next wins for everyone', async () => {
    const app = newApp();
    for (const [role, landing] of [
      ['customer', '/'],
      ['staff', '/admin'],
      ['admin', '/admin'],
    ] as const) {
      const user = await createUser({ role });
      const login = (next?: string) =>
        postForm(request.agent(app), '/login', {
          email: user.email,
          password: user.password,
          ...(next === undefined ? {} : { next }),
        });
      for (const next of [undefined, '/', '//evil.example/x', 'https://evil.example/']) {
        const res = await login(next);
        expect(res.status, `${role} next=${next}`).toBe(303);
        expect(res.headers.location, `${role} next=${next}`).toBe(landing);
      }
      const asked = await login('/orders');
      expect(asked.headers.location, role).toBe('/orders');
    }
    const staff = await createUser({ role: 'staff' });
    const agent = request.agent(app);
    const res = await postForm(agent, '/login', { email: staff.email, password: staff.password });
    expect((await agent.get(res.headers.location!)).status).toBe(200);
    // Already signed in, the login page sends staff on the same way.
    expect((await agent.get('/login')).headers.location).toBe('/admin');
    expect((await agent.get('/login?next=/orders')).headers.location).toBe('/orders');
  });
});

describe('POST /logout', () => {
  it('destroys the session row and signs the user out', async () => {
    const user = await createUser();
    const agent = await loginAs(newApp(), user);
    expect(await query('SELECT session_id FROM sessions')).toHaveLength(1);
    const res = await postForm(agent, '/logout', {}, '/account');
    expect(res.status).toBe(303);
    expect(await query('SELECT session_id FROM sessions')).toHaveLength(0);
    const account = await agent.get('/account');
    expect(account.status).toBe(303);
    expect(account.headers.location).toBe('/login?next=%2Faccount');
  });

  it('by GET — not a route (404), the session stays', async () => {
    const user = await createUser();
    const agent = await loginAs(newApp(), user);
    expect((await agent.get('/logout')).status).toBe(404);
    expect((await agent.get('/account')).status).toBe(200);
  });
});

describe('forgot and reset password', () => {
  async function requestReset(email: string) {
    return postForm(request.agent(newApp()), '/forgot-password', { email });
  }
  const linkIn = (text: string) => /\/reset-password\/([\w-]+)/.exec(text)![1]!;

  it('answers the same for known and unknown emails; mails a single-use link only to the account', async () => {
    await createUser({ email: 'known@example.com' });
    const known = await requestReset('known@example.com');
    const unknown = await requestReset('unknown@example.com');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]+"/g, '').replace(/value="[^"]*@example.com"/g, '');
    expect(strip(known.text)).toBe(strip(unknown.text));
    const mail = await mailbox.waitFor('known@example.com');
    const token = linkIn(mail.text);
    expect(mail.text).toContain('http://shop.test/reset-password/');
    const rows = await query<{ token_hash: string; expires_at: Date; created_at: Date }>(
      'SELECT * FROM password_resets',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.expires_at.getTime() - rows[0]!.created_at.getTime()).toBeGreaterThan(29 * 60 * 1000);
    expect(rows[0]!.expires_at.getTime() - rows[0]!.created_at.getTime()).toBeLessThanOrEqual(30 * 60 * 1000 + 1000);
    await new Promise((r) => setTimeout(r, 100));
    expect(mailbox.to('unknown@example.com')).toHaveLength(0);
  });

  it('resetting — changes the password, ends the other sessions, and the link cannot be used twice', async () => {
    const user = await createUser({ email: 'reset@example.com' });
    const app = newApp();
    const otherDevice = await loginAs(app, user);
    expect((await otherDevice.get('/account')).status).toBe(200);

    await requestReset('reset@example.com');
    const token = linkIn((await mailbox.waitFor('reset@example.com')).text);
    const agent = request.agent(app);
    expect((await agent.get(`/reset-password/${token}`)).status).toBe(200);
    const res = await postForm(agent, `/reset-password/${token}`, {
      password: 'brand-new-secret-9',
      confirm: 'brand-new-secret-9',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');

    const [row] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
    expect(await bcrypt.compare('brand-new-secret-9', row!.password_hash)).toBe(true);
    expect((await query<{ used_at: Date | null }>('SELECT used_at FROM password_resets'))[0]!.used_at).toBeInstanceOf(
      Date,
    );

    expect((await agent.get('/account')).status).toBe(200);
    expect((await otherDevice.get('/account')).status).toBe(303);

    const again = await request.agent(app).get(`/reset-password/${token}`);
    expect(again.status).toBe(404);
    expect(again.text).toContain('invalid, already used or expired');
  });

  it('posting to a used link — 404 and the password stays', async () => {
    const user = await createUser({ email: 'twice@example.com' });
    await requestReset('twice@example.com');
    const token = linkIn((await mailbox.waitFor('twice@example.com')).text);
    const agent = request.agent(newApp());
    const _csrf = await csrfFrom(agent, `/reset-password/${token}`);
    const first = await agent
      .post(`/reset-password/${token}`)
      .type('form')
      .send({ password: 'first-new-pass-1', confirm: 'first-new-pass-1', _csrf });
    expect(first.status).toBe(303);
    const second = await postForm(
      request.agent(newApp()),
      `/reset-password/${token}`,
      { password: 'second-new-pass-2', confirm: 'second-new-pass-2' },
      '/login',
    );
    expect(second.status).toBe(404);
    const [row] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
    expect(await bcrypt.compare('first-new-pass-1', row!.password_hash)).toBe(true);
  });

  it('an expired link — 404', async () => {
    await createUser({ email: 'late@example.com' });
    await requestReset('late@example.com');
    const token = linkIn((await mailbox.waitFor('late@example.com')).text);
    await query('UPDATE password_resets SET expires_at = NOW(3) - INTERVAL 1 SECOND');
    expect((await request(newApp()).get(`/reset-password/${token}`)).status).toBe(404);
  });

  it('a weak or mismatched new password — 422, link still usable', async () => {
    await createUser({ email: 'weak@example.com' });
    await requestReset('weak@example.com');
    const token = linkIn((await mailbox.waitFor('weak@example.com')).text);
    const agent = request.agent(newApp());
    const weak = await postForm(agent, `/reset-password/${token}`, { password: 'password1', confirm: 'password1' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('too common');
    const mismatch = await postForm(agent, `/reset-password/${token}`, {
      password: 'a-good-pass-77',
      confirm: 'another-pass-77',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('do not match');
    expect((await query<{ used_at: Date | null }>('SELECT used_at FROM password_resets'))[0]!.used_at).toBeNull();
  });
});
