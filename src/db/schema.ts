import { sql } from 'drizzle-orm';
import {
  bigint,
  datetime,
  timestamp,
  index,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  tinyint,
  uniqueIndex,
  varchar,
  char,
  boolean,
  check,
  decimal,
  json,
  primaryKey,
  smallint,
  text,
  date,
} from 'drizzle-orm/mysql-core';
import { ORDER_STATUSES } from '../domain/order-states.js';
import { REPAIR_LOG_EVENTS, REPAIR_STATUSES } from '../domain/repair-states.js';

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
    // Admins only: TOTP secret behind the approval codes a cashier types for a discount.
    approvalSecret: varchar('approval_secret', { length: 64 }),
    // The TOTP time step of the last approval code accepted: a code is good for one approval only.
    approvalLastStep: bigint('approval_last_step', { mode: 'number', unsigned: true }),
    createdAt: createdAt(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`)
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(t.email),
    index('users_phone_idx').on(t.phone),
    index('users_role_idx').on(t.role),
  ],
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

// ---------------------------------------------------------------- catalog

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const SPEC_TYPES = ['text', 'number', 'boolean'] as const;
export const STOCK_REASONS = [
  'initial',
  'restock',
  'correction',
  'damage',
  'return',
  'sale',
  'order_cancelled',
  'import',
  // Goods received from a supplier (against a purchase order or not).
  'purchase',
  // A part fitted in a repair (or put back when taken off the ticket).
  'repair',
] as const;
export type StockReason = (typeof STOCK_REASONS)[number];

const money = (name: string) => decimal(name, { precision: 12, scale: 2 });
const updatedAt = () =>
  datetime('updated_at', { mode: 'date', fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date());

/**
 * A tree of any depth. `path` is the materialised chain of ids ("/1/5/12/"), so a
 * category's whole subtree is `path LIKE '/1/5/%'` on one index.
 */
export const categories = mysqlTable(
  'categories',
  {
    id: id(),
    parentId: ref('parent_id'),
    path: varchar('path', { length: 255 }).notNull().default('/'),
    depth: tinyint('depth', { unsigned: true }).notNull().default(0),
    name: varchar('name', { length: 120 }).notNull(),
    nameKm: varchar('name_km', { length: 120 }),
    slug: varchar('slug', { length: 140 }).notNull(),
    position: int('position').notNull().default(0),
    imagePath: varchar('image_path', { length: 255 }),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('categories_slug_uq').on(t.slug),
    index('categories_parent_idx').on(t.parentId, t.position),
    index('categories_path_idx').on(t.path),
  ],
);

export const brands = mysqlTable(
  'brands',
  {
    id: id(),
    name: varchar('name', { length: 80 }).notNull(),
    slug: varchar('slug', { length: 100 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('brands_slug_uq').on(t.slug), uniqueIndex('brands_name_uq').on(t.name)],
);

/** Laptop, RAM module, Monitor, ...: decides which spec attributes a product has. */
export const productTypes = mysqlTable(
  'product_types',
  {
    id: id(),
    code: varchar('code', { length: 40 }).notNull(),
    name: varchar('name', { length: 80 }).notNull(),
    nameKm: varchar('name_km', { length: 80 }),
  },
  (t) => [uniqueIndex('product_types_code_uq').on(t.code)],
);

export const specAttributes = mysqlTable(
  'spec_attributes',
  {
    id: id(),
    productTypeId: ref('product_type_id')
      .notNull()
      .references(() => productTypes.id, { onDelete: 'cascade' }),
    code: varchar('code', { length: 40 }).notNull(),
    name: varchar('name', { length: 80 }).notNull(),
    nameKm: varchar('name_km', { length: 80 }),
    dataType: mysqlEnum('data_type', SPEC_TYPES).notNull().default('text'),
    unit: varchar('unit', { length: 16 }),
    filterable: boolean('filterable').notNull().default(true),
    position: int('position').notNull().default(0),
  },
  (t) => [uniqueIndex('spec_attributes_type_code_uq').on(t.productTypeId, t.code)],
);

export const products = mysqlTable(
  'products',
  {
    id: id(),
    name: varchar('name', { length: 200 }).notNull(),
    nameKm: varchar('name_km', { length: 200 }),
    slug: varchar('slug', { length: 220 }).notNull(),
    brandId: ref('brand_id').references(() => brands.id),
    categoryId: ref('category_id')
      .notNull()
      .references(() => categories.id),
    productTypeId: ref('product_type_id').references(() => productTypes.id),
    shortDescription: varchar('short_description', { length: 500 }).notNull().default(''),
    description: text('description').notNull().default(sql`('')`),
    descriptionKm: text('description_km'),
    status: mysqlEnum('status', PRODUCT_STATUSES).notNull().default('draft'),
    warrantyMonths: smallint('warranty_months', { unsigned: true }).notNull().default(12),
    seoTitle: varchar('seo_title', { length: 200 }),
    seoDescription: varchar('seo_description', { length: 320 }),
    featured: boolean('featured').notNull().default(false),
    // Summary of the variants, kept by refreshProductSummary(): listings read only this table.
    minPrice: money('min_price').notNull().default('0.00'),
    maxPrice: money('max_price').notNull().default('0.00'),
    totalStock: int('total_stock').notNull().default(0),
    inStock: boolean('in_stock').notNull().default(false),
    hasDeal: boolean('has_deal').notNull().default(false),
    soldCount: int('sold_count', { unsigned: true }).notNull().default(0),
    primaryImage: varchar('primary_image', { length: 80 }),
    // Search words of the name and the Khmer name (see src/domain/search-words.ts): weighs triple.
    searchName: varchar('search_name', { length: 800 }).notNull().default(''),
    // Search words of brand, category, SKUs, barcodes, spec values and descriptions, for the full-text index.
    searchText: text('search_text').notNull().default(sql`('')`),
    publishedAt: datetime('published_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Set by the database on every change of the row (and by refreshProductSummary): each process's catalog
    // index (src/modules/catalog/catalog-index.ts) reloads the products changed since it last looked.
    changedAt: timestamp('changed_at', { mode: 'date', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`)
      .onUpdateNow(),
  },
  (t) => [
    uniqueIndex('products_slug_uq').on(t.slug),
    index('products_changed_idx').on(t.changedAt),
    index('products_category_idx').on(t.categoryId, t.status),
    // Related products: a category's active products, best sellers first, read in index order (no sort).
    index('products_related_idx').on(t.categoryId, t.status, t.inStock, t.soldCount),
    index('products_brand_idx').on(t.brandId, t.status),
    index('products_status_price_idx').on(t.status, t.minPrice),
    index('products_status_created_idx').on(t.status, t.createdAt),
    index('products_status_sold_idx').on(t.status, t.soldCount),
    index('products_featured_idx').on(t.status, t.featured),
    index('products_deal_idx').on(t.status, t.hasDeal),
    // Covers the listing filters, so counts and facets never read the wide product rows.
    index('products_listing_idx').on(t.status, t.categoryId, t.brandId, t.minPrice, t.inStock),
  ],
);

