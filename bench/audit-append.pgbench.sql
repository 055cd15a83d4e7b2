-- audit_append_request alone, one request's transaction per run (docs/audit.md, "Appending"): on a migrated
-- scratch database, `pgbench -n -c 10 -j 2 -T 8 -D areas=1 -D events=1 -f bench/audit-append.pgbench.sql <url>`
-- (one busy area's chain) against `-D areas=10` (ten areas): per-area chains make the second several times
-- the first. `-D events=100` appends a page's worth of events (READs of distinct children) per request.
\set area random(1, :areas)
BEGIN;
SELECT audit_append_request('b', 's' || :client_id, 'o', 'PRACTITIONER', 'B', 50,
  array_fill('E0600000' || :area, ARRAY[:events]), ARRAY(SELECT gen_random_uuid() FROM generate_series(1, :events)),
  array_fill('E0600000' || :area, ARRAY[:events]), array_fill('READ'::text, ARRAY[:events]), array_fill('OWNER'::text, ARRAY[:events]),
  array_fill('IDENTITY'::text, ARRAY[:events]), array_fill(''::text, ARRAY[:events]), array_fill(''::text, ARRAY[:events]));
COMMIT;
