-- CreativeGen PostgreSQL schema, part 1: the query registry.
-- Orleans' ADO.NET providers do not ship SQL for a database; they read the statements they run from a table
-- named OrleansQuery (columns QueryKey, QueryText) at start-up. Unquoted names fold to lower case in
-- PostgreSQL, which the providers' case-insensitive column lookup accepts.
-- Idempotent: safe to run on every start.

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);
