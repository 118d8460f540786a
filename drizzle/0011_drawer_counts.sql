CREATE TABLE `drawer_counts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`shop_day` date NOT NULL,
	`cashier_id` bigint unsigned,
	`counted_by` bigint unsigned,
	`usd_notes` json NOT NULL,
	`khr_notes` json NOT NULL,
	`counted_usd` decimal(12,2) NOT NULL,
	`counted_khr` int NOT NULL,
	`expected_usd` decimal(12,2) NOT NULL,
	`expected_khr` int NOT NULL,
	`note` varchar(300),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `drawer_counts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `drawer_counts` ADD CONSTRAINT `drawer_counts_cashier_id_users_id_fk` FOREIGN KEY (`cashier_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `drawer_counts` ADD CONSTRAINT `drawer_counts_counted_by_users_id_fk` FOREIGN KEY (`counted_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `drawer_counts_day_idx` ON `drawer_counts` (`shop_day`,`cashier_id`);