ALTER TABLE `products` ADD `changed_at` timestamp(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL ON UPDATE CURRENT_TIMESTAMP(3);--> statement-breakpoint
CREATE INDEX `products_changed_idx` ON `products` (`changed_at`);--> statement-breakpoint
-- Search now runs on each process's catalog index (src/modules/catalog/catalog-index.ts) over search_name and
-- search_text; the full-text indexes are no longer read, and every product write paid for them.
DROP INDEX `products_name_ft` ON `products`;--> statement-breakpoint
DROP INDEX `products_search_ft` ON `products`;
