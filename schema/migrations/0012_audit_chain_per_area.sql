-- docs/audit.md, "The chains": one hash chain per area instead of one global chain, so that requests of
-- different areas no longer queue on one append lock until each other's commit. An event's chain is its
-- area code ('national' for an event with no area); `chain_seq` numbers it within its chain with no gap,
-- and the hash covers the chain and `chain_seq` (src/audit/hash-chain.ts), so an event cannot be moved
-- to another chain. The global `seq` stays for ordering (access-log and FHIR cursors) and now comes from
-- a sequence: a rolled-back request leaves a gap there, which is why deletion is checked on chain_seq.
CREATE SEQUENCE "public"."audit_events_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- The events recorded so far form the legacy chain 'all', verified by the rule they were hashed with
-- (no chain fields; chain_seq = seq). A constant default is stored in the catalogue, not written to rows.
ALTER TABLE "audit_events" ADD COLUMN "chain" text NOT NULL DEFAULT 'all';--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
-- The one write to recorded events, here in the migration's transaction: chain_seq is not in their hash,
-- and the verifier requires chain_seq = seq on the legacy chain, so a wrong number would show as a break.
-- The append-only trigger (migration 0001) is back on before the transaction commits.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update";--> statement-breakpoint
UPDATE "audit_events" SET "chain_seq" = "seq";--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update";--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "chain_seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "chain" DROP DEFAULT;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_idx" ON "audit_events" USING btree ("chain","chain_seq");--> statement-breakpoint
SELECT setval('audit_events_seq', coalesce(max("seq"), 0) + 1, false) FROM "audit_events";--> statement-breakpoint
-- Each chain's head, for the writer (docs/audit.md, "Appending"): locked by the requests appending to
-- that chain and read instead of the newest event. Measured against an advisory lock per chain with the
-- head read from (chain, chain_seq): equal across ten areas, faster on one busy area's chain.
CREATE TABLE "audit_chain_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"chain_seq" bigint NOT NULL,
	"hash" text NOT NULL
);--> statement-breakpoint
-- One call per request, the last statement of its transaction, as before (migration 0010). It locks only
-- the chains the request appends to: their rows of audit_chain_heads, FOR UPDATE, held until the
-- transaction ends, all taken before any head is read and in one order (byte order of the chain keys),
-- so two requests that span the same areas (a DPO of several) cannot deadlock. A chain's first event
-- inserts its head row (ON CONFLICT DO NOTHING: a concurrent first append waits on that row, then locks it).
-- The hub sends each event's chain and canonical JSON in three parts around the values only known under
-- the lock (`at`, `chainSeq`, `seq`); the hash is sha256(prev_hash || canonical JSON) of hash-chain.ts.
CREATE OR REPLACE FUNCTION audit_append(events jsonb) RETURNS integer AS $$
DECLARE
  chains text[];
  c text;
  head_seq bigint;
  head_hash text;
  global_seq bigint;
  now_text text;
  e jsonb;
  next_hash text;
  n integer := 0;
BEGIN
  SELECT array_agg(k ORDER BY k) INTO chains
    FROM (SELECT DISTINCT (value->>'chain') COLLATE "C" AS k FROM jsonb_array_elements(events)) d;
  IF chains IS NULL THEN
    RETURN 0;
  END IF;
  -- The legacy chain is closed; a missing chain would hash as NULL.
  IF array_position(chains, NULL) IS NOT NULL OR 'all' = ANY(chains) THEN
    RAISE EXCEPTION 'audit_append: an event names no chain or the closed legacy chain';
  END IF;
  INSERT INTO audit_chain_heads (chain, chain_seq, hash) SELECT k, 0, repeat('0', 64) FROM unnest(chains) AS k ON CONFLICT DO NOTHING;
  PERFORM 1 FROM audit_chain_heads WHERE chain = ANY(chains) ORDER BY chain COLLATE "C" FOR UPDATE;
  now_text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  FOREACH c IN ARRAY chains LOOP
    SELECT h.chain_seq, h.hash INTO head_seq, head_hash FROM audit_chain_heads h WHERE h.chain = c;
    FOR e IN SELECT t.value FROM jsonb_array_elements(events) WITH ORDINALITY AS t(value, i) WHERE t.value->>'chain' = c ORDER BY t.i LOOP
      head_seq := head_seq + 1;
      global_seq := nextval('audit_events_seq');
      next_hash := encode(sha256(convert_to(head_hash || (e->'parts'->>0) || '"' || now_text || '"' || (e->'parts'->>1) || head_seq::text
                                             || (e->'parts'->>2) || global_seq::text || '}', 'UTF8')), 'hex');
      INSERT INTO audit_events (seq, chain, chain_seq, id, at, request_id, actor_sub, actor_org, actor_role, child_id, area_code, action, basis,
                                categories, sections, operation_name, flags, prev_hash, hash)
      VALUES (global_seq, c, head_seq, (e->>'id')::uuid, now_text::timestamptz, e->>'requestId', e->>'actorSub', e->>'actorOrg', e->>'actorRole',
              (e->>'childId')::uuid, e->>'areaCode', e->>'action', e->>'basis',
              ARRAY(SELECT jsonb_array_elements_text(e->'categories')), ARRAY(SELECT jsonb_array_elements_text(e->'sections')),
              e->>'operationName', ARRAY(SELECT jsonb_array_elements_text(e->'flags')), head_hash, next_hash);
      head_hash := next_hash;
      n := n + 1;
    END LOOP;
    UPDATE audit_chain_heads SET chain_seq = head_seq, hash = head_hash WHERE chain = c;
  END LOOP;
  RETURN n;
END
$$ LANGUAGE plpgsql;
