-- The claim list's newest/oldest order within a tag (claim_tags.world_date) and within a source
-- (source_claims): copies of claims.world_date, kept equal to it in the writing transaction.
-- The tag triggers of 0001 now copy the world date too.
DROP TRIGGER IF EXISTS `claims_fts_ai`;--> statement-breakpoint
CREATE TRIGGER `claims_fts_ai` AFTER INSERT ON `claims`
BEGIN
  INSERT INTO `claims_fts` (`rowid`, `title`, `statement`, `resolution_criteria`, `details`)
  VALUES (new.`created_seq`, new.`title`, new.`statement`, new.`resolution_criteria`, coalesce(new.`details`, ''));
  INSERT OR IGNORE INTO `claim_tags` (`tag`, `claim_id`, `created_seq`, `world_date`)
  SELECT DISTINCT `value`, new.`id`, new.`created_seq`, new.`world_date` FROM json_each(new.`tags`);
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `claims_fts_au`;--> statement-breakpoint
CREATE TRIGGER `claims_fts_au` AFTER UPDATE OF `title`, `statement`, `resolution_criteria`, `details`, `tags` ON `claims`
BEGIN
  DELETE FROM `claims_fts` WHERE `rowid` = old.`created_seq`;
  INSERT INTO `claims_fts` (`rowid`, `title`, `statement`, `resolution_criteria`, `details`)
  VALUES (new.`created_seq`, new.`title`, new.`statement`, new.`resolution_criteria`, coalesce(new.`details`, ''));
  DELETE FROM `claim_tags` WHERE `claim_id` = old.`id` AND `tag` NOT IN (SELECT `value` FROM json_each(new.`tags`));
  INSERT OR IGNORE INTO `claim_tags` (`tag`, `claim_id`, `created_seq`, `world_date`)
  SELECT DISTINCT `value`, new.`id`, new.`created_seq`, new.`world_date` FROM json_each(new.`tags`);
END;--> statement-breakpoint
-- A claim's world date moves (set after its creation, or by an allegation's stances): its copies follow.
-- Its sources are those of its forecasts and stances (forecasts_claim_idx, stances_claim_idx).
CREATE TRIGGER `claims_world_date_au` AFTER UPDATE OF `world_date` ON `claims`
BEGIN
  UPDATE `claim_tags` SET `world_date` = new.`world_date` WHERE `claim_id` = new.`id`;
  UPDATE `source_claims` SET `world_date` = new.`world_date`
  WHERE `created_seq` = new.`created_seq`
    AND `source_id` IN (SELECT `source_id` FROM `forecasts` WHERE `claim_id` = new.`id` UNION SELECT `source_id` FROM `stances` WHERE `claim_id` = new.`id`);
END;--> statement-breakpoint
CREATE TRIGGER `forecasts_source_claims_ai` AFTER INSERT ON `forecasts`
BEGIN
  INSERT OR IGNORE INTO `source_claims` (`source_id`, `created_seq`, `world_date`)
  SELECT new.`source_id`, `created_seq`, `world_date` FROM `claims` WHERE `id` = new.`claim_id`;
END;--> statement-breakpoint
CREATE TRIGGER `stances_source_claims_ai` AFTER INSERT ON `stances`
BEGIN
  INSERT OR IGNORE INTO `source_claims` (`source_id`, `created_seq`, `world_date`)
  SELECT new.`source_id`, `created_seq`, `world_date` FROM `claims` WHERE `id` = new.`claim_id`;
END;--> statement-breakpoint
UPDATE `claim_tags` SET `world_date` = (SELECT `world_date` FROM `claims` WHERE `claims`.`id` = `claim_tags`.`claim_id`);--> statement-breakpoint
INSERT OR IGNORE INTO `source_claims` (`source_id`, `created_seq`, `world_date`)
SELECT x.`source_id`, c.`created_seq`, c.`world_date`
FROM (SELECT `source_id`, `claim_id` FROM `forecasts` UNION SELECT `source_id`, `claim_id` FROM `stances`) x
JOIN `claims` c ON c.`id` = x.`claim_id`;
