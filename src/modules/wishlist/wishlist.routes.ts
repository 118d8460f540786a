import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { ValidationError, NotFoundError } from '../../lib/errors.js';
import { parseInput, ReturnTo } from '../../lib/validation.js';
import { requireUser } from '../../middleware/auth.js';
import { flash } from '../../middleware/locals.js';
import { addItem, findOrCreateCartId } from '../cart/cart.service.js';
import * as wishlist from './wishlist.service.js';
import { ProductParam } from './wishlist.schemas.js';

export function wishlistRoutes(): Router {
  const r = Router();
  r.use('/wishlist', requireUser);

  r.get('/wishlist', allow.customer, async (req, res) => {
    res.render('wishlist/list', {
      title: req.t('wishlist.title'),
      items: await wishlist.listWishlist(req.user!.id),
      noindex: true,
    });
  });

  r.post('/wishlist/:productId', allow.customer, async (req, res) => {
    const { productId } = parseInput(ProductParam, req.params);
    await wishlist.addToWishlist(req.user!.id, productId);
    flash(req, 'success', req.t('wishlist.added'));
    res.redirect(303, parseInput(ReturnTo('/wishlist'), req.body).returnTo);
  });

  r.post('/wishlist/:productId/remove', allow.customer, async (req, res) => {
    const { productId } = parseInput(ProductParam, req.params);
    await wishlist.removeFromWishlist(req.user!.id, productId);
    flash(req, 'success', req.t('wishlist.removed'));
    res.redirect(303, parseInput(ReturnTo('/wishlist'), req.body).returnTo);
  });

  r.post('/wishlist/:productId/move-to-cart', allow.customer, async (req, res) => {
    const { productId } = parseInput(ProductParam, req.params);
    const variantId = await wishlist.defaultVariantId(productId);
    try {
      if (!variantId) throw new NotFoundError();
      await addItem(await findOrCreateCartId({ userId: req.user!.id }), variantId, 1);
      await wishlist.removeFromWishlist(req.user!.id, productId);
      flash(req, 'success', req.t('wishlist.moved'));
    } catch (err) {
      if (!(err instanceof ValidationError || err instanceof NotFoundError)) throw err;
      flash(req, 'error', req.t('errors.outOfStock'));
    }
    res.redirect(303, '/wishlist');
  });

  return r;
}
