-- Per-source totals for the ranked sources list (GET /api/sources?sort=brier|accuracy), kept
-- in the writing transaction by triggers, and filled here from the rows already there.
-- Brier sums in fixed point: hi = trunc(b * 2^31), lo = round((b * 2^31 - hi) * 2^31) (exact integers).
CREATE TRIGGER `counted_forecasts_totals_ai` AFTER INSERT ON `counted_forecasts` WHEN new.`variant` = 'all'
BEGIN
  INSERT INTO `source_forecast_totals` (`source_id`, `forecasts`, `brier_hi`, `brier_lo`)
  VALUES (new.`source_id`, 1, CAST(new.brier_last * 2147483648.0 AS INTEGER), CAST(round((new.brier_last * 2147483648.0 - CAST(new.brier_last * 2147483648.0 AS INTEGER)) * 2147483648.0) AS INTEGER))
  ON CONFLICT (`source_id`) DO UPDATE SET `forecasts` = `forecasts` + excluded.`forecasts`, `brier_hi` = `brier_hi` + excluded.`brier_hi`, `brier_lo` = `brier_lo` + excluded.`brier_lo`;
END;--> statement-breakpoint
CREATE TRIGGER `counted_forecasts_totals_ad` AFTER DELETE ON `counted_forecasts` WHEN old.`variant` = 'all'
BEGIN
  UPDATE `source_forecast_totals` SET `forecasts` = `forecasts` - 1, `brier_hi` = `brier_hi` - CAST(old.brier_last * 2147483648.0 AS INTEGER), `brier_lo` = `brier_lo` - CAST(round((old.brier_last * 2147483648.0 - CAST(old.brier_last * 2147483648.0 AS INTEGER)) * 2147483648.0) AS INTEGER)
  WHERE `source_id` = old.`source_id`;
  DELETE FROM `source_forecast_totals` WHERE `source_id` = old.`source_id` AND `forecasts` = 0;
END;--> statement-breakpoint
CREATE TRIGGER `counted_forecasts_totals_au` AFTER UPDATE ON `counted_forecasts`
BEGIN
  UPDATE `source_forecast_totals` SET `forecasts` = `forecasts` - 1, `brier_hi` = `brier_hi` - CAST(old.brier_last * 2147483648.0 AS INTEGER), `brier_lo` = `brier_lo` - CAST(round((old.brier_last * 2147483648.0 - CAST(old.brier_last * 2147483648.0 AS INTEGER)) * 2147483648.0) AS INTEGER)
  WHERE `source_id` = old.`source_id` AND old.`variant` = 'all';
  INSERT INTO `source_forecast_totals` (`source_id`, `forecasts`, `brier_hi`, `brier_lo`)
  SELECT new.`source_id`, 1, CAST(new.brier_last * 2147483648.0 AS INTEGER), CAST(round((new.brier_last * 2147483648.0 - CAST(new.brier_last * 2147483648.0 AS INTEGER)) * 2147483648.0) AS INTEGER) WHERE new.`variant` = 'all'
  ON CONFLICT (`source_id`) DO UPDATE SET `forecasts` = `forecasts` + excluded.`forecasts`, `brier_hi` = `brier_hi` + excluded.`brier_hi`, `brier_lo` = `brier_lo` + excluded.`brier_lo`;
  DELETE FROM `source_forecast_totals` WHERE `source_id` = old.`source_id` AND `forecasts` = 0;
END;--> statement-breakpoint
CREATE TRIGGER `stances_totals_ai` AFTER INSERT ON `stances`
BEGIN
  INSERT INTO `source_stance_totals` (`source_id`, `right_n`, `wrong_n`, `pending_n`)
  SELECT new.`source_id`, (new.retracted_seq IS NULL AND ((new.stance = 'asserts' AND c.status = 'confirmed') OR (new.stance = 'denies' AND c.status = 'refuted'))), (new.retracted_seq IS NULL AND ((new.stance = 'asserts' AND c.status = 'refuted') OR (new.stance = 'denies' AND c.status = 'confirmed'))), (new.retracted_seq IS NULL AND c.status = 'open') FROM `claims` c WHERE c.`id` = new.`claim_id`
  ON CONFLICT (`source_id`) DO UPDATE SET `right_n` = `right_n` + excluded.`right_n`, `wrong_n` = `wrong_n` + excluded.`wrong_n`, `pending_n` = `pending_n` + excluded.`pending_n`;
