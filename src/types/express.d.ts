import type { User, Locale } from '../db/schema.js';
import type { Translate } from '../lib/i18n.js';

export type FlashMessage = { type: 'success' | 'error' | 'info'; message: string };

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    sessionVersion?: number;
    verifyEmail?: string;
    flash?: FlashMessage[];
  }
}

declare global {
  namespace Express {
    interface Request {
      user?: User;
      locale: Locale;
      t: Translate;
    }
  }
}
export {};
