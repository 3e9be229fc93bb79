-- The bare SQL of the officer queue page: open cases of one agency by due
-- date, 50 rows.
SELECT * FROM cases
WHERE agency_id = 1 AND status IN ('registered', 'correction_requested', 'handling', 'answer_review')
ORDER BY due_date, id LIMIT 50;
