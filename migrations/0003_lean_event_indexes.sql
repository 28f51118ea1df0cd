DROP INDEX `events_prev_hash_unique`;--> statement-breakpoint
DROP INDEX `events_hash_unique`;