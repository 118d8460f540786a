CREATE TABLE `pos_approvals` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`action` enum('discount','return','khqr_manual') NOT NULL,
	`approver_id` bigint unsigned,
	`cashier_id` bigint unsigned,
	`order_number` varchar(20),
	`amount` decimal(12,2),
	`note` varchar(300),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `pos_approvals_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `payment_proofs` ADD `alerted_at` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `approval_last_step` bigint unsigned;--> statement-breakpoint
ALTER TABLE `pos_approvals` ADD CONSTRAINT `pos_approvals_approver_id_users_id_fk` FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `pos_approvals` ADD CONSTRAINT `pos_approvals_cashier_id_users_id_fk` FOREIGN KEY (`cashier_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `pos_approvals_created_idx` ON `pos_approvals` (`created_at`);--> statement-breakpoint
CREATE INDEX `pos_approvals_order_idx` ON `pos_approvals` (`order_number`);