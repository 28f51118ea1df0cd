CREATE TABLE `projection_epoch` (
	`id` integer PRIMARY KEY NOT NULL,
	`epoch` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `counted_forecasts` ADD `crowd_last` real;--> statement-breakpoint
ALTER TABLE `counted_forecasts` ADD `crowd_tw` real;--> statement-breakpoint
CREATE INDEX `resolutions_reopened_idx` ON `resolutions` (`reopened_seq`);