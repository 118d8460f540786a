import bcrypt from 'bcrypt';
import { HtmlValidate } from 'html-validate';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { type Agent, createUser, csrfFrom, loginAs, newApp, postForm } from '../helpers/http.js';

type Row = {
  id: number;
  user_id: number;
  recipient_name: string;
  phone: string;
  street: string;
  commune: string;
  district: string;
  province: string;
  note: string | null;
  is_default: number;
};

const rowsOf = (userId: number) =>
  query<Row>('SELECT * FROM addresses WHERE user_id = ? ORDER BY id', [userId]).then((rows) =>
    rows.map((r) => ({ ...r, is_default: Number(r.is_default) })),
  );
const defaultsOf = async (userId: number) => (await rowsOf(userId)).filter((r) => r.is_default).map((r) => r.id);

const home = {
  recipientName: 'Sokha Chan',
  phone: '012 345 678',
  street: '#25, St. 271',
  commune: 'Boeung Keng Kang 1',
  district: 'Chamkarmon',
  province: 'Phnom Penh',
  note: 'Blue gate',
};

async function signedIn(role: 'customer' | 'staff' | 'admin' = 'customer') {
  const user = await createUser({ role });
  const agent = await loginAs(newApp(), user);
  return { user, agent };
}

/** Adds an address through the form and returns the new row's id. */
async function add(agent: Agent, userId: number, fields: Partial<typeof home> & { makeDefault?: string } = {}) {
  const res = await postForm(agent, '/account/addresses', { ...home, ...fields }, '/account/addresses/new');
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  const rows = await rowsOf(userId);
  return rows[rows.length - 1]!.id;
}

/** Straight into the table: a full address book without 20 form posts. */
async function insertAddresses(userId: number, count: number) {
  for (let i = 0; i < count; i++)
    await query(
      'INSERT INTO addresses (user_id, recipient_name, phone, street, commune, district, province, is_default) ' +
        "VALUES (?, ?, '+85512345678', 'St. 1', 'Commune', 'District', 'Kandal', ?)",
      [userId, `Person ${i}`, i === 0],
    );
}

