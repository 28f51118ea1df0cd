-- Custom migration (drizzle-kit cannot describe triggers or FTS5 tables).
-- 1. The ledger is append-only: no UPDATE or DELETE on events, even from a stray query.
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;
--> statement-breakpoint
-- 2. Full-text search over claims. A plain FTS5 table keyed by the claim's created_seq
-- (stable across VACUUM, unlike an implicit rowid), kept in step by triggers.
CREATE VIRTUAL TABLE `claims_fts` USING fts5(
  `title`, `statement`, `resolution_criteria`, `details`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `claims_fts_ai` AFTER INSERT ON `claims`
BEGIN
  INSERT INTO `claims_fts` (`rowid`, `title`, `statement`, `resolution_criteria`, `details`)
  VALUES (new.`created_seq`, new.`title`, new.`statement`, new.`resolution_criteria`, coalesce(new.`details`, ''));
  INSERT OR IGNORE INTO `claim_tags` (`tag`, `claim_id`, `created_seq`)
  SELECT DISTINCT `value`, new.`id`, new.`created_seq` FROM json_each(new.`tags`);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_au` AFTER UPDATE OF `title`, `statement`, `resolution_criteria`, `details`, `tags` ON `claims`
BEGIN
  DELETE FROM `claims_fts` WHERE `rowid` = old.`created_seq`;
  INSERT INTO `claims_fts` (`rowid`, `title`, `statement`, `resolution_criteria`, `details`)
  VALUES (new.`created_seq`, new.`title`, new.`statement`, new.`resolution_criteria`, coalesce(new.`details`, ''));
  DELETE FROM `claim_tags` WHERE `claim_id` = old.`id` AND `tag` NOT IN (SELECT `value` FROM json_each(new.`tags`));
  INSERT OR IGNORE INTO `claim_tags` (`tag`, `claim_id`, `created_seq`)
  SELECT DISTINCT `value`, new.`id`, new.`created_seq` FROM json_each(new.`tags`);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_ad` AFTER DELETE ON `claims`
BEGIN
  DELETE FROM `claims_fts` WHERE `rowid` = old.`created_seq`;
  DELETE FROM `claim_tags` WHERE `claim_id` = old.`id`;
END;
