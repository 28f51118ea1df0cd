CREATE TABLE `source_claims` (
	`source_id` text NOT NULL,
	`created_seq` integer NOT NULL,
	`world_date` text,
	PRIMARY KEY(`source_id`, `created_seq`)
);
--> statement-breakpoint
CREATE INDEX `source_claims_world_idx` ON `source_claims` (`source_id`,`world_date`,`created_seq`);--> statement-breakpoint
DROP INDEX `claims_world_date_idx`;--> statement-breakpoint
CREATE INDEX `claims_kind_world_idx` ON `claims` (`kind`,`world_date`,`created_seq`);--> statement-breakpoint
CREATE INDEX `claims_status_world_idx` ON `claims` (`status`,`world_date`,`created_seq`);--> statement-breakpoint
CREATE INDEX `claims_world_date_idx` ON `claims` (`world_date`,`created_seq`,`due_at`);--> statement-breakpoint
ALTER TABLE `claim_tags` ADD `world_date` text;--> statement-breakpoint
CREATE INDEX `claim_tags_world_idx` ON `claim_tags` (`tag`,`world_date`,`created_seq`);