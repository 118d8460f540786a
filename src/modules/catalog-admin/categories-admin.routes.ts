import { Router, type Request } from 'express';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { ConfirmInput, IdParam, parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { withForm } from '../../middleware/forms.js';
import { CategoryInput, createCategory, deleteCategory, listCategories, updateCategory } from './categories.service.js';

const page = async (req: Request, extra: Record<string, unknown> = {}) => ({
  title: req.t('catalogAdmin.categories'),
  layout: 'layouts/admin',
  categories: await listCategories(),
  ...extra,
});

/** /admin/categories — the tree: create, rename, move, reorder, deactivate, delete when empty. */
export function categoriesAdminRoutes(): Router {
  const r = Router();

  r.get('/', allow.staff, async (req, res) => res.render('admin/catalog/categories', await page(req)));

  r.post('/', allow.staff, async (req, res) =>
    withForm(req, res, 'admin/catalog/categories', await page(req), async () => {
      await createCategory(parseInput(CategoryInput, req.body));
      flash(req, 'success', req.t('catalogAdmin.categoryCreated'));
      res.redirect(303, '/admin/categories');
    }),
  );

  r.get('/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const all = await listCategories();
    const category = all.find((c) => c.id === id);
    if (!category) throw new NotFoundError();
    res.render(
      'admin/catalog/category-edit',
      await page(req, {
        category,
        values: { ...category, parentId: category.parentId ?? '', isActive: category.isActive ? '1' : undefined },
      }),
    );
  });

  r.post('/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const all = await listCategories();
    const category = all.find((c) => c.id === id);
    if (!category) throw new NotFoundError();
    return withForm(req, res, 'admin/catalog/category-edit', await page(req, { category }), async () => {
      await updateCategory(id, parseInput(CategoryInput, req.body));
      flash(req, 'success', req.t('catalogAdmin.categorySaved'));
      res.redirect(303, '/admin/categories');
    });
  });

  r.post('/:id/delete', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    if (!ConfirmInput.safeParse(req.body).success) {
      flash(req, 'error', req.t('errors.confirmFirst'));
      return res.redirect(303, '/admin/categories');
    }
    try {
      await deleteCategory(id);
      flash(req, 'success', req.t('catalogAdmin.categoryDeleted'));
      res.redirect(303, '/admin/categories');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      res.status(409).render('admin/catalog/categories', await page(req, { errors: { _form: req.t(err.message) } }));
    }
  });

  return r;
}
