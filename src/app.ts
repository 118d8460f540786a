import crypto from 'node:crypto';
import path from 'node:path';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import compression from 'compression';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { redactUrl } from './lib/log-redact.js';
import { config } from './config/env.js';
import { PUBLIC_DIR, ROOT, VIEWS_DIR } from './config/paths.js';
import { logger } from './lib/logger.js';
import { sessionMiddleware } from './middleware/session.js';
import { loadUser, takeFlash, viewLocals } from './middleware/locals.js';
import { withLayout } from './middleware/layout.js';
import { purchasingRoutes } from './modules/purchasing/purchasing.routes.js';
import { warrantyRoutes } from './modules/units/units.routes.js';
import { repairRoutes } from './modules/repairs/repairs.routes.js';
import { csrfLocals, csrfProtection } from './middleware/csrf.js';
import { pageCache } from './middleware/page-cache.js';
import { trackPageViews } from './modules/analytics/tracking.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { adminRoutes } from './modules/admin/admin.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { cartCountLocals, cartRoutes } from './modules/cart/cart.routes.js';
import { checkoutRoutes } from './modules/checkout/checkout.routes.js';
import { orderRoutes } from './modules/orders/orders.routes.js';
import { paymentRoutes } from './modules/payments/payments.routes.js';
import { wishlistRoutes } from './modules/wishlist/wishlist.routes.js';
import { compareCountLocals, compareRoutes } from './modules/compare/compare.routes.js';
import { posRoutes } from './modules/pos/pos.routes.js';
import { bannersRoutes } from './modules/banners/banners.routes.js';
import { contentRoutes } from './modules/content/content.routes.js';

export function buildApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  if (config.TRUST_PROXY)
    app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  if (config.NODE_ENV === 'production') app.set('view cache', true);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/static/') === true },
      // A link's secret (reset, quote, an email's key) or a phone in the URL never reaches the log.
      serializers: {
        req: (req: { url?: string; query?: unknown; params?: unknown }) => ({
          ...req,
          url: redactUrl(req.url),
          query: undefined,
          params: undefined,
        }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.SECURE_COOKIES ? [] : null,
        },
      },
      strictTransportSecurity: config.SECURE_COOKIES,
      // The error page's "Go back" link needs the Referer of same-site pages; other sites get none.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  // Pages and assets go out gzip-compressed: most customers are on phones, some on slow connections.
  app.use(compression({ threshold: 1024 }));
  app.use(healthRoutes());
  app.use('/static', express.static(PUBLIC_DIR, { maxAge: config.NODE_ENV === 'production' ? '7d' : 0 }));
  app.use(
    '/static/vendor/chart.js',
    express.static(path.join(ROOT, 'node_modules/chart.js/dist'), { maxAge: '30d', index: false }),
  );
  app.use(
    '/static/fonts',
    express.static(path.join(ROOT, 'node_modules/@fontsource/noto-sans-khmer/files'), {
      immutable: true,
      maxAge: '365d',
    }),
  );

  // Product and category images: content-hashed names, so they can be cached for a year.
  // Payment proofs live elsewhere under UPLOAD_DIR and are never served from here.
  for (const folder of ['products', 'categories']) {
    app.use(
      `/media/${folder}`,
      express.static(path.join(config.UPLOAD_DIR, folder), {
        immutable: true,
        maxAge: '365d',
        index: false,
        fallthrough: false,
      }),
    );
  }

  app.use(cookieParser());
  app.use(sessionMiddleware());
  app.use(withLayout);
  app.use(loadUser);
  // The page locals come before anything that can fail (a malformed body, a missing token), so the
  // error page renders in the visitor's language with the usual header.
  app.use(viewLocals);
  app.use(csrfLocals);

  app.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '100kb' }));
  app.use(csrfProtection);
  app.use(takeFlash);
  app.use(cartCountLocals);
  app.use(compareCountLocals);

  app.use(homeRoutes());
  app.use(trackPageViews);
  app.use(pageCache);
  app.use(contentRoutes());
  app.use(bannersRoutes());
  app.use(purchasingRoutes());
  app.use(warrantyRoutes());
  app.use(repairRoutes());
  app.use(catalogRoutes());
  app.use(cartRoutes());
  app.use(checkoutRoutes());
  app.use(paymentRoutes());
  app.use(orderRoutes());
  app.use(wishlistRoutes());
  app.use(compareRoutes());
  app.use(accountRoutes());
  app.use('/admin', adminRoutes());
  app.use('/pos', posRoutes());

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