END;--> statement-breakpoint
CREATE TRIGGER `stances_totals_au` AFTER UPDATE OF `retracted_seq`, `stance`, `source_id`, `claim_id` ON `stances`
BEGIN
  UPDATE `source_stance_totals` SET
    `right_n` = `right_n` - (SELECT (old.retracted_seq IS NULL AND ((old.stance = 'asserts' AND c.status = 'confirmed') OR (old.stance = 'denies' AND c.status = 'refuted'))) FROM `claims` c WHERE c.`id` = old.`claim_id`),
    `wrong_n` = `wrong_n` - (SELECT (old.retracted_seq IS NULL AND ((old.stance = 'asserts' AND c.status = 'refuted') OR (old.stance = 'denies' AND c.status = 'confirmed'))) FROM `claims` c WHERE c.`id` = old.`claim_id`),
    `pending_n` = `pending_n` - (SELECT (old.retracted_seq IS NULL AND c.status = 'open') FROM `claims` c WHERE c.`id` = old.`claim_id`)
  WHERE `source_id` = old.`source_id`;
  INSERT INTO `source_stance_totals` (`source_id`, `right_n`, `wrong_n`, `pending_n`)
  SELECT new.`source_id`, (new.retracted_seq IS NULL AND ((new.stance = 'asserts' AND c.status = 'confirmed') OR (new.stance = 'denies' AND c.status = 'refuted'))), (new.retracted_seq IS NULL AND ((new.stance = 'asserts' AND c.status = 'refuted') OR (new.stance = 'denies' AND c.status = 'confirmed'))), (new.retracted_seq IS NULL AND c.status = 'open') FROM `claims` c WHERE c.`id` = new.`claim_id`
  ON CONFLICT (`source_id`) DO UPDATE SET `right_n` = `right_n` + excluded.`right_n`, `wrong_n` = `wrong_n` + excluded.`wrong_n`, `pending_n` = `pending_n` + excluded.`pending_n`;
END;--> statement-breakpoint
CREATE TRIGGER `claims_status_totals_au` AFTER UPDATE OF `status` ON `claims` WHEN old.`status` IS NOT new.`status`
BEGIN
  INSERT INTO `source_stance_totals` (`source_id`, `right_n`, `wrong_n`, `pending_n`)
  SELECT s.`source_id`, sum((s.retracted_seq IS NULL AND ((s.stance = 'asserts' AND new.status = 'confirmed') OR (s.stance = 'denies' AND new.status = 'refuted')))) - sum((s.retracted_seq IS NULL AND ((s.stance = 'asserts' AND old.status = 'confirmed') OR (s.stance = 'denies' AND old.status = 'refuted')))), sum((s.retracted_seq IS NULL AND ((s.stance = 'asserts' AND new.status = 'refuted') OR (s.stance = 'denies' AND new.status = 'confirmed')))) - sum((s.retracted_seq IS NULL AND ((s.stance = 'asserts' AND old.status = 'refuted') OR (s.stance = 'denies' AND old.status = 'confirmed')))), sum((s.retracted_seq IS NULL AND new.status = 'open')) - sum((s.retracted_seq IS NULL AND old.status = 'open'))
  FROM `stances` s WHERE s.`claim_id` = new.`id` GROUP BY s.`source_id`
  ON CONFLICT (`source_id`) DO UPDATE SET `right_n` = `right_n` + excluded.`right_n`, `wrong_n` = `wrong_n` + excluded.`wrong_n`, `pending_n` = `pending_n` + excluded.`pending_n`;
END;--> statement-breakpoint
INSERT INTO `source_forecast_totals` (`source_id`, `forecasts`, `brier_hi`, `brier_lo`)
SELECT f.`source_id`, count(*), sum(CAST(f.brier_last * 2147483648.0 AS INTEGER)), sum(CAST(round((f.brier_last * 2147483648.0 - CAST(f.brier_last * 2147483648.0 AS INTEGER)) * 2147483648.0) AS INTEGER))
FROM `counted_forecasts` f NOT INDEXED WHERE f.`variant` = 'all' GROUP BY f.`source_id`;--> statement-breakpoint
INSERT INTO `source_stance_totals` (`source_id`, `right_n`, `wrong_n`, `pending_n`)
SELECT s.`source_id`, sum((s.retracted_seq IS NULL AND ((s.stance = 'asserts' AND c.status = 'confirmed') OR (s.stance = 'denies' AND c.status = 'refuted')))), sum((s.retracted_seq IS NULL AND ((s.stance = 'asserts' AND c.status = 'refuted') OR (s.stance = 'denies' AND c.status = 'confirmed')))), sum((s.retracted_seq IS NULL AND c.status = 'open'))
FROM `stances` s JOIN `claims` c ON c.`id` = s.`claim_id` GROUP BY s.`source_id`;
