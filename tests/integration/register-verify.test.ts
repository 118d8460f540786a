import bcrypt from 'bcrypt';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { checkVerificationCode, issueVerificationCode } from '../../src/modules/accounts/codes.service.js';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';
import { csrfFrom, newApp, postForm, type Agent } from '../helpers/http.js';

const valid = { name: 'Sokha Chan', email: 'Sokha@Example.com', phone: '012 345 678', password: 'angkor-sunrise-42' };

type UserRow = {
  id: number;
  email: string;
  phone: string;
  email_verified_at: Date | null;
  password_hash: string;
  locale: string;
};
type CodeRow = { code_hash: string; attempts: number; sent_at: Date; expires_at: Date };

async function register(agent: Agent, body: Partial<typeof valid> = {}) {
  return postForm(agent, '/register', { ...valid, ...body });
}
const userRow = async (email = 'sokha@example.com') =>
  (await query<UserRow>('SELECT * FROM users WHERE email = ?', [email]))[0];
const codeRow = async (userId: number) =>
  (await query<CodeRow>('SELECT * FROM email_codes WHERE user_id = ?', [userId]))[0];

describe('POST /register', () => {
  it(
    'with valid details — creates an unverified account, stores the normalised phone and a hashed code, ' +
      'emails the code',
    async () => {
      const agent = request.agent(newApp());
      const res = await register(agent);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/verify');

      const user = await userRow();
      expect(user).toMatchObject({
        email: 'sokha@example.com',
        phone: '+85512345678',
        email_verified_at: null,
        locale: 'en',
      });
      expect(await bcrypt.compare(valid.password, user!.password_hash)).toBe(true);

      const code = await mailbox.codeFor('sokha@example.com');
      const row = await codeRow(user!.id);
      expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row!.code_hash).not.toContain(code);
      expect(row!.expires_at.getTime() - row!.sent_at.getTime()).toBe(10 * 60 * 1000);

      const mail = mailbox.to('sokha@example.com')[0]!;
      expect(mail.text).toContain(code);
      expect(mail.html).toContain(code);

      const verifyPage = await agent.get('/verify');
      expect(verifyPage.text).toContain('value="sokha@example.com"');
    },
  );

  it('with every field wrong — all four errors at once (the password policy too), values kept, nothing created', async () => {
    const res = await register(request.agent(newApp()), {
      name: ' ',
      email: 'sokha@',
      phone: '12345',
      password: 'abc123',
    });
    expect(res.status).toBe(422);
    for (const field of ['name', 'email', 'phone', 'password'])
      expect(res.text).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    expect(res.text).toContain('at least 8 characters');
    expect(res.text).toContain('value="sokha@"');
    expect(await query('SELECT id FROM users')).toHaveLength(0);
  });

  it.each([
    ['an invalid phone', { phone: '12345' }, 'phone', 'Enter a Cambodian phone number'],
    ['a short password', { password: 'abc123' }, 'password', 'at least 8 characters'],
    ['a very common password', { password: 'password123' }, 'password', 'too common'],
    ['the email as password', { password: 'sokha@example.com' }, 'password', 'must not be your email'],
    ['a missing name', { name: '  ' }, 'name', 'This field is required'],
    ['a malformed email', { email: 'sokha@' }, 'email', 'valid email'],
  ])(
    'with %s — re-renders 422 with the message, keeps the values and creates nothing',
    async (_label, override, field, message) => {
      const agent = request.agent(newApp());
      const res = await register(agent, override);
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
      if (field !== 'name') expect(res.text).toContain('value="Sokha Chan"');
      expect(res.text).not.toContain(valid.password);
      expect(await query('SELECT id FROM users')).toHaveLength(0);
      expect(mailbox.messages).toHaveLength(0);
    },
  );

  it('with an email that already has an account — 422 and still one account', async () => {
    await register(request.agent(newApp()));
    const res = await register(request.agent(newApp()), { email: 'sokha@example.com' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('already exists');
    expect(await query('SELECT id FROM users')).toHaveLength(1);
  });

  it('without a CSRF token — 403 and no account', async () => {
    const agent = request.agent(newApp());
    await agent.get('/register');
    const res = await agent.post('/register').type('form').send(valid);
    expect(res.status).toBe(403);
    expect(res.text).toContain('form has expired');
    expect(await query('SELECT id FROM users')).toHaveLength(0);
  });

  it('in Khmer — the code email goes out in Khmer and the account keeps the language', async () => {
    const agent = request.agent(newApp());
    await agent.get('/lang/km');
    await register(agent);
    const mail = await mailbox.waitFor('sokha@example.com');
    expect(mail.subject).toContain('លេខកូដ');
    expect((await userRow())!.locale).toBe('km');
  });
});

describe('POST /verify', () => {
  async function registered() {
    const agent = request.agent(newApp());
    await register(agent);
    const code = await mailbox.codeFor('sokha@example.com');
    const user = (await userRow())!;
    return { agent, code, user };
  }
  const verify = (agent: Agent, code: string) => postForm(agent, '/verify', { email: 'sokha@example.com', code });

  it('with the right code — verifies the account, consumes the code and signs the customer in', async () => {
    const { agent, code, user } = await registered();
    const res = await verify(agent, code);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
    expect((await userRow())!.email_verified_at).toBeInstanceOf(Date);
    expect(await codeRow(user.id)).toBeUndefined();
    const account = await agent.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain('Your email is confirmed');
  });

  it('with a wrong code — 422, one try used, still unverified', async () => {
    const { agent, code, user } = await registered();
    const wrong = code === '000000' ? '111111' : '000000';
    const res = await verify(agent, wrong);
    expect(res.status).toBe(422);
    expect(res.text).toContain('That code is not correct');
    expect((await codeRow(user.id))!.attempts).toBe(1);
    expect((await userRow())!.email_verified_at).toBeNull();
  });

  it('after 5 wrong tries — the 6th, even with the right code, is refused until a new code is sent', async () => {
    const { agent, code, user } = await registered();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await verify(agent, wrong)).status).toBe(422);
    expect((await codeRow(user.id))!.attempts).toBe(5);
    const sixth = await verify(agent, code);
    expect(sixth.status).toBe(422);
    expect(sixth.text).toContain('Too many wrong tries');
    expect((await userRow())!.email_verified_at).toBeNull();
    expect((await codeRow(user.id))!.attempts).toBe(5);
  });

  it('with an expired code — 422 "expired" and still unverified', async () => {
    const { agent, code, user } = await registered();
    await query('UPDATE email_codes SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE user_id = ?', [user.id]);
    const res = await verify(agent, code);
    expect(res.status).toBe(422);
    expect(res.text).toContain('expired');
    expect((await userRow())!.email_verified_at).toBeNull();
  });

  it('with letters instead of digits — 422 asking for 6 digits, no try used', async () => {
    const { agent, user } = await registered();
    const res = await verify(agent, '12ab56');
    expect(res.status).toBe(422);
    expect(res.text).toContain('6 digits');
    expect((await codeRow(user.id))!.attempts).toBe(0);
  });
});

