import request from 'supertest';
import { describe, expect, it } from 'vitest';

// The footer's page list and the whole-page cache are on here (tests elsewhere run with caches off), so these
// tests prove that saving a page empties them. Set before anything reads the app's config.
process.env.CATALOG_CACHE_SECONDS = '30';

const { query } = await import('../helpers/db.js');
const { mailbox } = await import('../helpers/mailbox.js');
const { createUser, csrfFrom, loginAs, newApp, postForm } = await import('../helpers/http.js');
const { seedPages } = await import('../../src/db/seed/pages.js');
type Agent = import('../helpers/http.js').Agent;

type PageRow = {
  id: number;
  slug: string;
  title_en: string;
  title_km: string | null;
  body_en: string;
  body_km: string;
  is_published: number;
  updated_at: Date;
  updated_by: number | null;
};
type MessageRow = {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  subject: string;
  message: string;
  locale: string;
  user_id: number | null;
  handled_at: Date | null;
  handled_by: number | null;
};

const pages = () => query<PageRow>('SELECT * FROM content_pages ORDER BY id');
const messages = () => query<MessageRow>('SELECT * FROM contact_messages ORDER BY id');
const SHOP_INBOX = 'no-reply@localhost'; // MAIL_FROM's address in tests

const pageFields = (extra: Record<string, string> = {}) => ({
  slug: 'delivery',
  titleEn: 'Delivery',
  titleKm: 'ការដឹកជញ្ជូន',
  bodyEn: '# In Phnom Penh\n\nSame day before 16:00.',
  bodyKm: '# ក្នុងរាជធានីភ្នំពេញ\n\nក្នុងថ្ងៃដដែល។',
  isPublished: '1',
  ...extra,
});

const contactFields = (extra: Record<string, string> = {}) => ({
  name: 'Sokha Chan',
  email: 'sokha@example.com',
  phone: '',
  subject: 'Is the Vivobook in stock?',
  message: 'Hello,\nI would like to pick it up tomorrow.',
  ...extra,
});

async function signedIn(role: 'admin' | 'staff' | 'customer', app = newApp()) {
  const user = await createUser({ role });
  return { agent: await loginAs(app, user), user };
}

/** Saves a page through the admin form; returns the response. */
const savePage = (admin: Agent, fields: Record<string, string>, url = '/admin/pages') =>
  postForm(admin, url, fields, '/admin/pages/new');

