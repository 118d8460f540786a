import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from './paths.js';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

function buildSchema(nodeEnv: string) {
  const production = nodeEnv === 'production';
  return z
    .object({
      // Unset means production: only an explicit development or test may use the built-in secret.
      NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
      PORT: z.coerce.number().int().min(0).max(65535).default(3000),
      BASE_URL: z.url().optional(),
      DATABASE_URL: z
        .string()
        .default('mysql://root@127.0.0.1:3306/computer_shop')
        .refine(
          (v) => /^mysql:\/\/[^/]+\/[A-Za-z0-9_$]+(\?.*)?$/.test(v),
          'must look like mysql://user:pass@host:3306/database',
        ),
      // Optional here so the CLI scripts (migrate, seed, user:create) run without it; the server
      // refuses to start without it in production (serverProblem), and sessionSecret() throws.
      SESSION_SECRET: production
        ? z.string().min(32, 'must be at least 32 characters in production').optional()
        : z.string().min(1).default('development-only-session-secret-change-me'),
      SECURE_COOKIES: bool(production),
      TRUST_PROXY: optionalString,
      SMTP_URL: optionalString.refine(
        (v) => v === undefined || /^smtps?:\/\//.test(v),
        'must start with smtp:// or smtps://',
      ),
      MAIL_FROM: z.string().min(3).default('Computer Shop <no-reply@localhost>'),
      UPLOAD_DIR: z.string().min(1).default('var/uploads'),
      KHQR_ACCOUNT_ID: z
        .string()
        .regex(/^[^@\s]+@[^@\s]+$/, 'must look like name@bank')
        .default('computer_shop@devb'),
      KHQR_MERCHANT_NAME: z.string().min(1).max(25).default('Computer Shop'),
      KHQR_MERCHANT_CITY: z.string().min(1).max(15).default('Phnom Penh'),
      KHQR_ACCOUNT_TYPE: z.enum(['individual', 'merchant']).default('individual'),
      KHQR_MERCHANT_ID: optionalString,
      KHQR_ACQUIRING_BANK: optionalString,
      KHR_PER_USD: z.coerce.number().int().positive().default(4100),
      PAYMENT_WINDOW_MINUTES: z.coerce.number().int().positive().default(30),
      BAKONG_API_URL: z.url().default('https://api-bakong.nbc.gov.kh'),
      BAKONG_API_TOKEN: optionalString,
      BAKONG_POLL_SECONDS: z.coerce.number().int().positive().default(10),
      WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
      CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.KHQR_ACCOUNT_TYPE === 'merchant') {
        if (!v.KHQR_MERCHANT_ID)
          ctx.addIssue({
            code: 'custom',
            path: ['KHQR_MERCHANT_ID'],
            message: 'is required when KHQR_ACCOUNT_TYPE=merchant',
          });
        if (!v.KHQR_ACQUIRING_BANK)
          ctx.addIssue({
            code: 'custom',
            path: ['KHQR_ACQUIRING_BANK'],
            message: 'is required when KHQR_ACCOUNT_TYPE=merchant',
          });
      }
    })
    .transform((v) => ({
      ...v,
      BASE_URL: (v.BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ''),
      UPLOAD_DIR: path.resolve(ROOT, v.UPLOAD_DIR),
      LOG_LEVEL: v.LOG_LEVEL ?? (v.NODE_ENV === 'test' ? 'silent' : 'info'),
    }));
}

export type Config = Readonly<z.output<ReturnType<typeof buildSchema>>>;

class ConfigError extends Error {}

/** Parses a set of environment variables; throws one ConfigError naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = buildSchema(String(cleaned.NODE_ENV ?? 'production')).safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${String(i.path[0] ?? '?')} ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  return Object.freeze(result.data);
}

/** What stops the web server from starting with these settings (null when nothing does). */
export function serverProblem(c: Config): string | null {
  return c.SESSION_SECRET ? null : 'Invalid configuration: SESSION_SECRET is required in production';
}

/** The key that signs cookies and hashes codes and reset tokens; never a built-in one in production. */
export function sessionSecret(c: Config = config): string {
  if (!c.SESSION_SECRET) throw new ConfigError(serverProblem(c)!);
  return c.SESSION_SECRET;
}

/** The keys this module reads; a test checks .env.example lists each one. */
export const CONFIG_KEYS = Object.keys(buildSchema('development').in.shape);

/** `.env` is for development: read unless NODE_ENV says production or test (it may set NODE_ENV=development). */
function loadDotEnv(): void {
  const file = path.join(ROOT, '.env');
  if (process.env.NODE_ENV !== 'production' && process.env.NODE_ENV !== 'test' && fs.existsSync(file)) {
    process.loadEnvFile(file);
  }
}

function load(): Config {
  loadDotEnv();
  try {
    return parseEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

export const config: Config = load();
