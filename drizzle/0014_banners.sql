CREATE TABLE `banners` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`title` varchar(120) NOT NULL,
	`title_km` varchar(120),
	`subtitle` varchar(200),
	`subtitle_km` varchar(200),
	`image_key` varchar(80) NOT NULL,
	`link_url` varchar(300) NOT NULL,
	`starts_at` datetime(3),
	`ends_at` datetime(3),
	`position` int NOT NULL DEFAULT 0,
	`is_active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `banners_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `banners_live_idx` ON `banners` (`is_active`,`position`);