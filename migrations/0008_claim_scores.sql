CREATE TABLE `claim_crowd_scores` (
	`claim_id` text PRIMARY KEY NOT NULL,
	`baseline` real NOT NULL,
	`coverage` real NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claim_scores` (
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`known_on` text NOT NULL,
	`baseline` real NOT NULL,
	`peer` real NOT NULL,
	`coverage` real NOT NULL,
	PRIMARY KEY(`claim_id`, `source_id`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_scores_source_idx` ON `claim_scores` (`source_id`,`known_on`,`baseline`,`peer`,`coverage`);--> statement-breakpoint
CREATE INDEX `claim_scores_known_on_idx` ON `claim_scores` (`known_on`,`source_id`,`baseline`,`peer`,`coverage`);--> statement-breakpoint
CREATE TABLE `source_score_totals` (
	`source_id` text PRIMARY KEY NOT NULL,
	`questions` integer NOT NULL,
	`baseline_sum` real NOT NULL,
	`peer_sum` real NOT NULL,
	`coverage_sum` real NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
