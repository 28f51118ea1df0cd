CREATE TABLE `source_forecast_totals` (
	`source_id` text PRIMARY KEY NOT NULL,
	`forecasts` integer NOT NULL,
	`brier_hi` integer NOT NULL,
	`brier_lo` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `source_stance_totals` (
	`source_id` text PRIMARY KEY NOT NULL,
	`right_n` integer NOT NULL,
	`wrong_n` integer NOT NULL,
	`pending_n` integer NOT NULL
);
