-- Claims resolved with a value (multiple-choice, numeric and date questions, migration 0013)
-- had no claim_scores rows before their baseline, peer and coverage were projected: mark the
-- catch-up, which the next open of the database does once (src/db/client.ts, catchUpScores).
INSERT OR IGNORE INTO `projection_catchups` (`name`)
SELECT 'claim_scores'
WHERE EXISTS (SELECT 1 FROM `claims` WHERE `status` = 'resolved');
