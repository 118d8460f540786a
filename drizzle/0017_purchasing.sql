CREATE TABLE `goods_receipt_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`receipt_id` bigint unsigned NOT NULL,
	`variant_id` bigint unsigned NOT NULL,
	`order_line_id` bigint unsigned,
	`quantity` int unsigned NOT NULL,
	`unit_cost` decimal(12,2) NOT NULL,
	CONSTRAINT `goods_receipt_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `goods_receipts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`purchase_order_id` bigint unsigned,
	`supplier_id` bigint unsigned,
	`received_by` bigint unsigned,
	`note` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `goods_receipts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `purchase_order_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`purchase_order_id` bigint unsigned NOT NULL,
	`variant_id` bigint unsigned NOT NULL,
	`quantity` int unsigned NOT NULL,
	`received_quantity` int unsigned NOT NULL DEFAULT 0,
	`unit_cost` decimal(12,2) NOT NULL,
	CONSTRAINT `purchase_order_lines_id` PRIMARY KEY(`id`),
	CONSTRAINT `purchase_order_lines_order_variant_uq` UNIQUE(`purchase_order_id`,`variant_id`)
);
--> statement-breakpoint
CREATE TABLE `purchase_orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`supplier_id` bigint unsigned NOT NULL,
	`status` enum('draft','ordered','partly_received','received','cancelled') NOT NULL DEFAULT 'draft',
	`note` varchar(500),
	`created_by` bigint unsigned,
	`ordered_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `purchase_orders_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(120) NOT NULL,
	`contact_name` varchar(120),
	`phone` varchar(32),
	`telegram` varchar(64),
	`email` varchar(190),
	`notes` varchar(1000),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `suppliers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `stock_movements` MODIFY COLUMN `reason` enum('initial','restock','correction','damage','return','sale','order_cancelled','import','purchase') NOT NULL;--> statement-breakpoint
ALTER TABLE `goods_receipt_lines` ADD CONSTRAINT `goods_receipt_lines_receipt_id_goods_receipts_id_fk` FOREIGN KEY (`receipt_id`) REFERENCES `goods_receipts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `goods_receipt_lines` ADD CONSTRAINT `goods_receipt_lines_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `goods_receipt_lines` ADD CONSTRAINT `goods_receipt_lines_order_line_id_purchase_order_lines_id_fk` FOREIGN KEY (`order_line_id`) REFERENCES `purchase_order_lines`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `goods_receipts` ADD CONSTRAINT `goods_receipts_purchase_order_id_purchase_orders_id_fk` FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `goods_receipts` ADD CONSTRAINT `goods_receipts_supplier_id_suppliers_id_fk` FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `goods_receipts` ADD CONSTRAINT `goods_receipts_received_by_users_id_fk` FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `purchase_order_lines` ADD CONSTRAINT `purchase_order_lines_purchase_order_id_purchase_orders_id_fk` FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `purchase_order_lines` ADD CONSTRAINT `purchase_order_lines_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD CONSTRAINT `purchase_orders_supplier_id_suppliers_id_fk` FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `purchase_orders` ADD CONSTRAINT `purchase_orders_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `goods_receipt_lines_receipt_idx` ON `goods_receipt_lines` (`receipt_id`);--> statement-breakpoint
CREATE INDEX `goods_receipts_order_idx` ON `goods_receipts` (`purchase_order_id`);--> statement-breakpoint
CREATE INDEX `purchase_orders_status_idx` ON `purchase_orders` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `purchase_orders_supplier_idx` ON `purchase_orders` (`supplier_id`);