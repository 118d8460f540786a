-- Daily summaries for reports: rebuilt per day from the raw tables when that day is marked dirty.
-- Triggers mark a day dirty whenever an order, an order line or a refund of that day changes,
-- so every writer (app, imports, manual fixes) keeps the summaries honest.
CREATE TABLE `report_dirty_days` (
	`day` date NOT NULL,
	CONSTRAINT `report_dirty_days_day` PRIMARY KEY(`day`)
);--> statement-breakpoint
CREATE TABLE `report_summarised_days` (
	`day` date NOT NULL,
	`kind` enum('sales','traffic') NOT NULL,
	CONSTRAINT `report_summarised_days_pk` PRIMARY KEY(`kind`, `day`)
);--> statement-breakpoint
CREATE TABLE `daily_sales` (
	`day` date NOT NULL,
	`channel` varchar(10) NOT NULL,
	`method` varchar(10) NOT NULL,
	`orders` int NOT NULL,
	`items` int NOT NULL,
	`goods` decimal(16,2) NOT NULL,
	`discounts` decimal(16,2) NOT NULL,
	`delivery` decimal(16,2) NOT NULL,
	`vat` decimal(16,2) NOT NULL,
	`total` decimal(16,2) NOT NULL,
	CONSTRAINT `daily_sales_pk` PRIMARY KEY(`day`, `channel`, `method`)
);--> statement-breakpoint
CREATE TABLE `daily_refunds` (
	`day` date NOT NULL,
	`refunds` decimal(16,2) NOT NULL,
	CONSTRAINT `daily_refunds_pk` PRIMARY KEY(`day`)
);--> statement-breakpoint
CREATE TABLE `daily_line_sales` (
	`day` date NOT NULL,
	`sku` varchar(64) NOT NULL,
	`product_id` bigint unsigned,
	`product_name` varchar(200) NOT NULL,
	`units` int NOT NULL,
	`revenue` decimal(22,6) NOT NULL,
	`cost` decimal(22,6) NOT NULL,
	`below` int NOT NULL,
	CONSTRAINT `daily_line_sales_pk` PRIMARY KEY(`day`, `sku`, `product_name`)
);--> statement-breakpoint
CREATE TABLE `daily_traffic` (
	`day` date NOT NULL,
	`views` int NOT NULL,
	`visitors` int NOT NULL,
	`product_viewers` int NOT NULL,
	`cart_adders` int NOT NULL,
	`buyers` int NOT NULL,
	CONSTRAINT `daily_traffic_pk` PRIMARY KEY(`day`)
);--> statement-breakpoint
CREATE TABLE `daily_paths` (
	`day` date NOT NULL,
	`path` varchar(255) NOT NULL,
	`views` int NOT NULL,
	CONSTRAINT `daily_paths_pk` PRIMARY KEY(`day`, `path`)
);--> statement-breakpoint
CREATE TABLE `daily_searches` (
	`day` date NOT NULL,
	`term` varchar(100) NOT NULL,
	`searches` int NOT NULL,
	`empty` int NOT NULL,
	CONSTRAINT `daily_searches_pk` PRIMARY KEY(`day`, `term`)
);--> statement-breakpoint
CREATE TRIGGER `orders_ai_report` AFTER INSERT ON `orders` FOR EACH ROW
  INSERT IGNORE INTO report_dirty_days (day) VALUES (DATE(CONVERT_TZ(NEW.placed_at, '+00:00', '+07:00')));--> statement-breakpoint
CREATE TRIGGER `orders_au_report` AFTER UPDATE ON `orders` FOR EACH ROW
  INSERT IGNORE INTO report_dirty_days (day) VALUES (DATE(CONVERT_TZ(NEW.placed_at, '+00:00', '+07:00'))), (DATE(CONVERT_TZ(OLD.placed_at, '+00:00', '+07:00')));--> statement-breakpoint
CREATE TRIGGER `order_lines_ai_report` AFTER INSERT ON `order_lines` FOR EACH ROW
  INSERT IGNORE INTO report_dirty_days (day) SELECT DATE(CONVERT_TZ(o.placed_at, '+00:00', '+07:00')) FROM orders o WHERE o.id = NEW.order_id;--> statement-breakpoint
CREATE TRIGGER `order_lines_au_report` AFTER UPDATE ON `order_lines` FOR EACH ROW
  INSERT IGNORE INTO report_dirty_days (day) SELECT DATE(CONVERT_TZ(o.placed_at, '+00:00', '+07:00')) FROM orders o WHERE o.id = NEW.order_id;--> statement-breakpoint
CREATE TRIGGER `refunds_ai_report` AFTER INSERT ON `refunds` FOR EACH ROW
  INSERT IGNORE INTO report_dirty_days (day) VALUES (DATE(CONVERT_TZ(NEW.created_at, '+00:00', '+07:00')));
