-- docs/audit.md, "Appending": migration 0012's `audit_append(jsonb)`, which took each event as JSON with
-- its canonical text in three parts, has had no caller since the hub moved to `audit_append_request`
-- (migration 0014). Dropped so that there is one way to append to the chains. Events it appended stay
-- and verify as before: the verifier reads rows, not the writer.
DROP FUNCTION IF EXISTS audit_append(jsonb);