export const productImages = mysqlTable(
  'product_images',
  {
    id: id(),
    productId: ref('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    // Content hash; the files are <key>-{sm,md,lg}.webp under UPLOAD_DIR/products.
    fileKey: varchar('file_key', { length: 80 }).notNull(),
    width: smallint('width', { unsigned: true }).notNull(),
    height: smallint('height', { unsigned: true }).notNull(),
    alt: varchar('alt', { length: 200 }).notNull().default(''),
    position: int('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);

export const productSpecs = mysqlTable(
  'product_specs',
  {
    productId: ref('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    attributeId: ref('attribute_id')
      .notNull()
      .references(() => specAttributes.id, { onDelete: 'cascade' }),
    valueText: varchar('value_text', { length: 200 }).notNull(),
    valueNumber: decimal('value_number', { precision: 14, scale: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.attributeId] }),
    index('product_specs_attr_text_idx').on(t.attributeId, t.valueText),
    index('product_specs_attr_num_idx').on(t.attributeId, t.valueNumber),
  ],
);

export const variants = mysqlTable(
  'variants',
  {
    id: id(),
    productId: ref('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: varchar('sku', { length: 64 }).notNull(),
    barcode: varchar('barcode', { length: 64 }),
    // {"RAM": "16 GB", "Colour": "Black"}; empty for a plain product's single variant.
    options: json('options').$type<Record<string, string>>().notNull().default({}),
    title: varchar('title', { length: 200 }).notNull().default(''),
    price: money('price').notNull(),
    compareAtPrice: money('compare_at_price'),
    costPrice: money('cost_price').notNull().default('0.00'),
    stock: int('stock').notNull().default(0),
    lowStockThreshold: int('low_stock_threshold').notNull().default(3),
    // ok → pending (crossed to or under the threshold) → sent (admins emailed) → ok when restocked above it.
    lowStockAlert: mysqlEnum('low_stock_alert', ['ok', 'pending', 'sent']).notNull().default('ok'),
    position: int('position').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    // Each unit is known by its serial number (or IMEI): received, sold and returned one by one.
    tracksSerials: boolean('tracks_serials').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('variants_sku_uq').on(t.sku),
    uniqueIndex('variants_barcode_uq').on(t.barcode),
    index('variants_product_idx').on(t.productId, t.position),
    index('variants_low_stock_idx').on(t.stock, t.lowStockThreshold),
    // The database itself refuses a negative stock: overselling cannot be written.
    check('variants_stock_nonnegative', sql`${t.stock} >= 0`),
  ],
);

/**
 * Specs that differ between a product's variants (RAM, storage, capacity, colour): the variant's own
 * value for an attribute, shown instead of the product's when that variant is picked, and matched by
 * the listing's spec filters.
 */
export const variantSpecs = mysqlTable(
  'variant_specs',
  {
    variantId: ref('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    attributeId: ref('attribute_id')
      .notNull()
      .references(() => specAttributes.id, { onDelete: 'cascade' }),
    valueText: varchar('value_text', { length: 200 }).notNull(),
    valueNumber: decimal('value_number', { precision: 14, scale: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.attributeId] }),
    index('variant_specs_attr_text_idx').on(t.attributeId, t.valueText),
    index('variant_specs_attr_num_idx').on(t.attributeId, t.valueNumber),
  ],
);

/** Every stock change, with who, why, before and after. */
export const stockMovements = mysqlTable(
  'stock_movements',
  {
    id: id(),
    variantId: ref('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    delta: int('delta').notNull(),
    stockBefore: int('stock_before').notNull(),
    stockAfter: int('stock_after').notNull(),
    reason: mysqlEnum('reason', STOCK_REASONS).notNull(),
    note: varchar('note', { length: 255 }),
    unitCost: money('unit_cost'),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    orderId: ref('order_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_variant_idx').on(t.variantId, t.createdAt),
    index('stock_movements_order_idx').on(t.orderId),
  ],
);

export type Category = typeof categories.$inferSelect;
export type Brand = typeof brands.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Variant = typeof variants.$inferSelect;
export type ProductImage = typeof productImages.$inferSelect;
export type SpecAttribute = typeof specAttributes.$inferSelect;

// ---------------------------------------------------------------- cart, addresses, settings

/** A guest's cart belongs to their session; a customer's to their account (one per user). */
export const carts = mysqlTable(
  'carts',
  {
    id: id(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('carts_user_uq').on(t.userId), index('carts_updated_idx').on(t.updatedAt)],
);

export const cartItems = mysqlTable(
  'cart_items',
  {
    id: id(),
    cartId: ref('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: ref('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    quantity: int('quantity', { unsigned: true }).notNull(),
    // The price when added, to tell the customer when it changed.
    priceWhenAdded: money('price_when_added').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('cart_items_cart_variant_uq').on(t.cartId, t.variantId)],
);

export const wishlistItems = mysqlTable(
  'wishlist_items',
  {
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    productId: ref('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] })],
);

export const DELIVERY_ZONES = ['phnom_penh', 'provinces'] as const;
export type DeliveryZone = (typeof DELIVERY_ZONES)[number];

export const addresses = mysqlTable(
  'addresses',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recipientName: varchar('recipient_name', { length: 120 }).notNull(),
    phone: varchar('phone', { length: 16 }).notNull(),
    street: varchar('street', { length: 200 }).notNull(),
    commune: varchar('commune', { length: 100 }).notNull(),
    district: varchar('district', { length: 100 }).notNull(),
    province: varchar('province', { length: 100 }).notNull(),
    note: varchar('note', { length: 300 }),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('addresses_user_idx').on(t.userId)],
);

/** Home page banners an admin manages: picture, words in both languages, a link and the dates shown. */
export const banners = mysqlTable(
  'banners',
  {
    id: id(),
    title: varchar('title', { length: 120 }).notNull(),
    titleKm: varchar('title_km', { length: 120 }),
    subtitle: varchar('subtitle', { length: 200 }),
    subtitleKm: varchar('subtitle_km', { length: 200 }),
    // The picture's key in the image store (as product images: several sizes, WebP).
    imageKey: varchar('image_key', { length: 80 }).notNull(),
    linkUrl: varchar('link_url', { length: 300 }).notNull(),
    startsAt: datetime('starts_at', { mode: 'date', fsp: 3 }),
    endsAt: datetime('ends_at', { mode: 'date', fsp: 3 }),
    position: int('position').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('banners_live_idx').on(t.isActive, t.position)],
);

/** Shop settings an admin edits in the back office (delivery fees, VAT, invoice details). */
export const settings = mysqlTable('settings', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------- orders

export { ORDER_STATUSES, type OrderStatus } from '../domain/order-states.js';
export const ORDER_CHANNELS = ['online', 'counter'] as const;
export const DELIVERY_METHODS = ['pickup', 'delivery'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const orders = mysqlTable(
  'orders',
  {
    id: id(),
    number: varchar('number', { length: 20 }).notNull(),
    channel: mysqlEnum('channel', ORDER_CHANNELS).notNull().default('online'),
    status: mysqlEnum('status', ORDER_STATUSES).notNull(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    // Contact, copied at checkout (guests have no account).
    customerName: varchar('customer_name', { length: 120 }).notNull(),
    customerEmail: varchar('customer_email', { length: 255 }).notNull(),
    customerPhone: varchar('customer_phone', { length: 16 }).notNull(),
    locale: mysqlEnum('locale', LOCALES).notNull().default('en'),
    deliveryMethod: mysqlEnum('delivery_method', DELIVERY_METHODS).notNull(),
    deliveryZone: mysqlEnum('delivery_zone', DELIVERY_ZONES),
    shipName: varchar('ship_name', { length: 120 }),
    shipPhone: varchar('ship_phone', { length: 16 }),
    shipStreet: varchar('ship_street', { length: 200 }),
    shipCommune: varchar('ship_commune', { length: 100 }),
    shipDistrict: varchar('ship_district', { length: 100 }),
    shipProvince: varchar('ship_province', { length: 100 }),
    shipNote: varchar('ship_note', { length: 300 }),
    subtotal: money('subtotal').notNull(),
    discountTotal: money('discount_total').notNull().default('0.00'),
    deliveryFee: money('delivery_fee').notNull().default('0.00'),
    vatRate: decimal('vat_rate', { precision: 5, scale: 2 }).notNull().default('0.00'),
    vatAmount: money('vat_amount').notNull().default('0.00'),
    grandTotal: money('grand_total').notNull(),
    khrPerUsd: int('khr_per_usd').notNull(),
    // How the customer pays: KHQR, cash or split at the till; later, on delivery (cod) or at pickup.
    paymentMethod: mysqlEnum('payment_method', ['khqr', 'cash', 'split', 'cod', 'at_pickup']),
    paymentDeadline: datetime('payment_deadline', { mode: 'date', fsp: 3 }),
    paidAt: datetime('paid_at', { mode: 'date', fsp: 3 }),
    courier: varchar('courier', { length: 80 }),
    trackingNumber: varchar('tracking_number', { length: 80 }),
    refundedAmount: money('refunded_amount').notNull().default('0.00'),
    cashierId: ref('cashier_id').references(() => users.id, { onDelete: 'set null' }),
    // Counter sales: what the customer handed over and what they got back.
    cashTenderedUsd: money('cash_tendered_usd'),
    cashTenderedKhr: int('cash_tendered_khr'),
    changeUsd: money('change_usd'),
    changeKhr: int('change_khr'),
    // Riel cash rounded to the shop's smallest note (e.g. 100 ៛): what the rounding took (+) or gave (-).
    cashRoundingKhr: int('cash_rounding_khr').notNull().default(0),
    // Buyer's business, for a tax invoice (optional, at checkout or the till).
    buyerCompany: varchar('buyer_company', { length: 160 }),
    buyerVatin: varchar('buyer_vatin', { length: 40 }),
    buyerAddress: varchar('buyer_address', { length: 300 }),
    // Gapless per calendar year (INV-2026-000123), given once when the order is paid.
    invoiceNumber: varchar('invoice_number', { length: 20 }),
    invoicedAt: datetime('invoiced_at', { mode: 'date', fsp: 3 }),
    // The coupon code the customer used (its use is in coupon_redemptions; the discount in discount_total).
    couponCode: varchar('coupon_code', { length: 40 }),
    // The checkout form's one-time token: a second submit of the same form finds this order.
    checkoutToken: varchar('checkout_token', { length: 64 }),
    placedAt: datetime('placed_at', { mode: 'date', fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_number_uq').on(t.number),
    uniqueIndex('orders_checkout_token_uq').on(t.checkoutToken),
    uniqueIndex('orders_invoice_number_uq').on(t.invoiceNumber),
    index('orders_user_idx').on(t.userId, t.placedAt),
    index('orders_status_idx').on(t.status, t.placedAt),
    index('orders_placed_idx').on(t.placedAt),
    index('orders_deadline_idx').on(t.status, t.paymentDeadline),
    index('orders_email_idx').on(t.customerEmail),
    index('orders_phone_idx').on(t.customerPhone),
  ],
);

/** The last invoice number given per year; its row is locked while a number is taken (gapless). */
export const invoiceCounters = mysqlTable('invoice_counters', {
  year: smallint('year', { unsigned: true }).primaryKey(),
  lastNumber: int('last_number', { unsigned: true }).notNull().default(0),
});

/** Names, SKUs and prices as sold: reports and invoices never read today's catalog. */
export const orderLines = mysqlTable(
  'order_lines',
  {
    id: id(),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    variantId: ref('variant_id').references(() => variants.id, { onDelete: 'set null' }),
    productId: ref('product_id').references(() => products.id, { onDelete: 'set null' }),
    productName: varchar('product_name', { length: 200 }).notNull(),
    variantTitle: varchar('variant_title', { length: 200 }).notNull().default(''),
    sku: varchar('sku', { length: 64 }).notNull(),
    unitPrice: money('unit_price').notNull(),
    costPrice: money('cost_price').notNull(),
    quantity: int('quantity', { unsigned: true }).notNull(),
    discount: money('discount').notNull().default('0.00'),
    lineTotal: money('line_total').notNull(),
    returnedQuantity: int('returned_quantity', { unsigned: true }).notNull().default(0),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId),
    index('order_lines_variant_idx').on(t.variantId),
    index('order_lines_product_idx').on(t.productId),
  ],
);

export const orderStatusLog = mysqlTable(
  'order_status_log',
  {
    id: id(),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: mysqlEnum('from_status', ORDER_STATUSES),
    toStatus: mysqlEnum('to_status', ORDER_STATUSES).notNull(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    note: varchar('note', { length: 500 }),
    createdAt: createdAt(),
  },
  (t) => [index('order_status_log_order_idx').on(t.orderId, t.createdAt)],
);

// ---------------------------------------------------------------- coupons

export const COUPON_KINDS = ['percent', 'fixed'] as const;
export const COUPON_SCOPES = ['all', 'categories', 'brands', 'products'] as const;

/**
 * A discount code (or, when `automatic`, a promotion applied without one): percent or a fixed amount off the
 * goods in scope, from a minimum spend, between dates, with limits on total and per-customer uses. `used_count`
 * is taken and given back under the coupon's row lock, with a row in coupon_redemptions per order.
 */
export const coupons = mysqlTable(
  'coupons',
  {
    id: id(),
    /** Upper case, as typed by customers (matched without regard to case). */
    code: varchar('code', { length: 40 }).notNull(),
    description: varchar('description', { length: 200 }).notNull().default(''),
    kind: mysqlEnum('kind', COUPON_KINDS).notNull(),
    /** Percent (10.00 = 10 %) or dollars off. */
    value: decimal('value', { precision: 10, scale: 2 }).notNull(),
    /** The goods total (before any discount) the cart must reach. */
    minSpend: money('min_spend').notNull().default('0.00'),
    startsAt: datetime('starts_at', { mode: 'date', fsp: 3 }),
    endsAt: datetime('ends_at', { mode: 'date', fsp: 3 }),
    maxUses: int('max_uses'),
    maxUsesPerCustomer: int('max_uses_per_customer'),
    usedCount: int('used_count').notNull().default(0),
    firstOrderOnly: boolean('first_order_only').notNull().default(false),
    scope: mysqlEnum('scope', COUPON_SCOPES).notNull().default('all'),
    /** A promotion without a code: applied to every cart it fits when no code is entered. */
    automatic: boolean('automatic').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('coupons_code_uq').on(t.code), index('coupons_auto_idx').on(t.automatic, t.isActive)],
);

/** What a scoped coupon covers: category ids (with their subcategories), brand ids or product ids. */
export const couponTargets = mysqlTable(
  'coupon_targets',
  {
    couponId: ref('coupon_id')
      .notNull()
      .references(() => coupons.id, { onDelete: 'cascade' }),
    targetId: ref('target_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.couponId, t.targetId] })],
);

/** One use of a coupon by one order; deleted (and the count given back) when the order is cancelled. */
export const couponRedemptions = mysqlTable(
  'coupon_redemptions',
  {
    id: id(),
    couponId: ref('coupon_id')
      .notNull()
      .references(() => coupons.id, { onDelete: 'restrict' }),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    customerEmail: varchar('customer_email', { length: 255 }).notNull(),
    customerPhone: varchar('customer_phone', { length: 16 }).notNull(),
    discount: money('discount').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('coupon_redemptions_order_uq').on(t.orderId),
    index('coupon_redemptions_coupon_idx').on(t.couponId, t.userId),
    index('coupon_redemptions_email_idx').on(t.couponId, t.customerEmail),
    index('coupon_redemptions_phone_idx').on(t.couponId, t.customerPhone),
  ],
);

export type Coupon = typeof coupons.$inferSelect;

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type Address = typeof addresses.$inferSelect;

// ---------------------------------------------------------------- payments

export const PAYMENT_CURRENCIES = ['USD', 'KHR'] as const;
export type PaymentCurrency = (typeof PAYMENT_CURRENCIES)[number];
export const PAYMENT_STATUSES = ['pending', 'paid', 'expired', 'flagged', 'superseded'] as const;

/**
 * One KHQR code shown for an order in one currency (or a counter cash/KHQR payment).
 * `amount` is in the payment's currency: dollars with cents, or whole riel.
 */
export const payments = mysqlTable(
  'payments',
  {
    id: id(),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    method: mysqlEnum('method', ['khqr', 'cash']).notNull().default('khqr'),
    currency: mysqlEnum('currency', PAYMENT_CURRENCIES).notNull(),
    amount: decimal('amount', { precision: 14, scale: 2 }).notNull(),
    khqr: text('khqr'),
    md5: char('md5', { length: 32 }),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }),
    status: mysqlEnum('status', PAYMENT_STATUSES).notNull().default('pending'),
    transactionHash: varchar('transaction_hash', { length: 128 }),
    payerAccount: varchar('payer_account', { length: 128 }),
    paidAt: datetime('paid_at', { mode: 'date', fsp: 3 }),
    flagReason: varchar('flag_reason', { length: 300 }),
    checkAttempts: int('check_attempts', { unsigned: true }).notNull().default(0),
    nextCheckAt: datetime('next_check_at', { mode: 'date', fsp: 3 }),
    lastCheckedAt: datetime('last_checked_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payments_md5_uq').on(t.md5),
    index('payments_order_idx').on(t.orderId, t.currency, t.status),
    index('payments_check_idx').on(t.status, t.nextCheckAt),
  ],
);

export const PROOF_STATUSES = ['submitted', 'approved', 'rejected'] as const;

/** A screenshot of a completed payment uploaded by the customer, verified by staff. */
export const paymentProofs = mysqlTable(
  'payment_proofs',
  {
    id: id(),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    // File name under UPLOAD_DIR/proofs (random, never served from a public path).
    fileKey: varchar('file_key', { length: 80 }).notNull(),
    reference: varchar('reference', { length: 100 }),
    currency: mysqlEnum('currency', PAYMENT_CURRENCIES).notNull().default('USD'),
    status: mysqlEnum('status', PROOF_STATUSES).notNull().default('submitted'),
    reviewedBy: ref('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: datetime('reviewed_at', { mode: 'date', fsp: 3 }),
    rejectReason: varchar('reject_reason', { length: 300 }),
    // When staff were alerted that this proof waited past the review deadline (alerted once).
    alertedAt: datetime('alerted_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_proofs_status_idx').on(t.status, t.createdAt),
    index('payment_proofs_order_idx').on(t.orderId),
  ],
);

export type Payment = typeof payments.$inferSelect;
export type PaymentProof = typeof paymentProofs.$inferSelect;

/** Money given back: a whole or partial refund, or a counter return. */
export const refunds = mysqlTable(
  'refunds',
  {
    id: id(),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    amount: money('amount').notNull(),
    reason: varchar('reason', { length: 300 }).notNull(),
    method: mysqlEnum('method', ['cash', 'khqr', 'other']).notNull().default('cash'),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('refunds_order_idx').on(t.orderId), index('refunds_created_idx').on(t.createdAt)],
);

export const APPROVAL_ACTIONS = ['discount', 'return', 'khqr_manual'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** Every admin approval given at the till: who approved what, for whom, for how much, and why. */
export const posApprovals = mysqlTable(
  'pos_approvals',
  {
    id: id(),
    action: mysqlEnum('action', APPROVAL_ACTIONS).notNull(),
    approverId: ref('approver_id').references(() => users.id, { onDelete: 'set null' }),
    cashierId: ref('cashier_id').references(() => users.id, { onDelete: 'set null' }),
    // The sale's number (reserved before the order exists) or the returned order's number.
    orderNumber: varchar('order_number', { length: 20 }),
    amount: money('amount'),
    note: varchar('note', { length: 300 }),
    createdAt: createdAt(),
  },
  (t) => [index('pos_approvals_created_idx').on(t.createdAt), index('pos_approvals_order_idx').on(t.orderNumber)],
);

/**
 * A cashier's drawer count at the end of a shop day: notes counted per denomination in each currency,
 * what the sales say should be there, and the difference. A recount adds a row (the latest counts).
 */
export const drawerCounts = mysqlTable(
  'drawer_counts',
  {
    id: id(),
    shopDay: date('shop_day', { mode: 'string' }).notNull(),
    cashierId: ref('cashier_id').references(() => users.id, { onDelete: 'set null' }),
    countedBy: ref('counted_by').references(() => users.id, { onDelete: 'set null' }),
    // { "100": 3, "50": 1, ... } for USD notes; { "100000": 1, "500": 4, ... } for riel notes.
    usdNotes: json('usd_notes').$type<Record<string, number>>().notNull(),
    khrNotes: json('khr_notes').$type<Record<string, number>>().notNull(),
    countedUsd: money('counted_usd').notNull(),
    countedKhr: int('counted_khr').notNull(),
    expectedUsd: money('expected_usd').notNull(),
    expectedKhr: int('expected_khr').notNull(),
    note: varchar('note', { length: 300 }),
    createdAt: createdAt(),
  },
  (t) => [index('drawer_counts_day_idx').on(t.shopDay, t.cashierId)],
);

// ---------------------------------------------------------------- traffic

export const PAGE_VIEW_KINDS = ['page', 'product', 'search', 'cart_add', 'order'] as const;

/** One row per page view or tracked event; `visitor` is a daily-salted hash, never an IP. */
export const pageViews = mysqlTable(
  'page_views',
  {
    id: id(),
    viewedAt: datetime('viewed_at', { mode: 'date', fsp: 3 }).notNull(),
    // The shop's calendar day (Phnom Penh time), so reports group without converting zones.
    day: date('day', { mode: 'string' }).notNull(),
    kind: mysqlEnum('kind', PAGE_VIEW_KINDS).notNull().default('page'),
    path: varchar('path', { length: 255 }).notNull(),
    referrer: varchar('referrer', { length: 255 }),
    visitor: char('visitor', { length: 16 }).notNull(),
    productId: ref('product_id'),
    searchTerm: varchar('search_term', { length: 100 }),
    searchResults: int('search_results'),
  },
  (t) => [
    index('page_views_day_idx').on(t.day, t.kind),
    index('page_views_kind_day_idx').on(t.kind, t.day, t.searchTerm),
  ],
);

// ------------------------------------------------------------------ purchasing: suppliers, orders, receipts

export const suppliers = mysqlTable('suppliers', {
  id: id(),
  name: varchar('name', { length: 120 }).notNull(),
  contactName: varchar('contact_name', { length: 120 }),
  phone: varchar('phone', { length: 32 }),
  telegram: varchar('telegram', { length: 64 }),
  email: varchar('email', { length: 190 }),
  notes: varchar('notes', { length: 1000 }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type Supplier = typeof suppliers.$inferSelect;

export const PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'partly_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export const purchaseOrders = mysqlTable(
  'purchase_orders',
  {
    id: id(),
    supplierId: ref('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    status: mysqlEnum('status', PURCHASE_ORDER_STATUSES).notNull().default('draft'),
    note: varchar('note', { length: 500 }),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    orderedAt: datetime('ordered_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('purchase_orders_status_idx').on(t.status, t.id),
    index('purchase_orders_supplier_idx').on(t.supplierId),
  ],
);

export const purchaseOrderLines = mysqlTable(
  'purchase_order_lines',
  {
    id: id(),
    purchaseOrderId: ref('purchase_order_id')
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    variantId: ref('variant_id')
      .notNull()
      .references(() => variants.id),
    quantity: int('quantity', { unsigned: true }).notNull(),
    receivedQuantity: int('received_quantity', { unsigned: true }).notNull().default(0),
    unitCost: money('unit_cost').notNull(),
  },
  (t) => [uniqueIndex('purchase_order_lines_order_variant_uq').on(t.purchaseOrderId, t.variantId)],
);

/** Goods that came in: against a purchase order, or bought without one (then the supplier is optional). */
export const goodsReceipts = mysqlTable(
  'goods_receipts',
  {
    id: id(),
    purchaseOrderId: ref('purchase_order_id').references(() => purchaseOrders.id),
    supplierId: ref('supplier_id').references(() => suppliers.id),
    receivedBy: ref('received_by').references(() => users.id, { onDelete: 'set null' }),
    note: varchar('note', { length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [index('goods_receipts_order_idx').on(t.purchaseOrderId)],
);

export const goodsReceiptLines = mysqlTable(
  'goods_receipt_lines',
  {
    id: id(),
    receiptId: ref('receipt_id')
      .notNull()
      .references(() => goodsReceipts.id, { onDelete: 'cascade' }),
    variantId: ref('variant_id')
      .notNull()
      .references(() => variants.id),
    orderLineId: ref('order_line_id').references(() => purchaseOrderLines.id),
    quantity: int('quantity', { unsigned: true }).notNull(),
    unitCost: money('unit_cost').notNull(),
  },
  (t) => [index('goods_receipt_lines_receipt_idx').on(t.receiptId)],
);

// ------------------------------------------------------------------ serial numbers: units known one by one

export const UNIT_STATUSES = ['in_stock', 'sold', 'returned', 'in_repair', 'faulty', 'written_off'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** One unit of a variant tracked by serial: where it came from, at what cost, and where it went. */
export const serialUnits = mysqlTable(
  'serial_units',
  {
    id: id(),
    variantId: ref('variant_id')
      .notNull()
      .references(() => variants.id),
    serial: varchar('serial', { length: 64 }).notNull(),
    status: mysqlEnum('status', UNIT_STATUSES).notNull().default('in_stock'),
    receiptId: ref('receipt_id').references(() => goodsReceipts.id),
    supplierId: ref('supplier_id').references(() => suppliers.id),
    unitCost: money('unit_cost'),
    orderId: ref('order_id').references(() => orders.id),
    soldAt: datetime('sold_at', { mode: 'date', fsp: 3 }),
    /** The unit's own warranty when it differs from the product's. */
    warrantyMonths: smallint('warranty_months', { unsigned: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A serial is never reused for the same item.
    uniqueIndex('serial_units_variant_serial_uq').on(t.variantId, t.serial),
    index('serial_units_serial_idx').on(t.serial),
    index('serial_units_order_idx').on(t.orderId),
  ],
);

export const UNIT_EVENTS = [
  'received',
  'sold',
  'returned',
  'restocked',
  'faulty',
  'written_off',
  // Repairs: the customer's unit left at the counter and handed back; a unit fitted as a part (or taken off).
  'repair_in',
  'repair_out',
  'repair_part',
  'repair_part_removed',
] as const;

/** A unit's life, one row per step: who, when, on which receipt or order. */
export const serialUnitEvents = mysqlTable(
  'serial_unit_events',
  {
    id: id(),
    unitId: ref('unit_id')
      .notNull()
      .references(() => serialUnits.id, { onDelete: 'cascade' }),
    event: mysqlEnum('event', UNIT_EVENTS).notNull(),
    orderId: ref('order_id'),
    receiptId: ref('receipt_id'),
    repairId: ref('repair_id'),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('serial_unit_events_unit_idx').on(t.unitId, t.id)],
);

// ------------------------------------------------------------------ repairs: the service counter

/**
 * A device left for repair. The customer is copied (a walk-in may have no account); the device is a
 * unit sold here (found by serial) or described. The passcode is stored encrypted (AES-256-GCM) and
 * shown to staff only.
 */
export const repairs = mysqlTable(
  'repairs',
  {
    id: id(),
    status: mysqlEnum('status', REPAIR_STATUSES).notNull().default('received'),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    customerName: varchar('customer_name', { length: 120 }).notNull(),
    customerPhone: varchar('customer_phone', { length: 16 }).notNull(),
    customerEmail: varchar('customer_email', { length: 255 }),
    locale: mysqlEnum('locale', LOCALES).notNull().default('en'),
    unitId: ref('unit_id').references(() => serialUnits.id),
    deviceBrand: varchar('device_brand', { length: 80 }).notNull(),
    deviceModel: varchar('device_model', { length: 120 }).notNull(),
    deviceSerial: varchar('device_serial', { length: 64 }).notNull().default(''),
    problem: varchar('problem', { length: 1000 }).notNull(),
    accessories: varchar('accessories', { length: 300 }).notNull().default(''),
    deviceCondition: varchar('device_condition', { length: 500 }).notNull().default(''),
    passcodeEncrypted: varchar('passcode_encrypted', { length: 255 }),
    diagnosis: varchar('diagnosis', { length: 1000 }).notNull().default(''),
    underWarranty: boolean('under_warranty').notNull().default(false),
    deposit: money('deposit').notNull().default('0.00'),
    estimatedReady: date('estimated_ready', { mode: 'string' }),
    technicianId: ref('technician_id').references(() => users.id, { onDelete: 'set null' }),
    /** The quote the customer approves or declines through a signed link (hash of the token only). */
    quoteTokenHash: char('quote_token_hash', { length: 64 }),
    quoteTotal: money('quote_total'),
    quoteSentAt: datetime('quote_sent_at', { mode: 'date', fsp: 3 }),
    quoteAnswer: mysqlEnum('quote_answer', ['approved', 'declined']),
    quoteAnsweredAt: datetime('quote_answered_at', { mode: 'date', fsp: 3 }),
    closedAt: datetime('closed_at', { mode: 'date', fsp: 3 }),
    /** The intake form's one-time key: a repeated submit finds the ticket it made. */
    intakeKey: char('intake_key', { length: 32 }),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('repairs_status_idx').on(t.status, t.createdAt),
    index('repairs_phone_idx').on(t.customerPhone),
    index('repairs_user_idx').on(t.userId),
    index('repairs_unit_idx').on(t.unitId),
    index('repairs_serial_idx').on(t.deviceSerial),
    uniqueIndex('repairs_quote_token_uq').on(t.quoteTokenHash),
    uniqueIndex('repairs_intake_key_uq').on(t.intakeKey),
  ],
);

/** A part (out of stock through the ledger) or labour on a ticket, at the price charged and the shop's cost. */
export const repairLines = mysqlTable(
  'repair_lines',
  {
    id: id(),
    repairId: ref('repair_id')
      .notNull()
      .references(() => repairs.id, { onDelete: 'cascade' }),
    kind: mysqlEnum('kind', ['part', 'labour']).notNull(),
    variantId: ref('variant_id').references(() => variants.id),
    unitId: ref('unit_id').references(() => serialUnits.id),
    description: varchar('description', { length: 200 }).notNull(),
    quantity: int('quantity', { unsigned: true }).notNull(),
    unitPrice: money('unit_price').notNull(),
    unitCost: money('unit_cost').notNull().default('0.00'),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('repair_lines_repair_idx').on(t.repairId)],
);

/** Every change of a ticket's state: who and when. */
export const repairStatusLog = mysqlTable(
  'repair_status_log',
  {
    id: id(),
    repairId: ref('repair_id')
      .notNull()
      .references(() => repairs.id, { onDelete: 'cascade' }),
    fromStatus: mysqlEnum('from_status', REPAIR_STATUSES),
    toStatus: mysqlEnum('to_status', REPAIR_STATUSES).notNull(),
    /** What the system did (shown translated); a note typed by staff has none. */
    event: mysqlEnum('event', REPAIR_LOG_EVENTS),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    note: varchar('note', { length: 500 }),
    createdAt: createdAt(),
  },
  (t) => [index('repair_status_log_repair_idx').on(t.repairId, t.id)],
);

/**
 * Money taken at the counter for a repair: the deposit at intake, the balance at collection (negative
 * when a deposit larger than the charges is given back). Counted in the cashier's end of day.
 */
export const repairPayments = mysqlTable(
  'repair_payments',
  {
    id: id(),
    repairId: ref('repair_id')
      .notNull()
      .references(() => repairs.id, { onDelete: 'cascade' }),
    kind: mysqlEnum('kind', ['deposit', 'balance']).notNull(),
    method: mysqlEnum('method', ['cash', 'khqr']).notNull(),
    amount: money('amount').notNull(),
    khrPerUsd: int('khr_per_usd').notNull(),
    cashTenderedUsd: money('cash_tendered_usd'),
    cashTenderedKhr: int('cash_tendered_khr'),
    changeUsd: money('change_usd'),
    changeKhr: int('change_khr'),
    cashRoundingKhr: int('cash_rounding_khr').notNull().default(0),
    transactionHash: varchar('transaction_hash', { length: 128 }),
    cashierId: ref('cashier_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    // One payment of each kind per ticket: a repeated submit finds the first.
    uniqueIndex('repair_payments_kind_uq').on(t.repairId, t.kind),
    uniqueIndex('repair_payments_hash_uq').on(t.transactionHash),
    index('repair_payments_cashier_idx').on(t.cashierId, t.createdAt),
  ],
);

/** Photos of the device's condition at intake (stored outside the public media folders; staff only). */
export const repairPhotos = mysqlTable(
  'repair_photos',
  {
    id: id(),
    repairId: ref('repair_id')
      .notNull()
      .references(() => repairs.id, { onDelete: 'cascade' }),
    fileKey: varchar('file_key', { length: 64 }).notNull(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('repair_photos_repair_idx').on(t.repairId)],
);

export type Repair = typeof repairs.$inferSelect;
export type RepairLine = typeof repairLines.$inferSelect;

/**
 * The shop's own pages (about us, warranty and returns, delivery, terms, privacy) at /pages/<slug>, in English
 * and Khmer. The bodies are Markdown rendered without raw HTML; an empty Khmer body shows the English one.
 */
export const contentPages = mysqlTable(
  'content_pages',
  {
    id: id(),
    slug: varchar('slug', { length: 80 }).notNull(),
    titleEn: varchar('title_en', { length: 160 }).notNull(),
    titleKm: varchar('title_km', { length: 160 }),
    bodyEn: mediumtext('body_en').notNull(),
    bodyKm: mediumtext('body_km').notNull(),
    isPublished: boolean('is_published').notNull().default(false),
    updatedAt: updatedAt(),
    updatedBy: ref('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('content_pages_slug_uq').on(t.slug), index('content_pages_published_idx').on(t.isPublished)],
);

/** A visitor's message from the contact form; staff mark it handled once answered. */
export const contactMessages = mysqlTable(
  'contact_messages',
  {
    id: id(),
    name: varchar('name', { length: 120 }).notNull(),
    email: varchar('email', { length: 254 }),
    /** E.164 ("+85512345678"). */
    phone: varchar('phone', { length: 16 }),
    subject: varchar('subject', { length: 160 }).notNull(),
    message: text('message').notNull(),
    /** The language the visitor wrote in: the shop answers in it. */
    locale: mysqlEnum('locale', LOCALES).notNull().default('en'),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    handledAt: datetime('handled_at', { mode: 'date', fsp: 3 }),
    handledBy: ref('handled_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('contact_messages_list_idx').on(t.handledAt, t.id)],
);

export type ContentPage = typeof contentPages.$inferSelect;
export type ContactMessage = typeof contactMessages.$inferSelect;
