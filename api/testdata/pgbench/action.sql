-- The bare SQL of one case action: lock the case row, update it with its
-- version, append its timeline event. The floor Gongkai's actions are
-- measured against (BENCHMARKS.md).
\set id random(1, :maxid)
BEGIN;
SELECT version FROM cases WHERE id = :id FOR UPDATE;
UPDATE cases SET version = version + 1, event_count = event_count + 1, updated_at = now() WHERE id = :id RETURNING event_count AS seq \gset
INSERT INTO case_events (case_id, seq, at, actor_role, actor_name, action, from_status, to_status, public, data, prev_hash, hash)
VALUES (:id, :seq, now(), 'supervisor', 'bench', 'assign', 'handling', 'handling', false, '{"internal":{"assigneeId":4}}', 'prev', 'hash');
COMMIT;
