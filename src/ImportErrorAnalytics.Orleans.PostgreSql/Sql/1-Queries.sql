-- The table the Orleans ADO.NET providers read their SQL from, one row per query key.
--
-- Orleans loads it with a fixed, unquoted `SELECT QueryKey, QueryText FROM OrleansQuery`, so PostgreSQL looks for a
-- lower-case `orleansquery` on the connecting role's search_path: the table is created unquoted, in that schema.
-- Both columns are read as non-null strings. The providers read the rows once, at start: a changed query needs the
-- silos and clients restarted.
--
-- The other scripts (2-Clustering, 3-Persistence, 4-Reminders) add their tables and upsert their rows here. Every
-- statement can run again: tables use IF NOT EXISTS, rows are upserted and rewritten only when their text changed.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);
