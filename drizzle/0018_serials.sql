CREATE TABLE `serial_unit_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`unit_id` bigint unsigned NOT NULL,
	`event` enum('received','sold','returned','restocked','faulty','written_off') NOT NULL,
	`order_id` bigint unsigned,
	`receipt_id` bigint unsigned,
	`user_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `serial_unit_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `serial_units` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`variant_id` bigint unsigned NOT NULL,
	`serial` varchar(64) NOT NULL,
	`status` enum('in_stock','sold','returned','in_repair','faulty','written_off') NOT NULL DEFAULT 'in_stock',
	`receipt_id` bigint unsigned,
	`supplier_id` bigint unsigned,
	`unit_cost` decimal(12,2),
	`order_id` bigint unsigned,
	`sold_at` datetime(3),
	`warranty_months` smallint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `serial_units_id` PRIMARY KEY(`id`),
	CONSTRAINT `serial_units_variant_serial_uq` UNIQUE(`variant_id`,`serial`)
);
--> statement-breakpoint
ALTER TABLE `variants` ADD `tracks_serials` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `serial_unit_events` ADD CONSTRAINT `serial_unit_events_unit_id_serial_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `serial_units`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `serial_unit_events` ADD CONSTRAINT `serial_unit_events_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `serial_units` ADD CONSTRAINT `serial_units_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `serial_units` ADD CONSTRAINT `serial_units_receipt_id_goods_receipts_id_fk` FOREIGN KEY (`receipt_id`) REFERENCES `goods_receipts`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `serial_units` ADD CONSTRAINT `serial_units_supplier_id_suppliers_id_fk` FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `serial_units` ADD CONSTRAINT `serial_units_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `serial_unit_events_unit_idx` ON `serial_unit_events` (`unit_id`,`id`);--> statement-breakpoint
CREATE INDEX `serial_units_serial_idx` ON `serial_units` (`serial`);--> statement-breakpoint
CREATE INDEX `serial_units_order_idx` ON `serial_units` (`order_id`);