describe('/account/addresses — the address book', () => {
  it('a visitor is sent to log in, for the list, the forms and every action', async () => {
    const app = newApp();
    for (const path of ['/account/addresses', '/account/addresses/new', '/account/addresses/1/edit']) {
      const res = await request(app).get(path).set('Accept', 'text/html');
      expect(res.status, path).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const visitor = request.agent(app);
    const _csrf = await csrfFrom(visitor, '/login');
    for (const path of ['/account/addresses', '/account/addresses/1', '/account/addresses/1/default']) {
      const res = await visitor
        .post(path)
        .type('form')
        .set('Accept', 'text/html')
        .send({ ...home, _csrf });
      expect(res.status, path).toBe(303);
      expect(res.headers.location).toMatch(/^\/login\?next=/);
    }
    expect(await query('SELECT id FROM addresses')).toHaveLength(0);
  });

  it('adds the first address as the default, with the phone normalised, and lists it marked', async () => {
    const { user, agent } = await signedIn();
    const empty = await agent.get('/account/addresses');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('You have no saved addresses yet.');
    expect(empty.text).toMatch(/<a href="\/account\/addresses" aria-current="page">Addresses<\/a>/);

    const form = await agent.get('/account/addresses/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${user.name}"`);

    await add(agent, user.id, { makeDefault: '' });
    const [row] = await rowsOf(user.id);
    expect(row).toMatchObject({
      recipient_name: 'Sokha Chan',
      phone: '+85512345678',
      street: '#25, St. 271',
      commune: 'Boeung Keng Kang 1',
      district: 'Chamkarmon',
      province: 'Phnom Penh',
      note: 'Blue gate',
      is_default: 1,
    });
    const list = await agent.get('/account/addresses');
    expect(list.text).toContain('The address was added.');
    expect(list.text).toContain('#25, St. 271');
    expect(list.text).toContain('012 345 678');
    expect(list.text).toMatch(/Sokha Chan <span class="address-default">Default<\/span>/);
  });

  it('a second address is not the default unless asked; asking moves the default, and the list shows it first', async () => {
    const { user, agent } = await signedIn();
    const first = await add(agent, user.id);
    const second = await add(agent, user.id, { recipientName: 'Dara Kim', street: 'St. 63' });
    expect(await defaultsOf(user.id)).toEqual([first]);
    const third = await add(agent, user.id, { recipientName: 'Vanna Sok', street: 'St. 99', makeDefault: '1' });
    expect(await defaultsOf(user.id)).toEqual([third]);
    expect(await rowsOf(user.id)).toHaveLength(3);
    const list = (await agent.get('/account/addresses')).text;
    expect(list.indexOf('Vanna Sok')).toBeLessThan(list.indexOf('Dara Kim'));
    expect(list.indexOf('Vanna Sok')).toBeLessThan(list.indexOf('Sokha Chan'));
    expect(second).toBeGreaterThan(first);
  });

  it('bad input — every error at once, values kept, 422, nothing saved', async () => {
    const { user, agent } = await signedIn();
    const res = await postForm(
      agent,
      '/account/addresses',
      {
        recipientName: '',
        phone: '999',
        street: 'Kept street',
        commune: '',
        district: 'x'.repeat(101),
        province: 'Mars',
      },
      '/account/addresses/new',
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Please correct the fields below.');
    expect(res.text).toContain('This field is required.');
    expect(res.text).toContain('Enter a Cambodian phone number');
    expect(res.text).toContain('This is too long.');
    expect(res.text).toContain('Choose a province.');
    expect(res.text).toContain('value="999"');
    expect(res.text).toContain('value="Kept street"');
    expect(res.text.match(/aria-invalid="true"/g)).toHaveLength(5);
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it('edits an address: the fields change, the other address is untouched; bad input is 422 with no change', async () => {
    const { user, agent } = await signedIn();
    const first = await add(agent, user.id);
    const second = await add(agent, user.id, { recipientName: 'Dara Kim' });
    const form = await agent.get(`/account/addresses/${second}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Dara Kim"');
    expect(form.text).toContain('value="012 345 678"');

    const res = await postForm(
      agent,
      `/account/addresses/${second}`,
      {
        ...home,
        recipientName: 'Dara Kim',
        phone: '+855 97 123 4567',
        street: 'St. 2004',
        province: 'Siem Reap',
        note: '',
      },
      `/account/addresses/${second}/edit`,
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/addresses');
    const [a, b] = await rowsOf(user.id);
    expect(a).toMatchObject({ id: first, street: '#25, St. 271', province: 'Phnom Penh', is_default: 1 });
    expect(b).toMatchObject({ id: second, phone: '+855971234567', street: 'St. 2004', province: 'Siem Reap' });
    expect(b!.note).toBeNull();
    expect(b!.is_default).toBe(0);

    const bad = await postForm(
      agent,
      `/account/addresses/${second}`,
      { ...home, street: '', phone: 'abc' },
      `/account/addresses/${second}/edit`,
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="abc"');
    expect((await rowsOf(user.id))[1]).toEqual(b);

    const makeDefault = await postForm(
      agent,
      `/account/addresses/${second}`,
      { ...home, makeDefault: '1' },
      `/account/addresses/${second}/edit`,
    );
    expect(makeDefault.status).toBe(303);
    expect(await defaultsOf(user.id)).toEqual([second]);
  });

  it('sets the default: exactly one default, the old one unset', async () => {
    const { user, agent } = await signedIn();
    const first = await add(agent, user.id);
    const second = await add(agent, user.id);
    expect(await defaultsOf(user.id)).toEqual([first]);
    const res = await postForm(agent, `/account/addresses/${second}/default`, {}, '/account/addresses');
    expect(res.status).toBe(303);
    expect(await defaultsOf(user.id)).toEqual([second]);
    const back = await postForm(agent, `/account/addresses/${first}/default`, {}, '/account/addresses');
    expect(back.status).toBe(303);
    expect(await defaultsOf(user.id)).toEqual([first]);
  });

  it('10 parallel "set default" requests — still exactly one default, never a 500', async () => {
    const { user, agent } = await signedIn();
    await insertAddresses(user.id, 10);
    const ids = (await rowsOf(user.id)).map((r) => r.id);
    const _csrf = await csrfFrom(agent, '/account/addresses');
    const results = await Promise.all(
      ids.map((id) =>
        agent.post(`/account/addresses/${id}/default`).type('form').set('Accept', 'text/html').send({ _csrf }),
      ),
    );
    for (const r of results) expect(r.status).toBe(303);
    const defaults = await defaultsOf(user.id);
    expect(defaults).toHaveLength(1);
    expect(ids).toContain(defaults[0]);
  });

  it('deletes only after the confirm box is ticked; deleting the default hands it to another address', async () => {
    const { user, agent } = await signedIn();
    const first = await add(agent, user.id);
    const second = await add(agent, user.id);
    const third = await add(agent, user.id);
    const list = await agent.get('/account/addresses');
    expect(list.text).toContain(`action="/account/addresses/${first}/delete"`);
    expect(list.text).toMatch(/<details class="confirm">/);

    const unconfirmed = await postForm(agent, `/account/addresses/${second}/delete`, {}, '/account/addresses');
    expect(unconfirmed.status).toBe(303);
    expect(await rowsOf(user.id)).toHaveLength(3);
    expect((await agent.get('/account/addresses')).text).toContain('Tick the box to confirm first');

    const res = await postForm(agent, `/account/addresses/${second}/delete`, { confirm: 'yes' }, '/account/addresses');
    expect(res.status).toBe(303);
    expect((await rowsOf(user.id)).map((r) => r.id)).toEqual([first, third]);
    expect(await defaultsOf(user.id)).toEqual([first]);

    await postForm(agent, `/account/addresses/${first}/delete`, { confirm: 'yes' }, '/account/addresses');
    expect((await rowsOf(user.id)).map((r) => r.id)).toEqual([third]);
    expect(await defaultsOf(user.id)).toEqual([third]);

    await postForm(agent, `/account/addresses/${third}/delete`, { confirm: 'yes' }, '/account/addresses');
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it('at most 20 addresses: the 21st is refused with a clear message and nothing is added', async () => {
    const { user, agent } = await signedIn();
    await insertAddresses(user.id, 19);
    await add(agent, user.id);
    expect(await rowsOf(user.id)).toHaveLength(20);
    const list = await agent.get('/account/addresses');
    expect(list.text).toContain('20 of 20 addresses');
    expect(list.text).not.toContain('href="/account/addresses/new"');
    expect((await agent.get('/account/addresses/new')).text).toContain('Your address book is full (20 addresses)');

    const res = await postForm(agent, '/account/addresses', home, '/account/addresses');
    expect(res.status).toBe(422);
    expect(res.text).toContain('An address book holds at most 20 addresses.');
    expect(res.text).toContain('value="#25, St. 271"');
    expect(await rowsOf(user.id)).toHaveLength(20);
  });

  it('two parallel adds at 19 addresses — one gets in, the other is refused: never 21', async () => {
    const { user, agent } = await signedIn();
    await insertAddresses(user.id, 19);
    const _csrf = await csrfFrom(agent, '/account/addresses/new');
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        agent
          .post('/account/addresses')
          .type('form')
          .set('Accept', 'text/html')
          .send({ ...home, _csrf }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 422, 422]);
    expect(await rowsOf(user.id)).toHaveLength(20);
  });

  it("another customer's address — 404 to view, edit, delete or make default, and nothing changes (staff too)", async () => {
    const owner = await signedIn();
    const mine = await add(owner.agent, owner.user.id);
    const other = await add(owner.agent, owner.user.id, { recipientName: 'Second' });
    const before = await rowsOf(owner.user.id);
    for (const role of ['customer', 'staff', 'admin'] as const) {
      const { agent } = await signedIn(role);
      for (const id of [mine, other]) {
        const edit = await agent.get(`/account/addresses/${id}/edit`).set('Accept', 'text/html');
        expect(edit.status, `${role} edit`).toBe(404);
        expect(edit.text).not.toContain('Sokha');
        for (const [path, body] of [
          [`/account/addresses/${id}`, { ...home, recipientName: 'Stolen' }],
          [`/account/addresses/${id}/default`, {}],
          [`/account/addresses/${id}/delete`, { confirm: 'yes' }],
        ] as const) {
          const res = await postForm(agent, path, body, '/account/addresses');
          expect(res.status, `${role} ${path}`).toBe(404);
        }
      }
      expect((await agent.get('/account/addresses')).text).not.toContain('Sokha');
    }
    expect(await rowsOf(owner.user.id)).toEqual(before);
  });

  it('malformed ids — a 404, never a 500', async () => {
    const { user, agent } = await signedIn();
    await add(agent, user.id);
    const before = await rowsOf(user.id);
    for (const bad of ['abc', '0', '-1', '1.5', '9'.repeat(25), '1e3', '%20']) {
      const get = await agent.get(`/account/addresses/${bad}/edit`).set('Accept', 'text/html');
      expect(get.status, `GET ${bad}`).toBe(404);
      for (const path of [
        `/account/addresses/${bad}`,
        `/account/addresses/${bad}/default`,
        `/account/addresses/${bad}/delete`,
      ]) {
        const res = await postForm(agent, path, { ...home, confirm: 'yes' }, '/account/addresses');
        expect(res.status, path).toBe(404);
      }
    }
    expect(await rowsOf(user.id)).toEqual(before);
  });

  it('without a CSRF token every action is refused (403) and nothing changes', async () => {
    const { user, agent } = await signedIn();
    const id = await add(agent, user.id);
    await add(agent, user.id);
    const before = await rowsOf(user.id);
    for (const [path, body] of [
      ['/account/addresses', home],
      [`/account/addresses/${id}`, { ...home, street: 'Forged' }],
      [`/account/addresses/${before[1]!.id}/default`, {}],
      [`/account/addresses/${id}/delete`, { confirm: 'yes' }],
    ] as const) {
      const res = await agent.post(path).type('form').set('Accept', 'text/html').send(body);
      expect(res.status, path).toBe(403);
    }
    expect(await rowsOf(user.id)).toEqual(before);
  });
});

describe('/account and /account/security', () => {
  it('every account page shows the account tabs with the current one marked', async () => {
    const { agent } = await signedIn();
    const pages: [string, string][] = [
      ['/orders', 'Orders'],
      ['/wishlist', 'Wishlist'],
      ['/account/addresses', 'Addresses'],
      ['/account/addresses/new', 'Addresses'],
      ['/account', 'Profile'],
      ['/account/security', 'Security'],
    ];
    for (const [path, tab] of pages) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      const nav = /<nav class="account-nav"[\s\S]*?<\/nav>/.exec(res.text)?.[0] ?? '';
      for (const href of ['/orders', '/wishlist', '/account/addresses', '/account', '/account/security'])
        expect(nav, path).toContain(`href="${href}"`);
      expect(nav.match(/aria-current="page"/g), path).toHaveLength(1);
      expect(nav, path).toMatch(new RegExp(`aria-current="page">${tab}</a>`));
    }
  });

  it('the password form lives on /account/security; a wrong current password is 422 there, a right one returns there', async () => {
    const { user, agent } = await signedIn();
    expect((await agent.get('/account')).text).not.toContain('name="currentPassword"');
    const page = await agent.get('/account/security');
    expect(page.text).toContain('name="currentPassword"');
    expect(page.text).toContain('action="/account/password"');

    const wrong = await postForm(
      agent,
      '/account/password',
      { currentPassword: 'not-it-at-all', password: 'fresh-pass-123', confirm: 'fresh-pass-123' },
      '/account/security',
    );
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('The current password is not correct.');
    expect(wrong.text).toMatch(/aria-current="page">Security<\/a>/);

    const ok = await postForm(
      agent,
      '/account/password',
      { currentPassword: user.password, password: 'fresh-pass-123', confirm: 'fresh-pass-123' },
      '/account/security',
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/account/security');
    const [row] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
    expect(await bcrypt.compare('fresh-pass-123', row!.password_hash)).toBe(true);
  });

  it('the account pages are valid HTML (list with addresses, forms, a 422 form, security, orders, wishlist)', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:document'],
      rules: { 'require-sri': 'off', 'no-trailing-whitespace': 'off', 'long-title': 'off' },
    });
    const { user, agent } = await signedIn();
    const id = await add(agent, user.id);
    await add(agent, user.id, { recipientName: 'Dara Kim' });
    const invalid = await postForm(agent, '/account/addresses', { province: 'x' }, '/account/addresses/new');
    expect(invalid.status).toBe(422);
    const found: Record<string, string[]> = {};
    const check = async (label: string, html: string) => {
      const report = await validator.validateString(html);
      const list = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`));
      if (list.length) found[label] = list;
    };
    await check('422 form', invalid.text);
    for (const path of [
      '/account/addresses',
      '/account/addresses/new',
      `/account/addresses/${id}/edit`,
      '/account',
      '/account/security',
      '/orders',
      '/wishlist',
    ])
      await check(path, (await agent.get(path)).text);
    expect(found).toEqual({});
  });

  it('in Khmer the address book and its form read in Khmer', async () => {
    const { user, agent } = await signedIn();
    await query("UPDATE users SET locale = 'km' WHERE id = ?", [user.id]);
    await add(agent, user.id);
    const list = await agent.get('/account/addresses');
    expect(list.text).toContain('<html lang="km">');
    expect(list.text).toContain('សៀវភៅអាសយដ្ឋាន');
    expect(list.text).toContain('លំនាំដើម');
    const form = await agent.get('/account/addresses/new');
    expect(form.text).toContain('រក្សាទុកអាសយដ្ឋាន');
  });
});