const footer = (html: string) => /<footer class="site-footer">[\s\S]*?<\/footer>/.exec(html)?.[0] ?? '';
const footerLinks = (html: string) =>
  [...footer(html).matchAll(/<a href="(\/pages\/[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);

describe('content pages: /pages/<slug>', () => {
  it('the seed adds the five pages in English and Khmer, published; run again it adds nothing and keeps edits', async () => {
    expect(await seedPages()).toBe(5);
    const rows = await pages();
    expect(rows.map((r) => r.slug)).toEqual(['about-us', 'warranty-returns', 'delivery', 'terms', 'privacy']);
    for (const r of rows) {
      expect(r.is_published, r.slug).toBe(1);
      expect(r.title_km, r.slug).toMatch(/[\u1780-\u17ff]/);
      expect(r.body_km.length, r.slug).toBeGreaterThan(200);
      expect(r.body_en.length, r.slug).toBeGreaterThan(200);
    }
    await query("UPDATE content_pages SET title_en = 'About Computer Shop' WHERE slug = 'about-us'");
    expect(await seedPages()).toBe(0);
    expect(await pages()).toHaveLength(5);
    expect((await pages())[0]!.title_en).toBe('About Computer Shop');
  });

  it('shows the page in English, and in Khmer to a Khmer reader, with the last change in Phnom Penh time', async () => {
    await seedPages();
    // 20:30 UTC is already the next day in Phnom Penh.
    await query("UPDATE content_pages SET updated_at = '2026-03-01 20:30:00' WHERE slug = 'warranty-returns'");
    const app = newApp();
    const en = await request(app).get('/pages/warranty-returns');
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1>Warranty and returns</h1>');
    expect(en.text).toContain('<h2>Returns within 7 days</h2>'); // "# Heading" sits right under the h1
    expect(en.text).toContain('Last updated 2026-03-02');
    expect(en.text).toContain('datetime="2026-03-01T20:30:00.000Z"');
    expect(en.text).toContain('<a href="/warranty"');
    const km = await request(app).get('/pages/warranty-returns').set('Cookie', 'lang=km');
    expect(km.status).toBe(200);
    expect(km.text).toContain('<html lang="km">');
    expect(km.text).toContain('<h1>ការធានា និងការប្ដូរត្រឡប់</h1>');
    expect(km.text).toContain('<h2>ការប្ដូរត្រឡប់ក្នុងរយៈពេល ៧ ថ្ងៃ</h2>');
    expect(km.text).not.toContain('Returns within 7 days');
    expect(km.text).not.toContain('not yet available in Khmer');
  });

  it('to a Khmer reader, a page without a Khmer text shows the English one marked lang="en", with a note', async () => {
    const { agent: admin } = await signedIn('admin');
    await savePage(admin, pageFields({ titleKm: '', bodyKm: '  ' }));
    const km = await request(newApp()).get('/pages/delivery').set('Cookie', 'lang=km');
    expect(km.status).toBe(200);
    expect(km.text).toContain('<h1>Delivery</h1>');
    expect(km.text).toContain('ទំព័រនេះមិនទាន់មានជាភាសាខ្មែរនៅឡើយទេ');
    expect(km.text).toMatch(/<div class="content-body" lang="en">\s*<h2>In Phnom Penh<\/h2>/);
    const en = await request(newApp()).get('/pages/delivery');
    expect(en.text).not.toContain('not yet available in Khmer');
  });

  it('an unpublished or unknown page is 404, a strange slug is 4xx, never 500', async () => {
    const { agent: admin } = await signedIn('admin');
    await savePage(admin, pageFields({ isPublished: '' }));
    const app = newApp();
    expect((await request(app).get('/pages/delivery')).status).toBe(404);
    expect((await request(app).get('/pages/nope')).status).toBe(404);
    for (const slug of ['%00', 'x'.repeat(300), '..%2F..%2Fetc', '%E0%A4%A']) {
      const res = await request(app).get(`/pages/${slug}`);
      expect(res.status, slug).toBeGreaterThanOrEqual(400);
      expect(res.status, slug).toBeLessThan(500);
    }
    // ...and the admin still sees it in the list, as a draft.
    const list = await admin.get('/admin/pages');
    expect(list.text).toContain('Delivery');
    expect(list.text).toContain('Draft');
  });

  it('Markdown is rendered safely: no raw HTML, no script, no javascript: links (page and admin preview)', async () => {
    const { agent: admin } = await signedIn('admin');
    const hostile = [
      '# Hello',
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '[click](javascript:alert(3)) and [data](data:text/html;base64,PHNjcmlwdD4=)',
      '<a href="javascript:alert(4)">raw</a>',
      '[ok](https://example.com/)',
    ].join('\n\n');
    expect((await savePage(admin, pageFields({ bodyEn: hostile, bodyKm: hostile }))).status).toBe(303);
    for (const [who, res] of [
      ['en', await request(newApp()).get('/pages/delivery')],
      ['km', await request(newApp()).get('/pages/delivery').set('Cookie', 'lang=km')],
      ['preview', await postForm(admin, '/admin/pages', { ...pageFields({ bodyEn: hostile }), intent: 'preview' })],
    ] as const) {
      expect(res.status, who).toBe(200);
      const body = /<div class="content-body"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)![1]!;
      expect(body, who).not.toMatch(/<script|<img|<a href="(?:javascript|data):/i);
      expect(body, who).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;'); // shown as text
      expect(body, who).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(body, who).toContain('<a href="https://example.com/" rel="nofollow noopener noreferrer">ok</a>');
      expect(res.text, who).not.toContain('<script>alert(1)</script>');
    }
  });
});

describe('the footer links the published pages', () => {
  it("on every storefront page, in the reader's language; saving a page updates it at once (cached pages too)", async () => {
    const { agent: admin } = await signedIn('admin');
    await savePage(admin, pageFields());
    await savePage(admin, pageFields({ slug: 'terms', titleEn: 'Terms of sale', titleKm: '', isPublished: '' }));
    const visitor = newApp();
    const home = await request(visitor).get('/');
    expect(home.status).toBe(200);
    expect(footerLinks(home.text)).toEqual(['/pages/delivery Delivery']);
    expect(footer(home.text)).toContain('<a href="/contact">Contact us</a>');
    expect((await request(visitor).get('/')).headers['x-page-cache']).toBe('hit'); // the home page is cached...
    expect(footerLinks((await request(visitor).get('/contact').set('Cookie', 'lang=km')).text)).toEqual([
      '/pages/delivery ការដឹកជញ្ជូន',
    ]);
    expect(footerLinks((await request(visitor).get('/no-such-page')).text)).toEqual(['/pages/delivery Delivery']);

    // ...and still shows the new footer right after an edit and a newly published page.
    const [delivery, terms] = await pages();
    expect(
      (await savePage(admin, pageFields({ titleEn: 'Delivery and pickup' }), `/admin/pages/${delivery!.id}`)).status,
    ).toBe(303);
    expect(
      (
        await savePage(
          admin,
          pageFields({ slug: 'terms', titleEn: 'Terms of sale', titleKm: '' }),
          `/admin/pages/${terms!.id}`,
        )
      ).status,
    ).toBe(303);
    const after = await request(visitor).get('/');
    expect(after.headers['x-page-cache']).toBeUndefined();
    expect(footerLinks(after.text)).toEqual(['/pages/delivery Delivery and pickup', '/pages/terms Terms of sale']);
    // Unpublishing takes it out of the footer.
    await savePage(
      admin,
      pageFields({ slug: 'terms', titleEn: 'Terms of sale', isPublished: '' }),
      `/admin/pages/${terms!.id}`,
    );
    expect(footerLinks((await request(visitor).get('/c/anything')).text)).toEqual([
      '/pages/delivery Delivery and pickup',
    ]);
  });
});

describe('/admin/pages', () => {
  it('an admin creates a page (who and when recorded), edits it, and previews without saving', async () => {
    const { agent: admin, user } = await signedIn('admin');
    const form = await admin.get('/admin/pages/new');
    expect(form.status).toBe(200);
    const created = await savePage(admin, pageFields({ slug: '  Delivery ' }));
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/admin/pages');
    const [row] = await pages();
    expect(row).toMatchObject({
      slug: 'delivery',
      title_en: 'Delivery',
      title_km: 'ការដឹកជញ្ជូន',
      body_en: '# In Phnom Penh\n\nSame day before 16:00.',
      is_published: 1,
      updated_by: user.id,
    });
    expect(Date.now() - new Date(row!.updated_at).getTime()).toBeLessThan(60_000);
    const edit = await admin.get(`/admin/pages/${row!.id}`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('value="delivery"');
    expect(edit.text).toContain('<h2>In Phnom Penh</h2>'); // the stored text's preview

    const preview = await postForm(
      admin,
      `/admin/pages/${row!.id}`,
      { ...pageFields({ bodyEn: '# Changed\n\n**bold** words' }), intent: 'preview' },
      `/admin/pages/${row!.id}`,
    );
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<h2>Changed</h2>');
    expect(preview.text).toContain('<strong>bold</strong>');
    expect(preview.text).toContain('# Changed'); // the textarea keeps what was typed
    expect((await pages())[0]!.body_en).toBe('# In Phnom Penh\n\nSame day before 16:00.');

    const saved = await postForm(
      admin,
      `/admin/pages/${row!.id}`,
      pageFields({ titleEn: 'Delivery and pickup', titleKm: '', bodyKm: '', isPublished: '' }),
      `/admin/pages/${row!.id}`,
    );
    expect(saved.status).toBe(303);
    expect((await pages())[0]).toMatchObject({
      title_en: 'Delivery and pickup',
      title_km: null,
      body_km: '',
      is_published: 0,
    });
    const list = await admin.get('/admin/pages');
    expect(list.text).toContain('Delivery and pickup');
    expect(list.text).toContain('&#34;Delivery and pickup&#34; was saved.');
  });

  it('bad input shows every error at once (422), keeps the values, and saves nothing', async () => {
    const { agent: admin } = await signedIn('admin');
    const res = await savePage(admin, {
      slug: 'Bad Slug!',
      titleEn: '',
      titleKm: 'ចំណងជើង',
      bodyEn: '',
      bodyKm: 'អត្ថបទ',
      isPublished: '',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Use lowercase letters, digits and single hyphens only');
    expect(res.text.match(/This field is required\./g)).toHaveLength(2); // title and text
    expect(res.text).toContain('value="Bad Slug!"');
    expect(res.text).toContain('value="ចំណងជើង"');
    expect(res.text).toContain('>អត្ថបទ</textarea>');
    expect(res.text).not.toMatch(/name="isPublished" value="1" checked/);
    for (const slug of ['-lead', 'trail-', 'two--hyphens', 'under_score', 'ខ្មែរ', 'x'.repeat(81)]) {
      const bad = await savePage(admin, pageFields({ slug }));
      expect(bad.status, slug).toBe(422);
    }
    expect(await pages()).toHaveLength(0);
  });

  it('a slug already used is a field error (422) on create and on edit, never a 500', async () => {
    const { agent: admin } = await signedIn('admin');
    await savePage(admin, pageFields());
    await savePage(admin, pageFields({ slug: 'terms', titleEn: 'Terms' }));
    const dup = await savePage(admin, pageFields({ titleEn: 'Second delivery' }));
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('Another page already uses this address.');
    expect(dup.text).toContain('value="Second delivery"');
    const [, terms] = await pages();
    const dupEdit = await savePage(admin, pageFields({ titleEn: 'Terms' }), `/admin/pages/${terms!.id}`);
    expect(dupEdit.status).toBe(422);
    expect(dupEdit.text).toContain('Another page already uses this address.');
    expect((await pages()).map((p) => p.slug)).toEqual(['delivery', 'terms']);
    // Ten admins racing for one new slug: one page, the others a field error.
    const racers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const _csrf = await csrfFrom(admin, '/admin/pages/new');
        return admin
          .post('/admin/pages')
          .type('form')
          .set('Accept', 'text/html')
          .send({ ...pageFields({ slug: 'privacy' }), _csrf });
      }),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([303, ...Array(9).fill(422)]);
    expect((await pages()).filter((p) => p.slug === 'privacy')).toHaveLength(1);
  });

  it('is for admins only: staff and customers get 403, visitors go to log in; no CSRF token is 403', async () => {
    const app = newApp();
    const { agent: admin } = await signedIn('admin', app);
    await savePage(admin, pageFields());
    const [row] = await pages();
    for (const role of ['staff', 'customer'] as const) {
      const { agent } = await signedIn(role, app);
      for (const path of ['/admin/pages', '/admin/pages/new', `/admin/pages/${row!.id}`])
        expect((await agent.get(path)).status, `${role} ${path}`).toBe(403);
      const _csrf = await csrfFrom(agent, '/account');
      for (const path of ['/admin/pages', `/admin/pages/${row!.id}`]) {
        const res = await agent
          .post(path)
          .type('form')
          .send({ ...pageFields({ slug: 'forged', titleEn: 'Forged' }), _csrf });
        expect(res.status, `${role} POST ${path}`).toBe(403);
      }
    }
    expect((await request(app).get('/admin/pages')).status).toBe(303);
    const noToken = await admin
      .post('/admin/pages')
      .type('form')
      .send(pageFields({ slug: 'forged' }));
    expect(noToken.status).toBe(403);
    const noTokenEdit = await admin
      .post(`/admin/pages/${row!.id}`)
      .type('form')
      .send(pageFields({ titleEn: 'Forged' }));
    expect(noTokenEdit.status).toBe(403);
    expect((await pages()).map((p) => [p.slug, p.title_en])).toEqual([['delivery', 'Delivery']]);
  });

  it('malformed ids answer 400/404, never 500', async () => {
    const { agent: admin } = await signedIn('admin');
    for (const id of ['abc', '-1', '0', '1e3', '9'.repeat(25), '%00']) {
      const get = await admin.get(`/admin/pages/${id}`);
      expect(get.status, id).toBeGreaterThanOrEqual(400);
      expect(get.status, id).toBeLessThan(500);
      const post = await postForm(admin, `/admin/pages/${id}`, pageFields(), '/admin/pages/new');
      expect(post.status, id).toBeGreaterThanOrEqual(400);
      expect(post.status, id).toBeLessThan(500);
    }
    expect((await admin.get('/admin/pages/999999')).status).toBe(404);
    expect((await postForm(admin, '/admin/pages/999999', pageFields(), '/admin/pages/new')).status).toBe(404);
    expect(await pages()).toHaveLength(0);
  });
});

describe('/contact', () => {
  it('stores the message and emails it to the shop after commit; a phone alone is enough', async () => {
    const agent = request.agent(newApp());
    const form = await agent.get('/contact');
    expect(form.status).toBe(200);
    expect(form.text).toContain('+855 12 345 678'); // the shop's phone from the settings
    const res = await postForm(agent, '/contact', contactFields());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/contact');
    const [row] = await messages();
    expect(row).toMatchObject({
      name: 'Sokha Chan',
      email: 'sokha@example.com',
      phone: null,
      subject: 'Is the Vivobook in stock?',
      message: 'Hello,\nI would like to pick it up tomorrow.',
      locale: 'en',
      user_id: null,
      handled_at: null,
    });
    const mail = await mailbox.waitFor(SHOP_INBOX);
    expect(mail.subject).toBe('Contact form: Is the Vivobook in stock?');
    expect(mail.text).toContain('Sokha Chan');
    expect(mail.text).toContain('sokha@example.com');
    expect(mail.text).toContain('I would like to pick it up tomorrow.');
    expect(mail.text).toContain('http://shop.test/admin/messages');
    expect((await agent.get('/contact')).text).toContain('Thank you, your message was sent.');

    // In Khmer, by phone only: stored in E.164, the mail in the language the visitor wrote in.
    const km = request.agent(newApp());
    await km.get('/lang/km?next=/contact'); // the language cookie, kept by the agent
    const byPhone = await postForm(
      km,
      '/contact',
      contactFields({ email: '', phone: '012 345 678', subject: 'សួរតម្លៃ' }),
    );
    expect(byPhone.status).toBe(303);
    expect((await messages())[1]).toMatchObject({ email: null, phone: '+85512345678', locale: 'km' });
    const kmMail = await mailbox.waitFor(SHOP_INBOX, 2);
    expect(kmMail.subject).toBe('ទម្រង់ទំនាក់ទំនង៖ សួរតម្លៃ');
  });

  it('bad input shows every error at once (422) with the values kept, and stores and sends nothing', async () => {
    const agent = request.agent(newApp());
    const empty = await postForm(agent, '/contact', { name: '', email: '', phone: '', subject: '', message: '' });
    expect(empty.status).toBe(422);
    expect(empty.text.match(/This field is required\./g)).toHaveLength(3); // name, subject, message
    expect(empty.text).toContain('Give an email address or a phone number so we can reply.');
    const bad = await postForm(
      agent,
      '/contact',
      contactFields({ email: 'not-an-email', phone: '123', message: 'Kept words' }),
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a valid email address.');
    expect(bad.text).toContain('Enter a Cambodian phone number');
    expect(bad.text).toContain('value="not-an-email"');
    expect(bad.text).toContain('>Kept words</textarea>');
    const header = await postForm(agent, '/contact', contactFields({ subject: 'Hi\r\nBcc: victim@example.com' }));
    expect(header.status).toBe(303);
    expect((await messages()).map((m) => m.subject)).toEqual(['Hi Bcc: victim@example.com']);
    await mailbox.waitFor(SHOP_INBOX);
    expect(mailbox.to('victim@example.com')).toHaveLength(0);
  });

  it('is rate-limited per address: after 10 posts in an hour the next is 429', async () => {
    const agent = request.agent(newApp());
    const _csrf = await csrfFrom(agent, '/contact');
    for (let i = 0; i < 10; i++) {
      const res = await agent
        .post('/contact')
        .type('form')
        .set('Accept', 'text/html')
        .send({ ...contactFields({ email: `p${i}@example.com` }), _csrf });
      expect(res.status, `post ${i + 1}`).toBe(303);
    }
    const limited = await agent
      .post('/contact')
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...contactFields({ email: 'p11@example.com' }), _csrf });
    expect(limited.status).toBe(429);
    expect(await messages()).toHaveLength(10);
  });

  it('10 parallel posts: no 500, each accepted one stored and emailed once', async () => {
    const agent = request.agent(newApp());
    const _csrf = await csrfFrom(agent, '/contact');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        agent
          .post('/contact')
          .type('form')
          .set('Accept', 'text/html')
          .send({ ...contactFields({ email: `par${i}@example.com`, subject: `Parallel ${i}` }), _csrf }),
      ),
    );
    for (const r of results) expect(r.status).toBeLessThan(500);
    const accepted = results.filter((r) => r.status === 303).length;
    expect(accepted).toBeGreaterThan(0);
    expect(await messages()).toHaveLength(accepted);
    await mailbox.waitFor(SHOP_INBOX, accepted);
    await new Promise((r) => setTimeout(r, 200));
    expect(mailbox.to(SHOP_INBOX)).toHaveLength(accepted);
  });

  it('a post without the CSRF token is 403 and stores nothing', async () => {
    const agent = request.agent(newApp());
    await agent.get('/contact');
    const res = await agent.post('/contact').type('form').send(contactFields());
    expect(res.status).toBe(403);
    const json = await agent.post('/contact').set('Accept', 'application/json').send(contactFields());
    expect(json.status).toBe(403);
    expect(await messages()).toHaveLength(0);
  });
});

