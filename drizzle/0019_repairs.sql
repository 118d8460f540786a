CREATE TABLE `repair_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`repair_id` bigint unsigned NOT NULL,
	`kind` enum('part','labour') NOT NULL,
	`variant_id` bigint unsigned,
	`unit_id` bigint unsigned,
	`description` varchar(200) NOT NULL,
	`quantity` int unsigned NOT NULL,
	`unit_price` decimal(12,2) NOT NULL,
	`unit_cost` decimal(12,2) NOT NULL DEFAULT '0.00',
	`user_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `repair_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `repair_payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`repair_id` bigint unsigned NOT NULL,
	`kind` enum('deposit','balance') NOT NULL,
	`method` enum('cash','khqr') NOT NULL,
	`amount` decimal(12,2) NOT NULL,
	`khr_per_usd` int NOT NULL,
	`cash_tendered_usd` decimal(12,2),
	`cash_tendered_khr` int,
	`change_usd` decimal(12,2),
	`change_khr` int,
	`cash_rounding_khr` int NOT NULL DEFAULT 0,
	`transaction_hash` varchar(128),
	`cashier_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `repair_payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `repair_payments_kind_uq` UNIQUE(`repair_id`,`kind`),
	CONSTRAINT `repair_payments_hash_uq` UNIQUE(`transaction_hash`)
);
--> statement-breakpoint
CREATE TABLE `repair_photos` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`repair_id` bigint unsigned NOT NULL,
	`file_key` varchar(64) NOT NULL,
	`user_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `repair_photos_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `repair_status_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`repair_id` bigint unsigned NOT NULL,
	`from_status` enum('received','diagnosing','awaiting_approval','awaiting_parts','repairing','ready','collected','returned'),
	`to_status` enum('received','diagnosing','awaiting_approval','awaiting_parts','repairing','ready','collected','returned') NOT NULL,
	`event` enum('quote_sent','quote_approved','quote_declined','warranty_on','warranty_off'),
	`user_id` bigint unsigned,
	`note` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `repair_status_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `repairs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`status` enum('received','diagnosing','awaiting_approval','awaiting_parts','repairing','ready','collected','returned') NOT NULL DEFAULT 'received',
	`user_id` bigint unsigned,
	`customer_name` varchar(120) NOT NULL,
	`customer_phone` varchar(16) NOT NULL,
	`customer_email` varchar(255),
	`locale` enum('en','km') NOT NULL DEFAULT 'en',
	`unit_id` bigint unsigned,
	`device_brand` varchar(80) NOT NULL,
	`device_model` varchar(120) NOT NULL,
	`device_serial` varchar(64) NOT NULL DEFAULT '',
	`problem` varchar(1000) NOT NULL,
	`accessories` varchar(300) NOT NULL DEFAULT '',
	`device_condition` varchar(500) NOT NULL DEFAULT '',
	`passcode_encrypted` varchar(255),
	`diagnosis` varchar(1000) NOT NULL DEFAULT '',
	`under_warranty` boolean NOT NULL DEFAULT false,
	`deposit` decimal(12,2) NOT NULL DEFAULT '0.00',
	`estimated_ready` date,
	`technician_id` bigint unsigned,
	`quote_token_hash` char(64),
	`quote_total` decimal(12,2),
	`quote_sent_at` datetime(3),
	`quote_answer` enum('approved','declined'),
	`quote_answered_at` datetime(3),
	`closed_at` datetime(3),
	`intake_key` char(32),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `repairs_id` PRIMARY KEY(`id`),
	CONSTRAINT `repairs_quote_token_uq` UNIQUE(`quote_token_hash`),
	CONSTRAINT `repairs_intake_key_uq` UNIQUE(`intake_key`)
);
--> statement-breakpoint
ALTER TABLE `serial_unit_events` MODIFY COLUMN `event` enum('received','sold','returned','restocked','faulty','written_off','repair_in','repair_out','repair_part','repair_part_removed') NOT NULL;--> statement-breakpoint
ALTER TABLE `stock_movements` MODIFY COLUMN `reason` enum('initial','restock','correction','damage','return','sale','order_cancelled','import','purchase','repair') NOT NULL;--> statement-breakpoint
ALTER TABLE `serial_unit_events` ADD `repair_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `repair_lines` ADD CONSTRAINT `repair_lines_repair_id_repairs_id_fk` FOREIGN KEY (`repair_id`) REFERENCES `repairs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_lines` ADD CONSTRAINT `repair_lines_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_lines` ADD CONSTRAINT `repair_lines_unit_id_serial_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `serial_units`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_lines` ADD CONSTRAINT `repair_lines_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_payments` ADD CONSTRAINT `repair_payments_repair_id_repairs_id_fk` FOREIGN KEY (`repair_id`) REFERENCES `repairs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_payments` ADD CONSTRAINT `repair_payments_cashier_id_users_id_fk` FOREIGN KEY (`cashier_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_photos` ADD CONSTRAINT `repair_photos_repair_id_repairs_id_fk` FOREIGN KEY (`repair_id`) REFERENCES `repairs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_photos` ADD CONSTRAINT `repair_photos_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_status_log` ADD CONSTRAINT `repair_status_log_repair_id_repairs_id_fk` FOREIGN KEY (`repair_id`) REFERENCES `repairs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repair_status_log` ADD CONSTRAINT `repair_status_log_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repairs` ADD CONSTRAINT `repairs_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repairs` ADD CONSTRAINT `repairs_unit_id_serial_units_id_fk` FOREIGN KEY (`unit_id`) REFERENCES `serial_units`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repairs` ADD CONSTRAINT `repairs_technician_id_users_id_fk` FOREIGN KEY (`technician_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `repairs` ADD CONSTRAINT `repairs_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `repair_lines_repair_idx` ON `repair_lines` (`repair_id`);--> statement-breakpoint
CREATE INDEX `repair_payments_cashier_idx` ON `repair_payments` (`cashier_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `repair_photos_repair_idx` ON `repair_photos` (`repair_id`);--> statement-breakpoint
CREATE INDEX `repair_status_log_repair_idx` ON `repair_status_log` (`repair_id`,`id`);--> statement-breakpoint
CREATE INDEX `repairs_status_idx` ON `repairs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `repairs_phone_idx` ON `repairs` (`customer_phone`);--> statement-breakpoint
CREATE INDEX `repairs_user_idx` ON `repairs` (`user_id`);--> statement-breakpoint
CREATE INDEX `repairs_unit_idx` ON `repairs` (`unit_id`);--> statement-breakpoint
CREATE INDEX `repairs_serial_idx` ON `repairs` (`device_serial`);