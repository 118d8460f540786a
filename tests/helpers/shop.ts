import { createCategory, createProduct } from './catalog.js';
import { csrfFrom, type Agent } from './http.js';

/** A category with one product per given variant spec. */
export async function shopWith(variants: { price: string; stock: number; costPrice?: string; name?: string }[]) {
  const category = await createCategory({
    name: 'Accessories',
    slug: `accessories-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
  });
  const products = [];
  for (const [i, v] of variants.entries()) {
    products.push(
      await createProduct({
        name: v.name ?? `Item ${i + 1}`,
        categoryId: category.id,
        variants: [{ price: v.price, stock: v.stock, costPrice: v.costPrice ?? '1.00' }],
      }),
    );
  }
  return { category, products, variantIds: products.map((p) => p.variants[0]!.id) };
}

/** Adds to the cart as a browser does (token from the cart page once a session exists). */
export async function addToCart(agent: Agent, variantId: number, quantity = 1) {
  const _csrf = await csrfFrom(agent, '/track');
  return agent
    .post('/cart/items')
    .type('form')
    .set('Accept', 'text/html')
    .send({ variantId: String(variantId), quantity: String(quantity), _csrf });
}

export const guestDetails = {
  name: 'Dara Kim',
  email: 'dara@example.com',
  phone: '012 345 678',
  deliveryMethod: 'delivery',
  recipientName: 'Dara Kim',
  shipPhone: '012 345 678',
  street: '#25, St. 271',
  commune: 'Tuol Tumpung 1',
  district: 'Chamkar Mon',
  province: 'Phnom Penh',
  note: 'Call on arrival',
};

/** Fills the checkout details and returns the review page's place-order token. */
export async function checkoutToReview(agent: Agent, details: Record<string, string> = guestDetails) {
  const _csrf = await csrfFrom(agent, '/checkout');
  const res = await agent
    .post('/checkout')
    .type('form')
    .set('Accept', 'text/html')
    .send({ ...details, _csrf });
  if (res.status !== 303) throw new Error(`checkout details failed: ${res.status} ${res.text.slice(0, 2000)}`);
  const review = await agent.get('/checkout/review');
  const token = /name="token" value="([^"]+)"/.exec(review.text)?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(review.text)?.[1];
  if (!token || !csrf) throw new Error(`no place-order form on review: ${review.status}`);
  return { review, token, csrf };
}

export function placeOrder(agent: Agent, token: string, csrf: string) {
  return agent.post('/checkout/place').type('form').set('Accept', 'text/html').send({ token, _csrf: csrf });
}
