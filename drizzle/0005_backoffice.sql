CREATE TABLE `refunds` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`amount` decimal(12,2) NOT NULL,
	`reason` varchar(300) NOT NULL,
	`method` enum('cash','khqr','other') NOT NULL DEFAULT 'cash',
	`user_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `refunds_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `cash_tendered_usd` decimal(12,2);--> statement-breakpoint
ALTER TABLE `orders` ADD `cash_tendered_khr` int;--> statement-breakpoint
ALTER TABLE `orders` ADD `change_usd` decimal(12,2);--> statement-breakpoint
ALTER TABLE `orders` ADD `change_khr` int;--> statement-breakpoint
ALTER TABLE `users` ADD `approval_secret` varchar(64);--> statement-breakpoint
ALTER TABLE `variants` ADD `low_stock_alert` enum('ok','pending','sent') DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE `refunds` ADD CONSTRAINT `refunds_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `refunds` ADD CONSTRAINT `refunds_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `refunds_order_idx` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `refunds_created_idx` ON `refunds` (`created_at`);