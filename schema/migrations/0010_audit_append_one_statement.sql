-- docs/audit.md, "Appending": a request's events are chained and inserted by one function call, the last
-- statement of the request's transaction. The append lock is taken inside it, so it is held for that one
-- statement and the commit, never across a round trip to the hub (the head read, the hashing and the
-- insert used to be three). The hub sends each event's canonical JSON in two parts, around the two values
-- only known under the lock (`at` and `seq`); the hash is sha256(prev_hash || canonical JSON), as before,
-- so the verifier and every event already recorded are unchanged.
CREATE OR REPLACE FUNCTION audit_append(events jsonb) RETURNS integer AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  now_text text;
  e jsonb;
  next_hash text;
  n integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7201401);
  SELECT seq, hash INTO head_seq, head_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, repeat('0', 64));
  now_text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  FOR e IN SELECT value FROM jsonb_array_elements(events) LOOP
    head_seq := head_seq + 1;
    next_hash := encode(sha256(convert_to(head_hash || (e->>'pre') || '"' || now_text || '"' || (e->>'mid') || head_seq::text || '}', 'UTF8')), 'hex');
    INSERT INTO audit_events (seq, id, at, request_id, actor_sub, actor_org, actor_role, child_id, area_code, action, basis,
                              categories, sections, operation_name, flags, prev_hash, hash)
    VALUES (head_seq, (e->>'id')::uuid, now_text::timestamptz, e->>'requestId', e->>'actorSub', e->>'actorOrg', e->>'actorRole',
            (e->>'childId')::uuid, e->>'areaCode', e->>'action', e->>'basis',
            ARRAY(SELECT jsonb_array_elements_text(e->'categories')), ARRAY(SELECT jsonb_array_elements_text(e->'sections')),
            e->>'operationName', ARRAY(SELECT jsonb_array_elements_text(e->'flags')), head_hash, next_hash);
    head_hash := next_hash;
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$ LANGUAGE plpgsql;
