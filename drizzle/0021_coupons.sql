CREATE TABLE `coupon_redemptions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`coupon_id` bigint unsigned NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned,
	`customer_email` varchar(255) NOT NULL,
	`customer_phone` varchar(16) NOT NULL,
	`discount` decimal(12,2) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_redemptions_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupon_redemptions_order_uq` UNIQUE(`order_id`)
);
--> statement-breakpoint
CREATE TABLE `coupon_targets` (
	`coupon_id` bigint unsigned NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	CONSTRAINT `coupon_targets_coupon_id_target_id_pk` PRIMARY KEY(`coupon_id`,`target_id`)
);
--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`description` varchar(200) NOT NULL DEFAULT '',
	`kind` enum('percent','fixed') NOT NULL,
	`value` decimal(10,2) NOT NULL,
	`min_spend` decimal(12,2) NOT NULL DEFAULT '0.00',
	`starts_at` datetime(3),
	`ends_at` datetime(3),
	`max_uses` int,
	`max_uses_per_customer` int,
	`used_count` int NOT NULL DEFAULT 0,
	`first_order_only` boolean NOT NULL DEFAULT false,
	`scope` enum('all','categories','brands','products') NOT NULL DEFAULT 'all',
	`automatic` boolean NOT NULL DEFAULT false,
	`is_active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupons_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupons_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `coupon_code` varchar(40);--> statement-breakpoint
ALTER TABLE `coupon_redemptions` ADD CONSTRAINT `coupon_redemptions_coupon_id_coupons_id_fk` FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `coupon_redemptions` ADD CONSTRAINT `coupon_redemptions_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `coupon_redemptions` ADD CONSTRAINT `coupon_redemptions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `coupon_targets` ADD CONSTRAINT `coupon_targets_coupon_id_coupons_id_fk` FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `coupon_redemptions_coupon_idx` ON `coupon_redemptions` (`coupon_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `coupon_redemptions_email_idx` ON `coupon_redemptions` (`coupon_id`,`customer_email`);--> statement-breakpoint
CREATE INDEX `coupon_redemptions_phone_idx` ON `coupon_redemptions` (`coupon_id`,`customer_phone`);--> statement-breakpoint
CREATE INDEX `coupons_auto_idx` ON `coupons` (`automatic`,`is_active`);