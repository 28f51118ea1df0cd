CREATE TABLE `claim_revisions` (
	`claim_id` text NOT NULL,
	`revision` integer NOT NULL,
	`title` text NOT NULL,
	`statement` text NOT NULL,
	`resolution_criteria` text NOT NULL,
	`details` text,
	`tags` text NOT NULL,
	`deadline` text,
	`check_by` text,
	`reason` text,
	`seq` integer NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`claim_id`, `revision`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claim_sources` (
	`source_id` text NOT NULL,
	`claim_id` text NOT NULL,
	PRIMARY KEY(`source_id`, `claim_id`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_sources_claim_idx` ON `claim_sources` (`claim_id`);--> statement-breakpoint
CREATE TABLE `claim_tags` (
	`tag` text NOT NULL,
	`claim_id` text NOT NULL,
	`created_seq` integer NOT NULL,
	PRIMARY KEY(`tag`, `created_seq`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_tags_claim_idx` ON `claim_tags` (`claim_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`statement` text NOT NULL,
	`resolution_criteria` text NOT NULL,
	`details` text,
	`tags` text NOT NULL,
	`deadline` text,
	`check_by` text,
	`due_at` text,
	`opened_at` text,
	`status` text NOT NULL,
	`revision` integer NOT NULL,
	`edited_after_forecasts` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_seq` integer NOT NULL,
	`updated_seq` integer NOT NULL,
	`resolution_seq` integer,
	`known_on` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_created_seq_unique` ON `claims` (`created_seq`);--> statement-breakpoint
CREATE INDEX `claims_status_idx` ON `claims` (`status`,`created_seq`);--> statement-breakpoint
CREATE INDEX `claims_kind_idx` ON `claims` (`kind`,`created_seq`);--> statement-breakpoint
CREATE INDEX `claims_due_idx` ON `claims` (`due_at`,`created_seq`);--> statement-breakpoint
CREATE INDEX `claims_known_on_idx` ON `claims` (`known_on`);--> statement-breakpoint
CREATE TABLE `counted_forecasts` (
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`variant` text NOT NULL,
	`has_backfilled` integer NOT NULL,
	`kind` text NOT NULL,
	`known_on` text NOT NULL,
	`outcome` integer NOT NULL,
	`p_last` real NOT NULL,
	`brier_last` real NOT NULL,
	`log_last` real NOT NULL,
	`p_tw` real NOT NULL,
	`brier_tw` real NOT NULL,
	`log_tw` real NOT NULL,
	PRIMARY KEY(`claim_id`, `source_id`, `variant`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `counted_source_idx` ON `counted_forecasts` (`source_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`claim_id` text,
	`recorded_at` text NOT NULL,
	`recorded_by` text,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_claim_idx` ON `events` (`claim_id`,`seq`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`claim_id` text NOT NULL,
	`date` text NOT NULL,
	`summary` text NOT NULL,
	`bearing` text NOT NULL,
	`url` text,
	`published_by` text,
	`grade_reliability` text,
	`grade_credibility` integer,
	`retracted_seq` integer,
	`retraction_reason` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_seq_unique` ON `evidence` (`seq`);--> statement-breakpoint
CREATE INDEX `evidence_claim_idx` ON `evidence` (`claim_id`);--> statement-breakpoint
CREATE TABLE `forecasts` (
	`seq` integer PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`probability` real NOT NULL,
	`made_at` text NOT NULL,
	`note` text,
	`backfilled` integer NOT NULL,
	`retracted_seq` integer,
	`retraction_reason` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forecasts_claim_idx` ON `forecasts` (`claim_id`,`made_at`);--> statement-breakpoint
CREATE INDEX `forecasts_source_idx` ON `forecasts` (`source_id`,`claim_id`);--> statement-breakpoint
CREATE TABLE `resolutions` (
	`seq` integer PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`outcome` text NOT NULL,
	`known_on` text NOT NULL,
	`note` text,
	`evidence_ids` text NOT NULL,
	`recorded_at` text NOT NULL,
	`reopened_seq` integer,
	`reopen_reason` text,
	`reopened_at` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `resolutions_claim_idx` ON `resolutions` (`claim_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`country` text,
	`url` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stances` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`stance` text NOT NULL,
	`date` text NOT NULL,
	`quote` text,
	`url` text,
	`confidence` real,
	`estimative` text,
	`retracted_seq` integer,
	`retraction_reason` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stances_seq_unique` ON `stances` (`seq`);--> statement-breakpoint
CREATE INDEX `stances_claim_idx` ON `stances` (`claim_id`);--> statement-breakpoint
CREATE INDEX `stances_source_idx` ON `stances` (`source_id`);