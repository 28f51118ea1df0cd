CREATE TABLE `calibration_groups` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`rule` text NOT NULL,
	`mode` text NOT NULL,
	`probability` real NOT NULL,
	`n` integer NOT NULL,
	`ones` integer NOT NULL,
	`brier_hi` integer NOT NULL,
	`brier_lo` integer NOT NULL,
	`log_hi` integer NOT NULL,
	`log_lo` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`, `rule`, `mode`, `probability`)
);
