import { Router, type Request, type Response } from 'express';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { keepUploadError, uploadFiles } from '../../middleware/upload.js';
import { keptValues, renderInvalid } from '../../middleware/forms.js';
import {
  AltInput,
  ImageActionParam,
  formatOptions,
  GenerateInput,
  ProductInput,
  SpecsInput,
  VariantInput,
} from './products.schemas.js';
import * as svc from './products.service.js';
import * as images from './images.service.js';
import { formOptions, listAdminProducts, productForEdit, ProductFilters, PRODUCTS_PAGE } from './products.queries.js';
import { Ids } from './products.schemas.js';

const actor = (req: Request) => ({ id: req.user!.id, isAdmin: req.user!.role === 'admin' });

async function editPage(req: Request, id: number, extra: Record<string, unknown> = {}) {
  const data = await productForEdit(id);
  if (!data) throw new NotFoundError();
  const p = data.product;
  const isAdmin = req.user!.role === 'admin';
  // Cost prices are for admins only: staff pages never receive them.
  const variants = isAdmin ? data.variants : data.variants.map((v) => ({ ...v, costPrice: '' }));
  return {
    title: req.t('catalogAdmin.editProduct', { name: p.name }),
    layout: 'layouts/admin',
    scripts: ['/static/js/catalog-admin.js'],
    ...data,
    variants,
    ...(await formOptions()),
    images: await images.listImages(id),
    isAdmin,
    formatOptions,
    values: {
      ...p,
      brandId: p.brandId ?? '',
      productTypeId: p.productTypeId ?? '',
      featured: p.featured ? '1' : undefined,
      warrantyMonths: String(p.warrantyMonths),
    },
    errors: {},
    ...extra,
  };
}

/** Re-renders the edit page with 422 when a form on it is invalid. */
async function invalid(req: Request, res: Response, id: number, err: ValidationError, form: string) {
  const page = await editPage(req, id, { openForm: form });
  renderInvalid(req, res, 'admin/catalog/product-edit', err, {
    ...page,
    values: form === 'product' ? {} : page.values,
    formValues: { [form]: keptValues(req.body) },
  });
}

async function act(req: Request, res: Response, id: number, form: string, work: () => Promise<string>) {
  try {
    flash(req, 'success', await work());
    res.redirect(303, `/admin/products/${id}#${form}`);
  } catch (err) {
    if (err instanceof ValidationError) return invalid(req, res, id, err, form);
    if (err instanceof ConflictError) {
      flash(req, 'error', req.t(err.message));
      return res.redirect(303, `/admin/products/${id}`);
    }
    throw err;
  }
}

/** /admin/products — list, create, edit with specs, variants (and generation) and images. */
export function productsAdminRoutes(): Router {
  const r = Router();

  r.get('/', allow.staff, async (req, res) => {
    const filters = ProductFilters.parse(req.query);
    const { rows, total } = await listAdminProducts(filters);
    const qs = new URLSearchParams(
      Object.entries({ ...filters, page: undefined })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    res.render('admin/catalog/products', {
      title: req.t('catalogAdmin.products'),
      layout: 'layouts/admin',
      filters,
      rows,
      total,
      qs,
      pages: Math.max(1, Math.ceil(total / PRODUCTS_PAGE)),
      ...(await formOptions()),
    });
  });

  // Creating products sets prices and costs: admins only.
  r.get('/new', allow.admin, async (req, res) => {
    res.render('admin/catalog/product-new', {
      title: req.t('catalogAdmin.newProduct'),
      layout: 'layouts/admin',
      ...(await formOptions()),
      values: { status: 'draft', warrantyMonths: '12', lowStockThreshold: '3' },
    });
  });

  r.post('/', allow.admin, async (req, res) => {
    try {
      const id = await svc.createProduct(
        parseInput(ProductInput, req.body),
        parseInput(VariantInput, req.body),
        actor(req),
      );
      flash(req, 'success', req.t('catalogAdmin.productCreated'));
      res.redirect(303, `/admin/products/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      renderInvalid(req, res, 'admin/catalog/product-new', err, {
        title: req.t('catalogAdmin.newProduct'),
        layout: 'layouts/admin',
        ...(await formOptions()),
      });
    }
  });

  r.get('/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(Ids, req.params);
    res.render('admin/catalog/product-edit', await editPage(req, id));
  });

  r.post('/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(Ids, req.params);
    await act(req, res, id, 'product', async () => {
      await svc.updateProduct(id, parseInput(ProductInput, req.body));
      return req.t('catalogAdmin.productSaved');
    });
  });

  r.post('/:id/specs', allow.staff, async (req, res) => {
    const { id } = parseInput(Ids, req.params);
    await act(req, res, id, 'specs', async () => {
      await svc.saveSpecs(id, parseInput(SpecsInput, req.body));
      return req.t('catalogAdmin.specsSaved');
    });
  });

  r.post('/:id/variants', allow.admin, async (req, res) => {
    const { id } = parseInput(Ids, req.params);
    await act(req, res, id, 'new-variant', async () => {
      await svc.addVariant(id, parseInput(VariantInput, req.body), actor(req));
      return req.t('catalogAdmin.variantAdded');
    });
  });

  r.post('/:id/variants/:vid', allow.staff, async (req, res) => {
    const { id, vid } = parseInput(Ids, req.params);
    await act(req, res, id, `variant-${vid}`, async () => {
      await svc.updateVariant(id, vid!, parseInput(VariantInput, req.body), actor(req));
      return req.t('catalogAdmin.variantSaved');
    });
  });

  r.post('/:id/variants/:vid/delete', allow.staff, async (req, res) => {
    const { id, vid } = parseInput(Ids, req.params);
    await act(req, res, id, 'variants', async () => req.t(`catalogAdmin.variant_${await svc.removeVariant(id, vid!)}`));
  });

  r.post('/:id/generate', allow.admin, async (req, res) => {
    const { id } = parseInput(Ids, req.params);
    await act(req, res, id, 'generate', async () => {
      const input = parseInput(GenerateInput, req.body);
      const n = await svc.generateVariants(id, input.options, input.skuBase, input.price!, input.costPrice, actor(req));
      return req.t('catalogAdmin.generated', { count: n });
    });
  });

  r.post(
    '/:id/images',
    allow.staff,
    ...uploadFiles('images', 10),
    keepUploadError,
    async (req: Request, res: Response) => {
      const { id } = parseInput(Ids, req.params);
      await act(req, res, id, 'images', async () => {
        if (res.locals.uploadError) throw res.locals.uploadError;
        const files = (req.files as Express.Multer.File[] | undefined) ?? [];
        const n = await images.addImages(id, files, parseInput(AltInput, req.body).alt);
        return req.t('catalogAdmin.imagesAdded', { count: n });
      });
    },
  );

  r.post('/:id/images/:iid/:action', allow.staff, async (req, res) => {
    const { id, iid } = parseInput(Ids, req.params);
    const action = ImageActionParam.safeParse(req.params);
    if (!action.success) throw new NotFoundError();
    if (action.data.action === 'delete') await images.deleteImage(id, iid!);
    else if (action.data.action === 'alt') await images.setAlt(id, iid!, parseInput(AltInput, req.body).alt);
    else await images.moveImage(id, iid!, action.data.action);
    flash(req, 'success', req.t('catalogAdmin.imagesSaved'));
    res.redirect(303, `/admin/products/${id}#images`);
  });

  return r;
}
