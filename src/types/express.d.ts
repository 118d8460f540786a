import type { User, Locale } from '../db/schema.js';
import type { Translate } from '../lib/i18n.js';

export type FlashMessage = { type: 'success' | 'error' | 'info'; message: string };

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    sessionVersion?: number;
    verifyEmail?: string;
    flash?: FlashMessage[];
    /** A guest's cart (a signed-in user's cart is found by user id). */
    cartId?: number;
    /** Order numbers this browser may open without an account (placed here, or found at /track). */
    guestOrders?: string[];
    /** Order numbers opened here through the signed link of an order email (any order, guest or account). */
    orderLinks?: string[];
    checkout?: import('../modules/checkout/checkout.schemas.js').CheckoutDetails;
    checkoutToken?: string;
    /** A coupon code entered in the cart or at review (checked again when the order is placed). */
    couponCode?: string;
    /** A visitor's compare list: product ids in the order added, at most COMPARE_LIMIT. */
    compare?: number[];
    pos?: import('../modules/pos/pos.service.js').PosDraft;
    /** The KHQR shown on a repair ticket for its balance (the amount it was made for). */
    repairKhqr?: { repairId: number; md5: string; qr: string; amount: string; expiresAt: number };
  }
}

declare global {
  namespace Express {
    interface Request {
      user?: User;
      /** The signed-in user's cart item count, read with the user (see loadUser). */
      cartCount?: number;
      locale: Locale;
      t: Translate;
    }
  }
}
