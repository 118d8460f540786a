CREATE TABLE `payment_proofs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`file_key` varchar(80) NOT NULL,
	`reference` varchar(100),
	`currency` enum('USD','KHR') NOT NULL DEFAULT 'USD',
	`status` enum('submitted','approved','rejected') NOT NULL DEFAULT 'submitted',
	`reviewed_by` bigint unsigned,
	`reviewed_at` datetime(3),
	`reject_reason` varchar(300),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payment_proofs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`method` enum('khqr','cash') NOT NULL DEFAULT 'khqr',
	`currency` enum('USD','KHR') NOT NULL,
	`amount` decimal(14,2) NOT NULL,
	`khqr` text,
	`md5` char(32),
	`expires_at` datetime(3),
	`status` enum('pending','paid','expired','flagged','superseded') NOT NULL DEFAULT 'pending',
	`transaction_hash` varchar(128),
	`payer_account` varchar(128),
	`paid_at` datetime(3),
	`flag_reason` varchar(300),
	`check_attempts` int unsigned NOT NULL DEFAULT 0,
	`next_check_at` datetime(3),
	`last_checked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `payments_md5_uq` UNIQUE(`md5`)
);
--> statement-breakpoint
ALTER TABLE `payment_proofs` ADD CONSTRAINT `payment_proofs_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `payment_proofs` ADD CONSTRAINT `payment_proofs_reviewed_by_users_id_fk` FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `payment_proofs_status_idx` ON `payment_proofs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_proofs_order_idx` ON `payment_proofs` (`order_id`);--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`order_id`,`currency`,`status`);--> statement-breakpoint
CREATE INDEX `payments_check_idx` ON `payments` (`status`,`next_check_at`);