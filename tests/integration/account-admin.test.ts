import bcrypt from 'bcrypt';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';

describe('/account', () => {
  it('a visitor is sent to log in and back', async () => {
    const res = await request(newApp()).get('/account');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount');
  });

  it('POST /account/profile — saves name and normalised phone', async () => {
    const user = await createUser();
    const agent = await loginAs(newApp(), user);
    const res = await postForm(agent, '/account/profile', { name: 'Dara Kim', phone: '+855 97 123 4567' }, '/account');
    expect(res.status).toBe(303);
    const [row] = await query<{ name: string; phone: string }>('SELECT name, phone FROM users WHERE id = ?', [user.id]);
    expect(row).toEqual({ name: 'Dara Kim', phone: '+855971234567' });
    expect((await agent.get('/account')).text).toContain('value="097 123 4567"');
  });

  it('POST /account/profile — a bad phone re-renders 422 with the values kept and changes nothing', async () => {
    const user = await createUser({ name: 'Original Name' });
    const agent = await loginAs(newApp(), user);
    const res = await postForm(agent, '/account/profile', { name: 'New Name', phone: '999' }, '/account');
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="New Name"');
    expect(res.text).toContain('value="999"');
    const [row] = await query<{ name: string }>('SELECT name FROM users WHERE id = ?', [user.id]);
    expect(row!.name).toBe('Original Name');
  });

  it('POST /account/password — needs the current password', async () => {
    const user = await createUser();
    const agent = await loginAs(newApp(), user);
    const wrong = await postForm(
      agent,
      '/account/password',
      { currentPassword: 'nope-nope-nope', password: 'fresh-pass-123', confirm: 'fresh-pass-123' },
      '/account',
    );
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('current password is not correct');
    let [row] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
    expect(await bcrypt.compare(user.password, row!.password_hash)).toBe(true);

    const ok = await postForm(
      agent,
      '/account/password',
      { currentPassword: user.password, password: 'fresh-pass-123', confirm: 'fresh-pass-123' },
      '/account',
    );
    expect(ok.status).toBe(303);
    [row] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
    expect(await bcrypt.compare('fresh-pass-123', row!.password_hash)).toBe(true);
  });

  it("POST /lang — a signed-in user's choice is saved on the account and used on the next login", async () => {
    const user = await createUser();
    const app = newApp();
    const agent = await loginAs(app, user);
    const res = await postForm(agent, '/lang', { locale: 'km', next: '/account' }, '/account');
    expect(res.status).toBe(303);
    expect((await query<{ locale: string }>('SELECT locale FROM users WHERE id = ?', [user.id]))[0]!.locale).toBe('km');
    expect((await agent.get('/account')).text).toContain('<html lang="km">');
    // A fresh device with no cookie still gets Khmer after logging in.
    const other = await loginAs(app, user);
    expect((await other.get('/account')).text).toContain('គណនីរបស់ខ្ញុំ');
  });

  it('POST /lang — an unknown language is a 422 and nothing changes', async () => {
    const user = await createUser();
    const agent = await loginAs(newApp(), user);
    const res = await postForm(agent, '/lang', { locale: 'fr' }, '/account');
    expect(res.status).toBe(422);
    expect((await query<{ locale: string }>('SELECT locale FROM users WHERE id = ?', [user.id]))[0]!.locale).toBe('en');
  });
});

