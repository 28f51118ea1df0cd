-- Custom migration (drizzle-kit cannot describe triggers or FTS5 virtual tables).
-- 1. latest_forecasts (0005) follows forecasts by trigger, so that every write path — single
-- appends, the bulk path's multi-row INSERTs, rebuild — keeps it without statements of its own.
-- An inserted standing forecast replaces the stored one of its claim and source only if it is
-- later by (made_at, seq): the order the claim list has always used.
CREATE TRIGGER `latest_forecasts_recorded` AFTER INSERT ON `forecasts` WHEN new.`retracted_seq` IS NULL
BEGIN
  INSERT INTO `latest_forecasts` (`claim_id`, `source_id`, `seq`, `probability`, `made_at`)
  VALUES (new.`claim_id`, new.`source_id`, new.`seq`, new.`probability`, new.`made_at`)
  ON CONFLICT (`claim_id`, `source_id`) DO UPDATE SET `seq` = excluded.`seq`, `probability` = excluded.`probability`, `made_at` = excluded.`made_at`
  WHERE (excluded.`made_at`, excluded.`seq`) > (`latest_forecasts`.`made_at`, `latest_forecasts`.`seq`);
END;
--> statement-breakpoint
-- A retraction recomputes the pair from its standing forecasts (forecasts_source_idx finds them).
CREATE TRIGGER `latest_forecasts_retracted` AFTER UPDATE OF `retracted_seq` ON `forecasts`
BEGIN
  DELETE FROM `latest_forecasts` WHERE `claim_id` = old.`claim_id` AND `source_id` = old.`source_id`;
  INSERT INTO `latest_forecasts` (`claim_id`, `source_id`, `seq`, `probability`, `made_at`)
  SELECT `claim_id`, `source_id`, `seq`, `probability`, `made_at` FROM `forecasts`
  WHERE `source_id` = old.`source_id` AND `claim_id` = old.`claim_id` AND `retracted_seq` IS NULL
  ORDER BY `made_at` DESC, `seq` DESC LIMIT 1;
END;
--> statement-breakpoint
INSERT INTO `latest_forecasts` (`claim_id`, `source_id`, `seq`, `probability`, `made_at`)
SELECT `claim_id`, `source_id`, `seq`, `probability`, `made_at` FROM (
  SELECT `claim_id`, `source_id`, `seq`, `probability`, `made_at`,
    row_number() OVER (PARTITION BY `claim_id`, `source_id` ORDER BY `made_at` DESC, `seq` DESC) AS `rn`
  FROM `forecasts` WHERE `retracted_seq` IS NULL
) WHERE `rn` = 1;
--> statement-breakpoint
-- 2. The crowd terms of counted forecasts already stored: (m − o)², m the median of the other
-- sources' counted probabilities on the claim (the middle one, or the mean of the two middle
-- ones), computed with the same floating-point operations as src/db/counted.ts does for new rows.
UPDATE `counted_forecasts` SET `crowd_last` = m.`c_last`, `crowd_tw` = m.`c_tw`
FROM (
  WITH `o` AS (
    SELECT a.`claim_id`, a.`source_id`, a.`outcome`, b.`p_last` AS `pl`, b.`p_tw` AS `pt`,
      row_number() OVER (PARTITION BY a.`claim_id`, a.`source_id` ORDER BY b.`p_last`) AS `kl`,
      row_number() OVER (PARTITION BY a.`claim_id`, a.`source_id` ORDER BY b.`p_tw`) AS `kt`,
      count(*) OVER (PARTITION BY a.`claim_id`, a.`source_id`) AS `n`
    FROM `counted_forecasts` a
    JOIN `counted_forecasts` b ON b.`claim_id` = a.`claim_id` AND b.`variant` = 'all' AND b.`source_id` <> a.`source_id`
    WHERE a.`variant` = 'all'
  ), `med` AS (
    SELECT `claim_id`, `source_id`, `outcome`,
      CASE WHEN `n` % 2 = 1 THEN max(CASE WHEN `kl` = `n` / 2 + 1 THEN `pl` END)
        ELSE (max(CASE WHEN `kl` = `n` / 2 THEN `pl` END) + max(CASE WHEN `kl` = `n` / 2 + 1 THEN `pl` END)) / 2 END AS `ml`,
      CASE WHEN `n` % 2 = 1 THEN max(CASE WHEN `kt` = `n` / 2 + 1 THEN `pt` END)
        ELSE (max(CASE WHEN `kt` = `n` / 2 THEN `pt` END) + max(CASE WHEN `kt` = `n` / 2 + 1 THEN `pt` END)) / 2 END AS `mt`
    FROM `o` GROUP BY `claim_id`, `source_id`
  )
  SELECT `claim_id`, `source_id`, (`ml` - `outcome`) * (`ml` - `outcome`) AS `c_last`, (`mt` - `outcome`) * (`mt` - `outcome`) AS `c_tw` FROM `med`
) AS m
WHERE `counted_forecasts`.`variant` = 'all' AND `counted_forecasts`.`claim_id` = m.`claim_id` AND `counted_forecasts`.`source_id` = m.`source_id`;
--> statement-breakpoint
-- 3. The vocabulary of the full-text index (a read-only view of claims_fts, no storage): the
-- claim search expands each prefix word to the terms it matches (src/db/claim-list.ts).
CREATE VIRTUAL TABLE `claims_fts_vocab` USING fts5vocab(`claims_fts`, 'row');
