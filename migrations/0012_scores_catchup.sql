-- A database from before migration 0008 has resolved claims but no peer and baseline scores:
-- the scores are computed in TypeScript (src/domain/scoring), so this only marks the catch-up,
-- which the next open of the database does once (src/db/client.ts, catchUpScores).
INSERT INTO `projection_catchups` (`name`)
SELECT 'claim_scores'
WHERE EXISTS (SELECT 1 FROM `claims` WHERE `status` IN ('confirmed', 'refuted'))
  AND NOT EXISTS (SELECT 1 FROM `claim_scores`);