describe('/admin/messages', () => {
  async function someMessages() {
    const visitor = request.agent(newApp());
    await postForm(visitor, '/contact', contactFields({ name: 'Dara Kim', subject: 'First question' }));
    await postForm(
      visitor,
      '/contact',
      contactFields({ name: 'Srey Leak', email: '', phone: '097 123 4567', subject: 'Second question' }),
    );
    return messages();
  }

  it('staff see the open messages and mark one handled (who and when), and open again', async () => {
    const [first, second] = await someMessages();
    const app = newApp();
    const { agent: staff, user } = await signedIn('staff', app);
    const list = await staff.get('/admin/messages');
    expect(list.status).toBe(200);
    expect(list.text).toContain('First question');
    expect(list.text).toContain('Second question');
    expect(list.text).toContain('097 123 4567');
    const res = await postForm(
      staff,
      `/admin/messages/${first!.id}/handled`,
      { handled: '1', returnTo: '/admin/messages' },
      '/admin/messages',
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/messages');
    const [after, untouched] = await messages();
    expect(after!.handled_by).toBe(user.id);
    expect(after!.handled_at).not.toBeNull();
    expect(untouched!.handled_at).toBeNull();
    // A repeated click changes nothing (same time, same person).
    await postForm(staff, `/admin/messages/${first!.id}/handled`, { handled: '1' }, '/admin/messages');
    expect((await messages())[0]!.handled_at).toEqual(after!.handled_at);
    const open = await staff.get('/admin/messages');
    expect(open.text).not.toContain('First question');
    const handled = await staff.get('/admin/messages?show=handled');
    expect(handled.text).toContain('First question');
    expect(handled.text).not.toContain('Second question');
    const { agent: admin } = await signedIn('admin', app);
    expect((await admin.get('/admin/messages?show=all')).status).toBe(200);
    await postForm(admin, `/admin/messages/${first!.id}/handled`, { handled: '0' }, '/admin/messages');
    expect((await messages())[0]).toMatchObject({ handled_at: null, handled_by: null });
    expect(second).toBeDefined();
  });

  it('customers get 403 and visitors go to log in; no token is 403; malformed ids and values are 4xx', async () => {
    const [first] = await someMessages();
    const app = newApp();
    const { agent: customer } = await signedIn('customer', app);
    expect((await customer.get('/admin/messages')).status).toBe(403);
    const _csrf = await csrfFrom(customer, '/account');
    expect(
      (await customer.post(`/admin/messages/${first!.id}/handled`).type('form').send({ handled: '1', _csrf })).status,
    ).toBe(403);
    expect((await request(app).get('/admin/messages')).status).toBe(303);
    const { agent: staff } = await signedIn('staff', app);
    expect((await staff.post(`/admin/messages/${first!.id}/handled`).type('form').send({ handled: '1' })).status).toBe(
      403,
    );
    for (const id of ['abc', '-1', '9'.repeat(25)]) {
      const res = await postForm(staff, `/admin/messages/${id}/handled`, { handled: '1' }, '/admin/messages');
      expect(res.status, id).toBeGreaterThanOrEqual(400);
      expect(res.status, id).toBeLessThan(500);
    }
    expect((await postForm(staff, '/admin/messages/999999/handled', { handled: '1' }, '/admin/messages')).status).toBe(
      404,
    );
    const odd = await postForm(staff, `/admin/messages/${first!.id}/handled`, { handled: 'yes' }, '/admin/messages');
    expect(odd.status).toBeGreaterThanOrEqual(400);
    expect(odd.status).toBeLessThan(500);
    const hostileQuery = await staff.get('/admin/messages?show=zzz&page=99999999999999999999');
    expect(hostileQuery.status).toBe(200);
    expect((await messages()).every((m) => m.handled_at === null)).toBe(true);
  });
});
