import { sql } from 'drizzle-orm';
import {
  bigint,
  datetime,
  index,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  tinyint,
  uniqueIndex,
  varchar,
  char,
} from 'drizzle-orm/mysql-core';

const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();
const ref = (name: string) => bigint(name, { mode: 'number', unsigned: true });
const createdAt = () => datetime('created_at', { mode: 'date', fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);

export const ROLES = ['customer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['en', 'km'] as const;
export type Locale = (typeof LOCALES)[number];

export const users = mysqlTable(
  'users',
  {
    id: id(),
    email: varchar('email', { length: 255 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    phone: varchar('phone', { length: 16 }),
    passwordHash: varchar('password_hash', { length: 100 }).notNull(),
    role: mysqlEnum('role', ROLES).notNull().default('customer'),
    locale: mysqlEnum('locale', LOCALES).notNull().default('en'),
    emailVerifiedAt: datetime('email_verified_at', { mode: 'date', fsp: 3 }),
    disabledAt: datetime('disabled_at', { mode: 'date', fsp: 3 }),
    // Bumped to end every session of the user (password reset, disable).
    sessionVersion: int('session_version', { unsigned: true }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`)
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email), index('users_phone_idx').on(t.phone), index('users_role_idx').on(t.role)],
);

export const emailCodes = mysqlTable(
  'email_codes',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: mysqlEnum('purpose', ['verify_email']).notNull(),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    attempts: tinyint('attempts', { unsigned: true }).notNull().default(0),
    sentAt: datetime('sent_at', { mode: 'date', fsp: 3 }).notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  // One live code per user and purpose: re-sending replaces it.
  (t) => [uniqueIndex('email_codes_user_purpose_uq').on(t.userId, t.purpose)],
);

export const passwordResets = mysqlTable(
  'password_resets',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    usedAt: datetime('used_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_resets_token_uq').on(t.tokenHash), index('password_resets_user_idx').on(t.userId)],
);

// Owned by express-mysql-session; declared here so migrations create it.
export const sessions = mysqlTable('sessions', {
  sessionId: varchar('session_id', { length: 128 }).primaryKey(),
  expires: int('expires', { unsigned: true }).notNull(),
  data: mediumtext('data'),
});

export type User = typeof users.$inferSelect;
