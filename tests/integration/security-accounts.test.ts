import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';

const sessionCookie = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('cs.sid='))
    ?.split(';')[0];

/** An app that reads the client address from X-Forwarded-For, so one test can speak from several addresses. */
function appBehindProxy() {
  const app = newApp();
  app.set('trust proxy', true);
  return app;
}

function loginFrom(agent: Agent, ip: string, email: string, password: string, csrf: string) {
  return agent
    .post('/login')
    .type('form')
    .set('Accept', 'text/html')
    .set('X-Forwarded-For', ip)
    .send({ email, password, _csrf: csrf });
}

describe('POST /verify — account takeover', () => {
  it(
    "with a verified admin's email and any code — 422, " + 'nobody is signed in, the back office stays closed',
    async () => {
      const admin = await createUser({ role: 'admin', email: 'owner@shop.test' });
      const app = newApp();
      const attacker = request.agent(app);
      for (const code of ['123456', '000000']) {
        const res = await postForm(attacker, '/verify', { email: admin.email, code }, '/verify');
        expect(res.status).toBe(422);
      }
      for (const path of ['/account', '/admin', '/admin/staff', '/admin/reports/sales']) {
        const res = await attacker.get(path).set('Accept', 'text/html');
        expect(res.status, path).toBe(303);
        expect(res.headers.location).toMatch(/^\/login\?next=/);
      }
      const [row] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE data LIKE \'%"userId"%\'');
      expect(Number(row!.n)).toBe(0);
    },
  );

  it('an unknown email, a verified account and a wrong code get the same answer', async () => {
    const verified = await createUser({ email: 'known@shop.test' });
    const app = newApp();
    const agent = request.agent(app);
    await postForm(agent, '/register', {
      name: 'New Person',
      email: 'fresh@shop.test',
      phone: '012 345 678',
      password: 'angkor-sunrise-42',
    });
    const real = await mailbox.codeFor('fresh@shop.test');
    const wrong = real === '111111' ? '222222' : '111111';
    const messageOf = async (email: string, code: string) => {
      const res = await postForm(request.agent(app), '/verify', { email, code }, '/verify');
      expect(res.status).toBe(422);
      return /class="field-error"[^>]*>([^<]+)</.exec(res.text)?.[1] ?? res.text.match(/That code[^<]*/)?.[0];
    };
    const unknown = await messageOf('nobody@shop.test', wrong);
    expect(unknown).toBeTruthy();
    expect(await messageOf(verified.email, wrong)).toBe(unknown);
    expect(await messageOf('fresh@shop.test', wrong)).toBe(unknown);
  });

  it('the right code signs in once: a replay, and 10 parallel submits of it, verify one session only', async () => {
    const app = newApp();
    const owner = request.agent(app);
    await postForm(owner, '/register', {
      name: 'Dara',
      email: 'dara@shop.test',
      phone: '012 345 678',
      password: 'angkor-sunrise-42',
    });
    const code = await mailbox.codeFor('dara@shop.test');
    const agents = Array.from({ length: 10 }, () => request.agent(app));
    const tokens = await Promise.all(agents.map((a) => csrfFrom(a, '/verify')));
    const answers = await Promise.all(
      agents.map((a, i) =>
        a
          .post('/verify')
          .type('form')
          .set('Accept', 'text/html')
          .send({ email: 'dara@shop.test', code, _csrf: tokens[i] }),
      ),
    );
    expect(answers.filter((r) => r.status === 303)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 422)).toHaveLength(9);
    const replay = await postForm(request.agent(app), '/verify', { email: 'dara@shop.test', code }, '/verify');
    expect(replay.status).toBe(422);
    const [user] = await query<{ email_verified_at: Date | null }>(
      'SELECT email_verified_at FROM users WHERE email = ?',
      ['dara@shop.test'],
    );
    expect(user!.email_verified_at).toBeInstanceOf(Date);
    expect(await query('SELECT id FROM email_codes')).toHaveLength(0);
  });

  it('guessing codes meets a limit (429) from one address', async () => {
    await createUser({ email: 'target@shop.test' });
    const agent = request.agent(newApp());
    const csrf = await csrfFrom(agent, '/verify');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await agent
        .post('/verify')
        .type('form')
        .set('Accept', 'text/html')
        .send({ email: 'target@shop.test', code: String(100000 + i), _csrf: csrf });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});

describe('POST /login — lockout', () => {
  it("a stranger's 10 wrong passwords from one address do not block the owner from another address", async () => {
    const owner = await createUser({ email: 'owner@shop.test' });
    const app = appBehindProxy();
    const stranger = request.agent(app);
    const csrf = await csrfFrom(stranger, '/login');
    for (let i = 0; i < 10; i++)
      expect((await loginFrom(stranger, '203.0.113.7', owner.email, `wrong-${i}-password`, csrf)).status).toBe(422);
    // The stranger's address is now limited for this account, even with the right password.
    expect((await loginFrom(stranger, '203.0.113.7', owner.email, owner.password, csrf)).status).toBe(429);
    const device = request.agent(app);
    const res = await loginFrom(device, '198.51.100.20', owner.email, owner.password, await csrfFrom(device, '/login'));
    expect(res.status).toBe(303);
    expect((await device.get('/account')).status).toBe(200);
  });

  it('successful logins do not count towards the lockout', async () => {
    const owner = await createUser({ email: 'busy@shop.test' });
    const app = newApp();
    for (let i = 0; i < 12; i++) {
      const agent = request.agent(app);
      const res = await loginFrom(agent, '127.0.0.1', owner.email, owner.password, await csrfFrom(agent, '/login'));
      expect(res.status, `login ${i + 1}`).toBe(303);
    }
  });
});

describe('brute force', () => {
  it('guessing reset links meets a limit (429), for the page and the form alike', async () => {
    const agent = request.agent(newApp());
    const csrf = await csrfFrom(agent, '/forgot-password');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await agent.get(`/reset-password/guess${i}`).set('Accept', 'text/html')).status);
    for (let i = 0; i < 10; i++) {
      const res = await agent
        .post(`/reset-password/guess-post${i}`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ password: 'x-new-pass-123', confirm: 'x-new-pass-123', _csrf: csrf });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it('guessing orders at /track meets a limit (429)', async () => {
    const agent = request.agent(newApp());
    const csrf = await csrfFrom(agent, '/track');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await agent
        .post('/track')
        .type('form')
        .set('Accept', 'text/html')
        .send({ number: `CS-260101-${String(i).padStart(6, '0')}`, contact: '012 345 678', _csrf: csrf });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});

describe('POST /account/password — sessions', () => {
  it("ends the account's other sessions and gives this one a new id", async () => {
    const user = await createUser();
    const app = newApp();
    const laptop = await loginAs(app, user);
    const phone = await loginAs(app, user);
    expect((await phone.get('/account')).status).toBe(200);
    const res = await postForm(
      laptop,
      '/account/password',
      { currentPassword: user.password, password: 'a-brand-new-pass-7', confirm: 'a-brand-new-pass-7' },
      '/account',
    );
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).toBeTruthy();
    expect((await laptop.get('/account')).status).toBe(200);
    const other = await phone.get('/account').set('Accept', 'text/html');
    expect(other.status).toBe(303);
    expect(other.headers.location).toMatch(/^\/login/);
    const [row] = await query<{ session_version: number }>('SELECT session_version FROM users WHERE id = ?', [user.id]);
    expect(row!.session_version).toBe(user.sessionVersion + 1);
  });
});
