import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { config } from '../../src/config/env.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';

type BannerRow = {
  id: number;
  title: string;
  title_km: string | null;
  subtitle: string | null;
  image_key: string;
  link_url: string;
  starts_at: Date | null;
  ends_at: Date | null;
  position: number;
  is_active: number;
};

const banners = () => query<BannerRow>('SELECT * FROM banners ORDER BY id');
const stored = (key: string, size = 'sm') =>
  fs.existsSync(path.join(config.UPLOAD_DIR, 'products', `${key}-${size}.webp`));
/** A picture of its own colour each time, so content-hashed names never collide between tests. */
const picture = (width = 1280, height = 400) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: Math.floor(Math.random() * 255), g: Math.floor(Math.random() * 255), b: 90 },
    },
  })
    .png()
    .toBuffer();

const fields = (extra: Record<string, string> = {}) => ({
  title: 'Back to school',
  titleKm: 'ត្រឡប់ទៅសាលារៀនវិញ',
  subtitle: 'Laptops from $399',
  subtitleKm: '',
  linkUrl: '/c/laptops',
  startsAt: '2026-05-01T09:30',
  endsAt: '',
  position: '2',
  isActive: '1',
  ...extra,
});

async function admin(): Promise<Agent> {
  return loginAs(newApp(), await createUser({ role: 'admin' }));
}

async function send(agent: Agent, url: string, body: Record<string, string>, image?: Buffer, token = true) {
  const _csrf = await csrfFrom(agent, '/admin/banners');
  let req = agent.post(url).set('Accept', 'text/html');
  if (token) req = req.field('_csrf', _csrf);
  for (const [k, v] of Object.entries(body)) req = req.field(k, v);
  if (image) req = req.attach(url.endsWith('/logo') ? 'logo' : 'image', image, 'picture.png');
  return req;
}

