CREATE TABLE `projection_catchups` (
	`name` text PRIMARY KEY NOT NULL
);
