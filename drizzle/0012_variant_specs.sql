CREATE TABLE `variant_specs` (
	`variant_id` bigint unsigned NOT NULL,
	`attribute_id` bigint unsigned NOT NULL,
	`value_text` varchar(200) NOT NULL,
	`value_number` decimal(14,3),
	CONSTRAINT `variant_specs_variant_id_attribute_id_pk` PRIMARY KEY(`variant_id`,`attribute_id`)
);
--> statement-breakpoint
ALTER TABLE `variant_specs` ADD CONSTRAINT `variant_specs_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `variant_specs` ADD CONSTRAINT `variant_specs_attribute_id_spec_attributes_id_fk` FOREIGN KEY (`attribute_id`) REFERENCES `spec_attributes`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `variant_specs_attr_text_idx` ON `variant_specs` (`attribute_id`,`value_text`);--> statement-breakpoint
CREATE INDEX `variant_specs_attr_num_idx` ON `variant_specs` (`attribute_id`,`value_number`);