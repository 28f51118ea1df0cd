CREATE TABLE `question_forecasts` (
	`seq` integer PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`kind` text NOT NULL,
	`vals` text NOT NULL,
	`made_at` text NOT NULL,
	`note` text,
	`backfilled` integer NOT NULL,
	`retracted_seq` integer,
	`retraction_reason` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `question_forecasts_claim_idx` ON `question_forecasts` (`claim_id`,`made_at`);--> statement-breakpoint
CREATE INDEX `question_forecasts_source_idx` ON `question_forecasts` (`source_id`,`claim_id`);--> statement-breakpoint
ALTER TABLE `claims` ADD `question_type` text DEFAULT 'binary' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `question` text;--> statement-breakpoint
ALTER TABLE `resolutions` ADD `value` text;