describe('roles and /admin', () => {
  it('a visitor opening /admin is sent to log in and back', async () => {
    const res = await request(newApp()).get('/admin');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fadmin');
  });

  it('a customer gets 403 on /admin and /admin/staff', async () => {
    const agent = await loginAs(newApp(), await createUser());
    const res = await agent.get('/admin');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Access denied');
    expect((await agent.get('/admin/staff')).status).toBe(403);
  });

  it('staff open /admin but get 403 on /admin/staff and cannot create accounts', async () => {
    const agent = await loginAs(newApp(), await createUser({ role: 'staff' }));
    expect((await agent.get('/admin')).status).toBe(200);
    expect((await agent.get('/admin/staff')).status).toBe(403);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/admin')).text)![1]!;
    const res = await agent
      .post('/admin/staff')
      .type('form')
      .send({ name: 'X', email: 'x@example.com', password: 'some-pass-123', role: 'admin', _csrf });
    expect(res.status).toBe(403);
    expect(await query('SELECT id FROM users WHERE email = ?', ['x@example.com'])).toHaveLength(0);
  });

  it('an admin creates a staff account that is verified and can log in', async () => {
    const app = newApp();
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const res = await postForm(admin, '/admin/staff', {
      name: 'Vanna Sok',
      email: 'vanna@shop.test',
      password: 'counter-pass-77',
      role: 'staff',
    });
    expect(res.status).toBe(303);
    const [row] = await query<{ role: string; email_verified_at: Date | null }>(
      'SELECT role, email_verified_at FROM users WHERE email = ?',
      ['vanna@shop.test'],
    );
    expect(row!.role).toBe('staff');
    expect(row!.email_verified_at).toBeInstanceOf(Date);
    const staff = await loginAs(app, { email: 'vanna@shop.test', password: 'counter-pass-77' });
    expect((await staff.get('/admin')).status).toBe(200);
  });

  it('an admin creating a staff account with a taken email — 422, values kept', async () => {
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    await createUser({ email: 'taken@shop.test' });
    const res = await postForm(admin, '/admin/staff', {
      name: 'Dup',
      email: 'taken@shop.test',
      password: 'counter-pass-77',
      role: 'staff',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="Dup"');
    expect(await query('SELECT id FROM users WHERE email = ?', ['taken@shop.test'])).toHaveLength(1);
  });

  it("an admin changes a role and disables an account: the user's sessions end and login is refused", async () => {
    const app = newApp();
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const clerk = await createUser({ role: 'staff' });
    const clerkAgent = await loginAs(app, clerk);
    expect((await clerkAgent.get('/admin')).status).toBe(200);

    expect((await postForm(admin, `/admin/staff/${clerk.id}/role`, { role: 'customer' }, '/admin/staff')).status).toBe(
      303,
    );
    expect((await query<{ role: string }>('SELECT role FROM users WHERE id = ?', [clerk.id]))[0]!.role).toBe(
      'customer',
    );
    expect((await clerkAgent.get('/admin')).status).toBe(403);

    // Without ticking the confirm box nothing happens.
    const unconfirmed = await postForm(admin, `/admin/staff/${clerk.id}/disable`, {}, '/admin/staff');
    expect(unconfirmed.status).toBe(303);
    expect((await query('SELECT id FROM users WHERE id = ? AND disabled_at IS NULL', [clerk.id])).length).toBe(1);
    expect((await admin.get('/admin/staff')).text).toContain('Tick the box to confirm first');
    expect((await postForm(admin, `/admin/staff/${clerk.id}/disable`, { confirm: 'yes' }, '/admin/staff')).status).toBe(
      303,
    );
    expect(
      (await query<{ disabled_at: Date | null }>('SELECT disabled_at FROM users WHERE id = ?', [clerk.id]))[0]!
        .disabled_at,
    ).toBeInstanceOf(Date);
    expect((await clerkAgent.get('/account')).status).toBe(303);
    const relog = await postForm(request.agent(app), '/login', { email: clerk.email, password: clerk.password });
    expect(relog.status).toBe(422);

    expect((await postForm(admin, `/admin/staff/${clerk.id}/enable`, {}, '/admin/staff')).status).toBe(303);
    expect(
      (await query<{ disabled_at: Date | null }>('SELECT disabled_at FROM users WHERE id = ?', [clerk.id]))[0]!
        .disabled_at,
    ).toBeNull();
  });

  it('an admin cannot disable their own account', async () => {
    const me = await createUser({ role: 'admin' });
    const admin = await loginAs(newApp(), me);
    const res = await postForm(admin, `/admin/staff/${me.id}/disable`, { confirm: 'yes' }, '/admin/staff');
    expect(res.status).toBe(409);
    expect(
      (await query<{ disabled_at: Date | null }>('SELECT disabled_at FROM users WHERE id = ?', [me.id]))[0]!
        .disabled_at,
    ).toBeNull();
  });
});
