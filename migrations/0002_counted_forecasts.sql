CREATE TABLE `counted_forecasts` (
	`rule` text NOT NULL,
	`variant` text NOT NULL,
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`kind` text NOT NULL,
	`known_on` text NOT NULL,
	`probability` real NOT NULL,
	`outcome` integer NOT NULL,
	`brier` real NOT NULL,
	`log_score` real NOT NULL,
	PRIMARY KEY(`rule`, `variant`, `claim_id`, `source_id`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `counted_calibration_idx` ON `counted_forecasts` (`rule`,`variant`,`probability`,`outcome`,`brier`,`log_score`);--> statement-breakpoint
CREATE INDEX `counted_source_idx` ON `counted_forecasts` (`source_id`,`rule`,`variant`);--> statement-breakpoint
CREATE INDEX `counted_known_on_idx` ON `counted_forecasts` (`rule`,`variant`,`known_on`);--> statement-breakpoint
CREATE INDEX `counted_claim_idx` ON `counted_forecasts` (`claim_id`);