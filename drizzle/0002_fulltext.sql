-- Full-text search over products (drizzle-kit has no FULLTEXT builder for MySQL).
CREATE FULLTEXT INDEX `products_name_ft` ON `products` (`name`);--> statement-breakpoint
CREATE FULLTEXT INDEX `products_search_ft` ON `products` (`name`, `search_text`);
