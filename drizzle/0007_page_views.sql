CREATE TABLE `page_views` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`viewed_at` datetime(3) NOT NULL,
	`day` date NOT NULL,
	`kind` enum('page','product','search','cart_add','order') NOT NULL DEFAULT 'page',
	`path` varchar(255) NOT NULL,
	`referrer` varchar(255),
	`visitor` char(16) NOT NULL,
	`product_id` bigint unsigned,
	`search_term` varchar(100),
	`search_results` int,
	CONSTRAINT `page_views_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `page_views_day_idx` ON `page_views` (`day`,`kind`);--> statement-breakpoint
CREATE INDEX `page_views_kind_day_idx` ON `page_views` (`kind`,`day`,`search_term`);