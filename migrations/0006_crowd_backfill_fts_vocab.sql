-- Custom migration (drizzle-kit cannot describe FTS5 virtual tables).
-- 1. The crowd terms (columns added by 0005) of the counted forecasts already stored: (m − o)²,
-- m the median of the other sources' counted probabilities on the claim (the middle one, or the
-- mean of the two middle ones), with the same floating-point operations as src/db/counted.ts
-- uses for new rows.
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
-- 2. The vocabulary of the full-text index (a read-only view of claims_fts, no storage): the
-- claim search expands each prefix word to the terms it matches (src/db/claim-list.ts).
CREATE VIRTUAL TABLE `claims_fts_vocab` USING fts5vocab(`claims_fts`, 'row');