describe('/admin/banners', () => {
  it('adds a banner with its picture, dates typed in Phnom Penh time stored in UTC', async () => {
    const agent = await admin();
    const res = await send(agent, '/admin/banners', fields(), await picture());
    expect(res.status).toBe(303);
    const [row] = await banners();
    expect(row).toMatchObject({
      title: 'Back to school',
      title_km: 'ត្រឡប់ទៅសាលារៀនវិញ',
      subtitle: 'Laptops from $399',
      link_url: '/c/laptops',
      position: 2,
      is_active: 1,
      ends_at: null,
    });
    expect(new Date(row!.starts_at!).toISOString()).toBe('2026-05-01T02:30:00.000Z');
    for (const size of ['sm', 'md', 'lg']) expect(stored(row!.image_key, size)).toBe(true);
    const list = await agent.get('/admin/banners');
    expect(list.text).toContain('Back to school');
    expect(list.text).toContain('2026-05-01 09:30');
  });

  it('edits the words and dates, keeps the picture when none is sent, replaces it when one is', async () => {
    const agent = await admin();
    await send(agent, '/admin/banners', fields(), await picture());
    const [before] = await banners();
    const edit = await agent.get(`/admin/banners/${before!.id}`);
    expect(edit.text).toContain('value="2026-05-01T09:30"');
    const res = await send(
      agent,
      `/admin/banners/${before!.id}`,
      fields({ title: 'Exam season', isActive: '', endsAt: '2026-06-01T00:00' }),
    );
    expect(res.status).toBe(303);
    const [after] = await banners();
    expect(after).toMatchObject({ title: 'Exam season', is_active: 0, image_key: before!.image_key });
    expect(new Date(after!.ends_at!).toISOString()).toBe('2026-05-31T17:00:00.000Z');
    await send(agent, `/admin/banners/${before!.id}`, fields(), await picture());
    const [replaced] = await banners();
    expect(replaced!.image_key).not.toBe(before!.image_key);
    expect(stored(replaced!.image_key)).toBe(true);
    expect(stored(before!.image_key)).toBe(false); // no other row uses the old picture
  });

  it('deletes only with the confirm box ticked, and then removes the picture', async () => {
    const agent = await admin();
    await send(agent, '/admin/banners', fields(), await picture());
    const [row] = await banners();
    const unconfirmed = await postForm(agent, `/admin/banners/${row!.id}/delete`, {}, '/admin/banners');
    expect(unconfirmed.status).toBe(303);
    expect(await banners()).toHaveLength(1);
    const confirmed = await postForm(agent, `/admin/banners/${row!.id}/delete`, { confirm: 'yes' }, '/admin/banners');
    expect(confirmed.status).toBe(303);
    expect(await banners()).toHaveLength(0);
    expect(stored(row!.image_key)).toBe(false);
  });

  it('refuses a javascript: or protocol-relative link with 422, a message and the values kept', async () => {
    const agent = await admin();
    for (const linkUrl of ['javascript:alert(1)', '//evil.com/x', 'http://plain.example.com', 'data:text/html,hi']) {
      const res = await send(agent, '/admin/banners', fields({ linkUrl, title: 'Kept title' }), await picture());
      expect(res.status, linkUrl).toBe(422);
      expect(res.text).toContain('Enter a page of this shop starting with /');
      expect(res.text).toContain('value="Kept title"');
    }
    const https = await send(
      agent,
      '/admin/banners',
      fields({ linkUrl: 'https://www.example.com/promo' }),
      await picture(),
    );
    expect(https.status).toBe(303);
    expect((await banners()).map((b) => b.link_url)).toEqual(['https://www.example.com/promo']);
  });

  it('refuses an end before the start, a bad date and a missing picture (422, nothing saved)', async () => {
    const agent = await admin();
    const backwards = await send(agent, '/admin/banners', fields({ endsAt: '2026-04-01T00:00' }), await picture());
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain('The end must come after the start.');
    const bad = await send(agent, '/admin/banners', fields({ startsAt: '2026-13-45T99:99' }), await picture());
    expect(bad.status).toBe(422);
    const noPicture = await send(agent, '/admin/banners', fields());
    expect(noPicture.status).toBe(422);
    expect(noPicture.text).toContain('Choose a picture.');
    const notImage = await send(agent, '/admin/banners', fields(), Buffer.from('not an image at all'));
    expect(notImage.status).toBe(422);
    expect(await banners()).toHaveLength(0);
  });

  it('is for admins only: staff and customers get 403, visitors are sent to log in', async () => {
    const app = newApp();
    for (const role of ['staff', 'customer'] as const) {
      const agent = await loginAs(app, await createUser({ role }));
      expect((await agent.get('/admin/banners')).status, role).toBe(403);
      const _csrf = await csrfFrom(agent, '/account');
      const post = await agent
        .post('/admin/banners')
        .set('Accept', 'text/html')
        .field('_csrf', _csrf)
        .field('title', 'x')
        .attach('image', await picture(), 'p.png');
      expect(post.status, role).toBe(403);
    }
    expect((await request(app).get('/admin/banners')).status).toBe(303);
    expect(await banners()).toHaveLength(0);
  });

  it('refuses a post without the CSRF token (multipart and form), and malformed ids are 4xx', async () => {
    const agent = await admin();
    const noToken = await send(agent, '/admin/banners', fields(), await picture(), false);
    expect(noToken.status).toBe(403);
    expect(await banners()).toHaveLength(0);
    await send(agent, '/admin/banners', fields(), await picture());
    const [row] = await banners();
    const del = await agent.post(`/admin/banners/${row!.id}/delete`).type('form').send({ confirm: 'yes' });
    expect(del.status).toBe(403);
    expect(await banners()).toHaveLength(1);
    for (const id of ['abc', '-1', '9'.repeat(25)]) {
      const get = await agent.get(`/admin/banners/${id}`);
      expect(get.status, id).toBeGreaterThanOrEqual(400);
      expect(get.status, id).toBeLessThan(500);
      const post = await postForm(agent, `/admin/banners/${id}/delete`, { confirm: 'yes' }, '/admin/banners');
      expect(post.status, id).toBeGreaterThanOrEqual(400);
      expect(post.status, id).toBeLessThan(500);
    }
    expect((await agent.get('/admin/banners/999999')).status).toBe(404);
    expect(await banners()).toHaveLength(1);
  });

  it('shows on the home page only the live banners: active, started and not ended, in their order', async () => {
    const add = (title: string, starts: string, ends: string, active = 1, position = 0) =>
      query(
        `INSERT INTO banners (title, title_km, image_key, link_url, starts_at, ends_at, position, is_active)
         VALUES (?, ?, 'k${Math.random().toString(36).slice(2, 10)}', '/c/x', ${starts}, ${ends}, ?, ?)`,
        [title, `${title} ខ្មែរ`, position, active],
      );
    await add('Live second', 'NOW(3) - INTERVAL 1 HOUR', 'NOW(3) + INTERVAL 1 HOUR', 1, 2);
    await add('Live first', 'NULL', 'NULL', 1, 1);
    await add('Not yet', 'NOW(3) + INTERVAL 1 HOUR', 'NULL');
    await add('Ended', 'NULL', 'NOW(3) - INTERVAL 1 MINUTE');
    await add('Switched off', 'NULL', 'NULL', 0);
    const home = await request(newApp()).get('/');
    expect(home.status).toBe(200);
    const titles = [...home.text.matchAll(/class="hero-title">([^<]+)</g)].map((m) => m[1]);
    expect(titles).toEqual(['Live first', 'Live second']);
    const km = await request(newApp()).get('/').set('Cookie', 'lang=km');
    expect([...km.text.matchAll(/class="hero-title">([^<]+)</g)].map((m) => m[1])).toEqual([
      'Live first ខ្មែរ',
      'Live second ខ្មែរ',
    ]);
  });

  it('a logo upload is resized into 400×120 WebP, shown in the header with the shop name as alt; removing it brings the name back', async () => {
    const agent = await admin();
    const res = await send(agent, '/admin/banners/logo', {}, await picture(2000, 1000));
    expect(res.status).toBe(303);
    const [setting] = await query<{ value: string }>("SELECT value FROM settings WHERE `key` = 'logoKey'");
    const key = setting!.value;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const meta = await sharp(path.join(config.UPLOAD_DIR, 'products', `${key}-lg.webp`)).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 240, height: 120 });
    const home = await request(newApp()).get('/');
    expect(home.text).toContain(`<img class="brand-logo" src="/media/products/${key}-md.webp" alt="Computer Shop"`);
    const removed = await postForm(agent, '/admin/banners/logo/remove', {}, '/admin/banners');
    expect(removed.status).toBe(303);
    expect((await query<{ value: string }>("SELECT value FROM settings WHERE `key` = 'logoKey'"))[0]!.value).toBe('');
    expect(stored(key, 'md')).toBe(false);
    expect((await request(newApp()).get('/')).text).toContain('<a class="brand" href="/">Computer Shop</a>');
    const noFile = await send(agent, '/admin/banners/logo', {});
    expect(noFile.status).toBe(422);
    expect(noFile.text).toContain('Choose a picture.');
  });
});
