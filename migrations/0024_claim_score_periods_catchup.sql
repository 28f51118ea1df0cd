-- claim_score_periods (migration 0023) sums claim_scores in fixed point, computed in TypeScript
-- (src/domain/scoring/fixed-sum.ts): a database with scores marks the catch-up, which the next
-- open of the database does once (src/db/client.ts, catchUpScorePeriods).
INSERT OR IGNORE INTO `projection_catchups` (`name`)
SELECT 'claim_score_periods'
WHERE EXISTS (SELECT 1 FROM `claim_scores`);