describe('POST /verify/resend', () => {
  it('within 60 seconds — refused with the wait time; the old code stays', async () => {
    const agent = request.agent(newApp());
    await register(agent);
    const user = (await userRow())!;
    const before = await codeRow(user.id);
    const res = await postForm(agent, '/verify/resend', { email: 'sokha@example.com' }, '/verify');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/Please wait \d+ seconds/);
    expect((await codeRow(user.id))!.code_hash).toBe(before!.code_hash);
    expect(mailbox.messages).toHaveLength(1);
  });

  it('after the cooldown — sends a new code that replaces the old one and resets the tries', async () => {
    const agent = request.agent(newApp());
    await register(agent);
    const oldCode = await mailbox.codeFor('sokha@example.com');
    const user = (await userRow())!;
    await query('UPDATE email_codes SET sent_at = sent_at - INTERVAL 61 SECOND, attempts = 3 WHERE user_id = ?', [
      user.id,
    ]);
    const res = await postForm(agent, '/verify/resend', { email: 'sokha@example.com' }, '/verify');
    expect(res.status).toBe(303);
    const newCode = await mailbox.codeFor('sokha@example.com', 2);
    const row = (await codeRow(user.id))!;
    expect(row.attempts).toBe(0);
    expect(await query('SELECT id FROM email_codes WHERE user_id = ?', [user.id])).toHaveLength(1);
    if (oldCode !== newCode) {
      const stale = await postForm(agent, '/verify', { email: 'sokha@example.com', code: oldCode });
      expect(stale.status).toBe(422);
    }
    const ok = await postForm(agent, '/verify', { email: 'sokha@example.com', code: newCode });
    expect(ok.status).toBe(303);
  });

  it('for an unknown email — the same answer and no mail', async () => {
    const agent = request.agent(newApp());
    await csrfFrom(agent, '/verify');
    const res = await postForm(agent, '/verify/resend', { email: 'nobody@example.com' }, '/verify');
    expect(res.status).toBe(303);
    expect(mailbox.messages).toHaveLength(0);
  });
});

describe('verification codes with an injected clock', () => {
  it('a code is valid just before 10 minutes and expired at 10 minutes', async () => {
    const { createUser } = await import('../helpers/http.js');
    const user = await createUser();
    const t0 = new Date('2026-01-01T00:00:00Z');
    const issued = await issueVerificationCode(user.id, t0);
    if (!issued.sent) throw new Error('not sent');
    expect(await checkVerificationCode(user.id, issued.code, new Date(t0.getTime() + 10 * 60 * 1000))).toBe('expired');
    expect(await checkVerificationCode(user.id, issued.code, new Date(t0.getTime() + 10 * 60 * 1000 - 1))).toBe('ok');
  });

  it('re-issuing before 60 s is refused; at 60 s it replaces the code', async () => {
    const { createUser } = await import('../helpers/http.js');
    const user = await createUser();
    const t0 = new Date('2026-01-01T00:00:00Z');
    await issueVerificationCode(user.id, t0);
    expect(await issueVerificationCode(user.id, new Date(t0.getTime() + 59_000))).toEqual({
      sent: false,
      retryAfterSeconds: 1,
    });
    expect((await issueVerificationCode(user.id, new Date(t0.getTime() + 60_000))).sent).toBe(true);
  });
});
