-- Tuning of the FerretDB/PostgreSQL stand-in only (applied by scripts/ferretdb.sh to the PostgreSQL
-- database FerretDB runs on; never to a real MongoDB, which uses the models' indexes as declared).
--
-- FerretDB 1.24 pushes an equality filter {field: value} down as  _jsonb->'field' @> '"value"'
-- (internal/backends/postgresql/query.go), but builds each index the app declares as a btree on
-- (_jsonb->'field'), which cannot serve @>: every read, even by _id, was a sequential scan. A GIN
-- index (jsonb_ops) on the same expression serves @> (EXPLAIN: Bitmap Index Scan). So whenever
-- FerretDB creates a btree index - the _id index of each new collection, and every index the
-- mongoose models declare (ensureIndexes at start-up) - this trigger adds a GIN index on each of its
-- top-level fields. Nothing is hand-listed: the fields are the ones of the indexes FerretDB builds.
-- fastupdate = off: with GIN's pending list every search reads the list through, and after a bulk
-- insert (seeding 100k documents) `find by _id` was back to 111 ms until a vacuum ran.
-- FerretDB does not know these indexes (its metadata lists only its own); they go with their table.

CREATE OR REPLACE FUNCTION ferretdb_gin_for_index(index_oid oid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  tbl regclass;
  keys int;
  expr text;
  field text;
BEGIN
  SELECT i.indrelid::regclass, i.indnkeyatts INTO tbl, keys
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
    WHERE i.indexrelid = index_oid AND am.amname = 'btree';
  IF tbl IS NULL OR (SELECT relname FROM pg_class WHERE oid = tbl) LIKE '\_ferretdb\_%' THEN RETURN; END IF;
  FOR k IN 1..keys LOOP
    expr := pg_get_indexdef(index_oid, k, false);
    field := substring(expr from $re$^\(?\(_jsonb -> '([^']+)'::text\)\)?$$re$);
    CONTINUE WHEN field IS NULL;
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L)) WITH (fastupdate = off)',
      left((SELECT relname FROM pg_class WHERE oid = tbl), 40) || '_' || left(md5(field), 8) || '_gin', tbl, field);
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION ferretdb_gin_on_create_index() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM ferretdb_gin_for_index(cmd.objid);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS ferretdb_gin;
CREATE EVENT TRIGGER ferretdb_gin ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION ferretdb_gin_on_create_index();

-- Tables made before this trigger existed (an earlier data folder): the same indexes, once.
DO $do$
DECLARE
  idx oid;
BEGIN
  FOR idx IN SELECT i.indexrelid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') LOOP
    PERFORM ferretdb_gin_for_index(idx);
  END LOOP;
END
$do$;
