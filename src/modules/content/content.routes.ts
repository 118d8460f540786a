import { Router, type Request, type RequestHandler } from 'express';
import type { ContentPage } from '../../db/schema.js';
import { shopDateTime, shopDay } from '../../domain/shop-time.js';
import { IdParam, parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { keptValues, withForm } from '../../middleware/forms.js';
import { flash } from '../../middleware/locals.js';
import { contactRoutes, STYLES } from './contact.routes.js';
import { PageInput, PageIntent, PagePreview, PageSlugParam } from './content.schemas.js';
import * as svc from './content.service.js';

/** Every storefront page's footer links the published pages (from the in-process cache). */
const footerLocals: RequestHandler = async (req, res, next) => {
  res.locals.footerLinks = (await svc.footerPages()).map((p) => ({
    href: `/pages/${p.slug}`,
    title: svc.footerTitle(p, req.locale),
  }));
  next();
};

const formValues = (p: ContentPage) => ({
  slug: p.slug,
  titleEn: p.titleEn,
  titleKm: p.titleKm ?? '',
  bodyEn: p.bodyEn,
  bodyKm: p.bodyKm,
  isPublished: p.isPublished ? '1' : '',
});

/** The Markdown as it will show, from the stored page or the form as typed. */
const previewOf = (v: { bodyEn?: unknown; bodyKm?: unknown }) => ({
  en: typeof v.bodyEn === 'string' ? svc.pageHtml(v.bodyEn) : '',
  km: typeof v.bodyKm === 'string' ? svc.pageHtml(v.bodyKm) : '',
});

const editPage = (req: Request, page?: ContentPage, extra: Record<string, unknown> = {}) => ({
  title: page ? req.t('content.editNamed', { name: page.titleEn }) : req.t('content.newPage'),
  layout: 'layouts/admin',
  styles: STYLES,
  page,
  values: page ? formValues(page) : { isPublished: '' },
  preview: page ? previewOf(page) : null,
  ...extra,
});

/** A posted form: shown again with the rendered preview (nothing saved), or saved. */
async function submitPage(req: Request, res: Parameters<RequestHandler>[1], page?: ContentPage) {
  // An unticked box sends nothing: the stored value must not come back when the form is shown again.
  const posted = editPage(req, page, {
    values: { isPublished: '' },
    preview: previewOf(parseInput(PagePreview, req.body)),
  });
  if (parseInput(PageIntent, req.body).intent === 'preview')
    return res.render('admin/pages-edit', {
      ...posted,
      values: { ...posted.values, ...keptValues(req.body) },
      previewing: true,
    });
  await withForm(req, res, 'admin/pages-edit', posted, async () => {
    const input = parseInput(PageInput, req.body);
    if (page) await svc.updatePage(page.id, input, req.user!.id);
    else await svc.createPage(input, req.user!.id);
    flash(req, 'success', req.t('content.saved', { name: input.titleEn }));
    res.redirect(303, '/admin/pages');
  });
}

/** /pages/<slug> for everyone; /admin/pages for admins; the contact form and its inbox (contact.routes). */
export function contentRoutes(): Router {
  const r = Router();
  r.use(footerLocals);

  r.get('/pages/:slug', allow.visitor, async (req, res) => {
    const page = await svc.publishedPage(parseInput(PageSlugParam, req.params).slug);
    const shown = svc.pageInLocale(page, req.locale);
    res.render('content/page', {
      title: shown.title,
      styles: STYLES,
      shown,
      updatedOn: shopDay(page.updatedAt),
      updatedAt: page.updatedAt,
    });
  });

  r.get('/admin/pages', allow.admin, async (req, res) =>
    res.render('admin/pages', {
      title: req.t('content.adminTitle'),
      layout: 'layouts/admin',
      styles: STYLES,
      pages: (await svc.listPages()).map((p) => ({ ...p, updatedLocal: shopDateTime(p.updatedAt) })),
    }),
  );
  r.get('/admin/pages/new', allow.admin, (req, res) => res.render('admin/pages-edit', editPage(req)));
  r.post('/admin/pages', allow.admin, (req, res) => submitPage(req, res));
  r.get('/admin/pages/:id', allow.admin, async (req, res) =>
    res.render('admin/pages-edit', editPage(req, await svc.getPage(parseInput(IdParam, req.params).id))),
  );
  r.post('/admin/pages/:id', allow.admin, async (req, res) =>
    submitPage(req, res, await svc.getPage(parseInput(IdParam, req.params).id)),
  );

  r.use(contactRoutes());
  return r;
}
