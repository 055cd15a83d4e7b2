-- docs/audit.md, "Appending": a request's audit in one call that costs little on either side. The hub
-- sends the fields every event shares once and the others as parallel arrays (one element per event;
-- categories, sections and flags as one comma-joined, sorted string each, '' for none: they are
-- vocabulary codes, which hold no comma). The function does what the hub did in a statement of its own
-- and in Node before (migration 0012's `audit_append` and its BULK count):
--   1. BULK (docs/audit.md, "BULK"): when the request read children, the same upsert and bounded count
--      of `actor_recent_reads` as before (sorted, refreshed only when over a minute old); over the
--      threshold, every READ event of the request gets the flag BULK (once, at its place in the sorted flags).
--   2. The chain locks as in `audit_append`: only this request's chains' heads, FOR UPDATE, in byte
--      order of the keys, all before any head is read; the legacy chain 'all' and a missing chain refused.
--   3. The canonical JSON of src/audit/hash-chain.ts `canonicalEvent`, built here: keys sorted, `areaCode`
--      only when present, `chain` and `chainSeq`, `seq` last; strings by to_json (the same text as
--      JSON.stringify: test/integration/audit-canonical-sql.test.ts), arrays by array_to_json, the time
--      as the verifier formats it. hash = sha256(prev_hash || canonical JSON), as `chainHash`. The ids
--      come from gen_random_uuid().
--   4. One INSERT of every event from unnest, then one UPDATE of the heads.
-- `audit_append(jsonb)` stays for callers of the older form.
CREATE OR REPLACE FUNCTION audit_append_request(
  p_request_id text, p_actor_sub text, p_actor_org text, p_actor_role text, p_operation_name text, p_bulk_threshold integer,
  p_chains text[], p_child_ids uuid[], p_area_codes text[], p_actions text[], p_bases text[],
  p_categories text[], p_sections text[], p_flags text[]) RETURNS integer AS $$
DECLARE
  n integer := coalesce(cardinality(p_chains), 0);
  v_chains text[];
  v_order integer[];
  v_read uuid[];
  v_bulk boolean := false;
  v_now text;
  v_at timestamptz;
  v_actor text;
  v_request text;
  v_flags text[];
  v_seq bigint[];
  v_chain_seq bigint[];
  v_id uuid[];
  v_prev text[];
  v_hash text[];
  v_head_chains text[] := '{}';
  v_head_seqs bigint[] := '{}';
  v_head_hashes text[] := '{}';
  v_chain text;
  v_head_seq bigint;
  v_head_hash text;
  v_text text;
  i integer;
BEGIN
  IF n = 0 THEN
    RETURN 0;
  END IF;
  IF coalesce(cardinality(p_child_ids), -1) <> n OR coalesce(cardinality(p_area_codes), -1) <> n
     OR coalesce(cardinality(p_actions), -1) <> n OR coalesce(cardinality(p_bases), -1) <> n
     OR coalesce(cardinality(p_categories), -1) <> n OR coalesce(cardinality(p_sections), -1) <> n
     OR coalesce(cardinality(p_flags), -1) <> n THEN
    RAISE EXCEPTION 'audit_append_request: the event arrays differ in length';
  END IF;
  SELECT array_agg(k ORDER BY k) INTO v_chains FROM (SELECT DISTINCT c COLLATE "C" AS k FROM unnest(p_chains) AS c) d;
  -- The legacy chain is closed; a missing chain would hash as NULL.
  IF array_position(v_chains, NULL) IS NOT NULL OR 'all' = ANY(v_chains) THEN
    RAISE EXCEPTION 'audit_append_request: an event names no chain or the closed legacy chain';
  END IF;

  -- BULK: distinct children the actor read in the last hour, this request's included. Sorted, so
  -- concurrent requests of one actor that refresh lock the same rows in the same order (no deadlock).
  SELECT array_agg(DISTINCT t.child ORDER BY t.child) INTO v_read
    FROM unnest(p_child_ids, p_actions) AS t(child, act) WHERE t.act = 'READ' AND t.child IS NOT NULL;
  IF v_read IS NOT NULL THEN
    WITH mine AS (SELECT unnest(v_read) AS child),
         refreshed AS (
           INSERT INTO actor_recent_reads (actor_sub, child_id, last_read_at)
           SELECT p_actor_sub, m.child, clock_timestamp() FROM mine m
            WHERE NOT EXISTS (SELECT 1 FROM actor_recent_reads r
                               WHERE r.actor_sub = p_actor_sub AND r.child_id = m.child
                                 AND r.last_read_at > clock_timestamp() - interval '1 minute')
            ORDER BY m.child
           ON CONFLICT (actor_sub, child_id) DO UPDATE SET last_read_at = excluded.last_read_at
           RETURNING 1)
    SELECT (SELECT count(*) FROM mine) + (SELECT count(*) FROM (
             SELECT 1 FROM actor_recent_reads r
              WHERE r.actor_sub = p_actor_sub AND r.last_read_at > clock_timestamp() - interval '1 hour'
                AND r.child_id <> ALL(v_read)
              LIMIT p_bulk_threshold + 1) AS others) > p_bulk_threshold
      INTO v_bulk;
  END IF;

  INSERT INTO audit_chain_heads (chain, chain_seq, hash) SELECT k, 0, repeat('0', 64) FROM unnest(v_chains) AS k ON CONFLICT DO NOTHING;
  PERFORM 1 FROM audit_chain_heads WHERE chain = ANY(v_chains) ORDER BY chain COLLATE "C" FOR UPDATE;
  v_now := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  v_at := v_now::timestamptz;
  -- The keys every event shares, between "actorSub" (after "action") and "areaCode", and after "id".
  v_actor := ',"actorOrg":' || to_json(p_actor_org)::text || ',"actorRole":' || to_json(p_actor_role)::text
          || ',"actorSub":' || to_json(p_actor_sub)::text;
  v_request := ',"operationName":' || coalesce(to_json(p_operation_name)::text, 'null') || ',"requestId":' || to_json(p_request_id)::text;

  -- Chain by chain in byte order of the keys, each chain's events in the hub's order.
  SELECT array_agg(o ORDER BY p_chains[o] COLLATE "C", o) INTO v_order FROM generate_subscripts(p_chains, 1) AS o;
  v_flags := p_flags;
  v_seq := array_fill(NULL::bigint, ARRAY[n]);
  v_chain_seq := v_seq;
  v_id := array_fill(NULL::uuid, ARRAY[n]);
  v_prev := array_fill(NULL::text, ARRAY[n]);
  v_hash := v_prev;
  FOREACH i IN ARRAY v_order LOOP
    IF v_chain IS DISTINCT FROM p_chains[i] THEN
      IF v_chain IS NOT NULL THEN
        v_head_chains := v_head_chains || v_chain;
        v_head_seqs := v_head_seqs || v_head_seq;
        v_head_hashes := v_head_hashes || v_head_hash;
      END IF;
      v_chain := p_chains[i];
      SELECT h.chain_seq, h.hash INTO v_head_seq, v_head_hash FROM audit_chain_heads h WHERE h.chain = v_chain;
    END IF;
    -- BULK into the hub's sorted flags at its place, the others left in the hub's (JavaScript's) order:
    -- against an ASCII word, byte order and JavaScript's agree, so the list stays as canonicalEvent sorts it.
    IF v_bulk AND p_actions[i] = 'READ' AND NOT 'BULK' = ANY(string_to_array(p_flags[i], ',')) THEN
      v_flags[i] := (SELECT string_agg(f, ',' ORDER BY CASE WHEN f COLLATE "C" < 'BULK' THEN 0 WHEN f = 'BULK' THEN 1 ELSE 2 END, o)
                       FROM unnest(string_to_array(p_flags[i], ',') || 'BULK'::text) WITH ORDINALITY AS t(f, o));
    END IF;
    v_head_seq := v_head_seq + 1;
    v_seq[i] := nextval('audit_events_seq');
    v_chain_seq[i] := v_head_seq;
    v_id[i] := gen_random_uuid();
    v_text := '{"action":' || to_json(p_actions[i])::text || v_actor
           || CASE WHEN p_area_codes[i] <> '' THEN ',"areaCode":' || to_json(p_area_codes[i])::text ELSE '' END
           || ',"at":"' || v_now || '","basis":' || to_json(p_bases[i])::text
           || ',"categories":' || array_to_json(string_to_array(p_categories[i], ','))::text
           || ',"chain":' || to_json(v_chain)::text || ',"chainSeq":' || v_head_seq
           || ',"childId":' || coalesce(to_json(p_child_ids[i])::text, 'null')
           || ',"flags":' || array_to_json(string_to_array(v_flags[i], ','))::text
           || ',"id":"' || v_id[i] || '"' || v_request
           || ',"sections":' || array_to_json(string_to_array(p_sections[i], ','))::text
           || ',"seq":' || v_seq[i] || '}';
    IF v_text IS NULL THEN
      RAISE EXCEPTION 'audit_append_request: event % lacks a field every event has', i;
    END IF;
    v_prev[i] := v_head_hash;
    v_head_hash := encode(sha256(convert_to(v_head_hash || v_text, 'UTF8')), 'hex');
    v_hash[i] := v_head_hash;
  END LOOP;
  v_head_chains := v_head_chains || v_chain;
  v_head_seqs := v_head_seqs || v_head_seq;
  v_head_hashes := v_head_hashes || v_head_hash;

  INSERT INTO audit_events (seq, chain, chain_seq, id, at, request_id, actor_sub, actor_org, actor_role, child_id, area_code, action, basis,
                            categories, sections, operation_name, flags, prev_hash, hash)
  SELECT u.seq, u.chain, u.chain_seq, u.id, v_at, p_request_id, p_actor_sub, p_actor_org, p_actor_role, u.child, u.area, u.act, u.basis,
         string_to_array(u.cats, ','), string_to_array(u.secs, ','), p_operation_name, string_to_array(u.flags, ','), u.prev, u.hash
    FROM unnest(v_seq, p_chains, v_chain_seq, v_id, p_child_ids, p_area_codes, p_actions, p_bases, p_categories, p_sections, v_flags, v_prev, v_hash)
         AS u(seq, chain, chain_seq, id, child, area, act, basis, cats, secs, flags, prev, hash)
   ORDER BY u.seq;
  UPDATE audit_chain_heads h SET chain_seq = u.seq, hash = u.hash
    FROM unnest(v_head_chains, v_head_seqs, v_head_hashes) AS u(chain, seq, hash) WHERE h.chain = u.chain;
  RETURN n;
END
$$ LANGUAGE plpgsql;
