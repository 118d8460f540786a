CREATE TABLE `brands` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(80) NOT NULL,
	`slug` varchar(100) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `brands_id` PRIMARY KEY(`id`),
	CONSTRAINT `brands_slug_uq` UNIQUE(`slug`),
	CONSTRAINT `brands_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`parent_id` bigint unsigned,
	`path` varchar(255) NOT NULL DEFAULT '/',
	`depth` tinyint unsigned NOT NULL DEFAULT 0,
	`name` varchar(120) NOT NULL,
	`name_km` varchar(120),
	`slug` varchar(140) NOT NULL,
	`position` int NOT NULL DEFAULT 0,
	`image_path` varchar(255),
	`is_active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `categories_id` PRIMARY KEY(`id`),
	CONSTRAINT `categories_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `product_images` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`file_key` varchar(80) NOT NULL,
	`width` smallint unsigned NOT NULL,
	`height` smallint unsigned NOT NULL,
	`alt` varchar(200) NOT NULL DEFAULT '',
	`position` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `product_images_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `product_specs` (
	`product_id` bigint unsigned NOT NULL,
	`attribute_id` bigint unsigned NOT NULL,
	`value_text` varchar(200) NOT NULL,
	`value_number` decimal(14,3),
	CONSTRAINT `product_specs_product_id_attribute_id_pk` PRIMARY KEY(`product_id`,`attribute_id`)
);
--> statement-breakpoint
CREATE TABLE `product_types` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(80) NOT NULL,
	`name_km` varchar(80),
	CONSTRAINT `product_types_id` PRIMARY KEY(`id`),
	CONSTRAINT `product_types_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(200) NOT NULL,
	`name_km` varchar(200),
	`slug` varchar(220) NOT NULL,
	`brand_id` bigint unsigned,
	`category_id` bigint unsigned NOT NULL,
	`product_type_id` bigint unsigned,
	`short_description` varchar(500) NOT NULL DEFAULT '',
	`description` text NOT NULL DEFAULT (''),
	`description_km` text,
	`status` enum('draft','active','archived') NOT NULL DEFAULT 'draft',
	`warranty_months` smallint unsigned NOT NULL DEFAULT 12,
	`seo_title` varchar(200),
	`seo_description` varchar(320),
	`featured` boolean NOT NULL DEFAULT false,
	`min_price` decimal(12,2) NOT NULL DEFAULT '0.00',
	`max_price` decimal(12,2) NOT NULL DEFAULT '0.00',
	`total_stock` int NOT NULL DEFAULT 0,
	`in_stock` boolean NOT NULL DEFAULT false,
	`has_deal` boolean NOT NULL DEFAULT false,
	`sold_count` int unsigned NOT NULL DEFAULT 0,
	`primary_image` varchar(80),
	`search_text` text NOT NULL DEFAULT (''),
	`published_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `products_id` PRIMARY KEY(`id`),
	CONSTRAINT `products_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `spec_attributes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_type_id` bigint unsigned NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(80) NOT NULL,
	`name_km` varchar(80),
	`data_type` enum('text','number','boolean') NOT NULL DEFAULT 'text',
	`unit` varchar(16),
	`filterable` boolean NOT NULL DEFAULT true,
	`position` int NOT NULL DEFAULT 0,
	CONSTRAINT `spec_attributes_id` PRIMARY KEY(`id`),
	CONSTRAINT `spec_attributes_type_code_uq` UNIQUE(`product_type_id`,`code`)
);
--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`variant_id` bigint unsigned NOT NULL,
	`delta` int NOT NULL,
	`stock_before` int NOT NULL,
	`stock_after` int NOT NULL,
	`reason` enum('initial','restock','correction','damage','return','sale','order_cancelled','import') NOT NULL,
	`note` varchar(255),
	`unit_cost` decimal(12,2),
	`user_id` bigint unsigned,
	`order_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_movements_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `variants` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`sku` varchar(64) NOT NULL,
	`barcode` varchar(64),
	`options` json NOT NULL DEFAULT ('{}'),
	`title` varchar(200) NOT NULL DEFAULT '',
	`price` decimal(12,2) NOT NULL,
	`compare_at_price` decimal(12,2),
	`cost_price` decimal(12,2) NOT NULL DEFAULT '0.00',
	`stock` int NOT NULL DEFAULT 0,
	`low_stock_threshold` int NOT NULL DEFAULT 3,
	`position` int NOT NULL DEFAULT 0,
	`is_active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `variants_id` PRIMARY KEY(`id`),
	CONSTRAINT `variants_sku_uq` UNIQUE(`sku`),
	CONSTRAINT `variants_barcode_uq` UNIQUE(`barcode`),
	CONSTRAINT `variants_stock_nonnegative` CHECK(`variants`.`stock` >= 0)
);
--> statement-breakpoint
ALTER TABLE `product_images` ADD CONSTRAINT `product_images_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `product_specs` ADD CONSTRAINT `product_specs_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `product_specs` ADD CONSTRAINT `product_specs_attribute_id_spec_attributes_id_fk` FOREIGN KEY (`attribute_id`) REFERENCES `spec_attributes`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `products` ADD CONSTRAINT `products_brand_id_brands_id_fk` FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `products` ADD CONSTRAINT `products_category_id_categories_id_fk` FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `products` ADD CONSTRAINT `products_product_type_id_product_types_id_fk` FOREIGN KEY (`product_type_id`) REFERENCES `product_types`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `spec_attributes` ADD CONSTRAINT `spec_attributes_product_type_id_product_types_id_fk` FOREIGN KEY (`product_type_id`) REFERENCES `product_types`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD CONSTRAINT `stock_movements_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD CONSTRAINT `stock_movements_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `variants` ADD CONSTRAINT `variants_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `categories_parent_idx` ON `categories` (`parent_id`,`position`);--> statement-breakpoint
CREATE INDEX `categories_path_idx` ON `categories` (`path`);--> statement-breakpoint
CREATE INDEX `product_images_product_idx` ON `product_images` (`product_id`,`position`);--> statement-breakpoint
CREATE INDEX `product_specs_attr_text_idx` ON `product_specs` (`attribute_id`,`value_text`);--> statement-breakpoint
CREATE INDEX `product_specs_attr_num_idx` ON `product_specs` (`attribute_id`,`value_number`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_id`,`status`);--> statement-breakpoint
CREATE INDEX `products_brand_idx` ON `products` (`brand_id`,`status`);--> statement-breakpoint
CREATE INDEX `products_status_price_idx` ON `products` (`status`,`min_price`);--> statement-breakpoint
CREATE INDEX `products_status_created_idx` ON `products` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `products_status_sold_idx` ON `products` (`status`,`sold_count`);--> statement-breakpoint
CREATE INDEX `products_featured_idx` ON `products` (`status`,`featured`);--> statement-breakpoint
CREATE INDEX `products_deal_idx` ON `products` (`status`,`has_deal`);--> statement-breakpoint
CREATE INDEX `stock_movements_variant_idx` ON `stock_movements` (`variant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_movements_order_idx` ON `stock_movements` (`order_id`);--> statement-breakpoint
CREATE INDEX `variants_product_idx` ON `variants` (`product_id`,`position`);--> statement-breakpoint
CREATE INDEX `variants_low_stock_idx` ON `variants` (`stock`,`low_stock_threshold`);