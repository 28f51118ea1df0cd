DROP TABLE `claim_sources`;--> statement-breakpoint
DROP INDEX `stances_source_idx`;--> statement-breakpoint
CREATE INDEX `stances_source_idx` ON `stances` (`source_id`,`claim_id`);