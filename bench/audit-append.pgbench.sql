-- audit_append alone, one request's transaction per run (docs/audit.md, "Appending"): on a migrated scratch
-- database, `pgbench -n -c 10 -j 2 -T 8 -D areas=1 -f bench/audit-append.pgbench.sql <url>` (one busy
-- area's chain) against `-D areas=10` (ten areas): per-area chains make the second several times the first.
\set area random(1, :areas)
BEGIN;
SELECT audit_append(jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'requestId','b','actorSub','s','actorOrg','o','actorRole','PRACTITIONER','childId',null,'areaCode','E0600000'||:area,'action','READ','basis','OWNER','categories','[]'::jsonb,'sections','[]'::jsonb,'operationName','B','flags','[]'::jsonb, 'chain','E0600000'||:area,'parts',jsonb_build_array('a','b','c'))));
COMMIT;
