CREATE TABLE `allegation_entries` (
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`stance` text NOT NULL,
	`source_type` text NOT NULL,
	`country` text,
	`start_day` integer NOT NULL,
	PRIMARY KEY(`claim_id`, `source_id`, `stance`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `analytics_counts` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`stance` text NOT NULL,
	`outcome` text NOT NULL,
	`day` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`, `stance`, `outcome`, `day`)
);
--> statement-breakpoint
CREATE INDEX `analytics_counts_day_idx` ON `analytics_counts` (`scope`,`day`);--> statement-breakpoint
CREATE TABLE `claim_analytics` (
	`claim_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`start_day` integer NOT NULL,
	`status` text NOT NULL,
	`known_day` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `claims` ADD `first_alleged_on` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `world_date` text;--> statement-breakpoint
CREATE INDEX `claims_world_date_idx` ON `claims` (`world_date`,`created_seq`);