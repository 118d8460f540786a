CREATE TABLE `invoice_counters` (
	`year` smallint unsigned NOT NULL,
	`last_number` int unsigned NOT NULL DEFAULT 0,
	CONSTRAINT `invoice_counters_year` PRIMARY KEY(`year`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `cash_rounding_khr` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `buyer_company` varchar(160);--> statement-breakpoint
ALTER TABLE `orders` ADD `buyer_vatin` varchar(40);--> statement-breakpoint
ALTER TABLE `orders` ADD `buyer_address` varchar(300);--> statement-breakpoint
ALTER TABLE `orders` ADD `invoice_number` varchar(20);--> statement-breakpoint
ALTER TABLE `orders` ADD `invoiced_at` datetime(3);--> statement-breakpoint
ALTER TABLE `products` ADD `search_name` varchar(800) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_invoice_number_uq` UNIQUE(`invoice_number`);--> statement-breakpoint
-- Search words (src/domain/search-words.ts): the full-text indexes move from the raw name to the
-- name's search words, which hold Khmer segmented into words. Until the catalog is re-indexed
-- (npm run search:reindex), the raw name stands in.
UPDATE `products` SET `search_name` = `name`;--> statement-breakpoint
DROP INDEX `products_search_ft` ON `products`;--> statement-breakpoint
DROP INDEX `products_name_ft` ON `products`;--> statement-breakpoint
CREATE FULLTEXT INDEX `products_name_ft` ON `products` (`search_name`);--> statement-breakpoint
CREATE FULLTEXT INDEX `products_search_ft` ON `products` (`search_name`, `search_text`);
