-- A source's claims (source_claims, the claim list's newest/oldest walk within ?source=) include
-- the claims it forecast with the other question types (question_forecasts, issue 17) too.
CREATE TRIGGER `question_forecasts_source_claims_ai` AFTER INSERT ON `question_forecasts`
BEGIN
  INSERT OR IGNORE INTO `source_claims` (`source_id`, `created_seq`, `world_date`)
  SELECT new.`source_id`, `created_seq`, `world_date` FROM `claims` WHERE `id` = new.`claim_id`;
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `claims_world_date_au`;--> statement-breakpoint
CREATE TRIGGER `claims_world_date_au` AFTER UPDATE OF `world_date` ON `claims`
BEGIN
  UPDATE `claim_tags` SET `world_date` = new.`world_date` WHERE `claim_id` = new.`id`;
  UPDATE `source_claims` SET `world_date` = new.`world_date`
  WHERE `created_seq` = new.`created_seq`
    AND `source_id` IN (SELECT `source_id` FROM `forecasts` WHERE `claim_id` = new.`id`
                        UNION SELECT `source_id` FROM `question_forecasts` WHERE `claim_id` = new.`id`
                        UNION SELECT `source_id` FROM `stances` WHERE `claim_id` = new.`id`);
END;--> statement-breakpoint
INSERT OR IGNORE INTO `source_claims` (`source_id`, `created_seq`, `world_date`)
SELECT q.`source_id`, c.`created_seq`, c.`world_date`
FROM (SELECT DISTINCT `source_id`, `claim_id` FROM `question_forecasts`) q
JOIN `claims` c ON c.`id` = q.`claim_id`;
