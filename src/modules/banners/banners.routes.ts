import { Router, type Request, type RequestHandler, type Response } from 'express';
import { ValidationError } from '../../lib/errors.js';
import { ConfirmInput, IdParam, parseInput } from '../../lib/validation.js';
import { shopDateTime } from '../../domain/shop-time.js';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { renderInvalid } from '../../middleware/forms.js';
import { keepUploadError, uploadFiles } from '../../middleware/upload.js';
import { BannerInput } from './banners.schemas.js';
import * as svc from './banners.service.js';

type Banner = Awaited<ReturnType<typeof svc.getBanner>>;

/** Every page's header shows the logo when one is set. */
const brandingLocals: RequestHandler = async (_req, res, next) => {
  res.locals.logoKey = await svc.logoKey();
  next();
};

/** A stored instant as a datetime-local field's value, in Phnom Penh time. */
const localInput = (at: Date | null) => (at ? shopDateTime(at).replace(' ', 'T') : '');

const formValues = (b: Banner) => ({
  ...b,
  titleKm: b.titleKm ?? '',
  subtitle: b.subtitle ?? '',
  subtitleKm: b.subtitleKm ?? '',
  startsAt: localInput(b.startsAt),
  endsAt: localInput(b.endsAt),
  position: String(b.position),
  isActive: b.isActive ? '1' : '',
});

const listPage = async (req: Request, extra: Record<string, unknown> = {}) => ({
  title: req.t('banners.title'),
  layout: 'layouts/admin',
  banners: await svc.listBanners(),
  logoKey: await svc.logoKey(),
  values: { isActive: '1', position: '0' },
  ...extra,
});

const editPage = async (req: Request, banner: Banner) => ({
  title: req.t('banners.editNamed', { name: banner.title }),
  layout: 'layouts/admin',
  banner,
  values: formValues(banner),
});

const firstFile = (req: Request) => (req.files as Express.Multer.File[] | undefined)?.[0];

/** Runs an upload form's action; bad input re-renders the page (422) with the values kept. */
async function uploadForm(
  req: Request,
  res: Response,
  view: string,
  locals: () => Promise<Record<string, unknown>>,
  action: () => Promise<void>,
) {
  try {
    if (res.locals.uploadError) throw res.locals.uploadError;
    await action();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const page = await locals();
    renderInvalid(req, res, view, err, { ...page, values: { ...(page.values as object), isActive: '' } });
  }
}

/** /admin/banners: the home page's banners (pictures, words, link, dates) and the shop's logo. Admins only. */
export function bannersRoutes(): Router {
  const r = Router();
  r.use(brandingLocals);

  r.get('/admin/banners', allow.admin, async (req, res) => res.render('admin/banners', await listPage(req)));

  r.post('/admin/banners', allow.admin, ...uploadFiles('image', 1), keepUploadError, (req: Request, res: Response) =>
    uploadForm(
      req,
      res,
      'admin/banners',
      () => listPage(req, { openForm: 'banner' }),
      async () => {
        await svc.createBanner(parseInput(BannerInput, req.body), firstFile(req));
        flash(req, 'success', req.t('banners.created'));
        res.redirect(303, '/admin/banners');
      },
    ),
  );

  r.post(
    '/admin/banners/logo',
    allow.admin,
    ...uploadFiles('logo', 1),
    keepUploadError,
    (req: Request, res: Response) =>
      uploadForm(
        req,
        res,
        'admin/banners',
        () => listPage(req, { logoErrors: true }),
        async () => {
          await svc.setLogo(firstFile(req));
          flash(req, 'success', req.t('banners.logoSaved'));
          res.redirect(303, '/admin/banners');
        },
      ),
  );

  r.post('/admin/banners/logo/remove', allow.admin, async (req, res) => {
    await svc.removeLogo();
    flash(req, 'success', req.t('banners.logoRemoved'));
    res.redirect(303, '/admin/banners');
  });

  r.get('/admin/banners/:id', allow.admin, async (req, res) => {
    const banner = await svc.getBanner(parseInput(IdParam, req.params).id);
    res.render('admin/banners-edit', await editPage(req, banner));
  });

  r.post(
    '/admin/banners/:id',
    allow.admin,
    ...uploadFiles('image', 1),
    keepUploadError,
    async (req: Request, res: Response) => {
      const banner = await svc.getBanner(parseInput(IdParam, req.params).id);
      await uploadForm(
        req,
        res,
        'admin/banners-edit',
        () => editPage(req, banner),
        async () => {
          await svc.updateBanner(banner.id, parseInput(BannerInput, req.body), firstFile(req));
          flash(req, 'success', req.t('banners.saved'));
          res.redirect(303, '/admin/banners');
        },
      );
    },
  );

  r.post('/admin/banners/:id/delete', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    if (!ConfirmInput.safeParse(req.body).success) {
      flash(req, 'error', req.t('errors.confirmFirst'));
      return res.redirect(303, '/admin/banners');
    }
    await svc.deleteBanner(id);
    flash(req, 'success', req.t('banners.deleted'));
    res.redirect(303, '/admin/banners');
  });

  return r;
}
