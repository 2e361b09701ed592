-- CreativeGen PostgreSQL schema, part 3: grain state (Orleans ADO.NET persistence).
-- One row per (service, grain type, grain id). The provider passes hashes of the grain id and type to narrow
-- the index, the natural key to make the match exact, and the version (ETag) it last saw: a write or clear
-- with a stale version changes nothing and returns NULL, which the provider reports as a version conflict.
-- Idempotent: safe to run on every start.

CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id      varchar(150) NOT NULL,
    grain_type_hash integer      NOT NULL,
    grain_type      varchar(512) NOT NULL,
    grain_id_hash   integer      NOT NULL,
    grain_id_n0     bigint       NOT NULL,
    grain_id_n1     bigint       NOT NULL,
    grain_id_string varchar(512) NOT NULL DEFAULT '',  -- string key or key extension; '' when there is none
    payload         bytea,                              -- NULL after a clear (the version is kept)
    version         integer      NOT NULL,
    modified_at     timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key
    ON orleans_grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_id_string);

-- Inserts (expected version NULL) or updates (expected version matches); returns the new version, or NULL on a conflict.
CREATE OR REPLACE FUNCTION creativegen_grain_state_write(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer, p_grain_type varchar,
    p_grain_id_string varchar, p_service_id varchar, p_expected_version integer, p_payload bytea)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1,
                                         grain_id_string, payload, version)
        VALUES (p_service_id, p_grain_type_hash, p_grain_type, p_grain_id_hash, p_grain_id_n0, p_grain_id_n1,
                coalesce(p_grain_id_string, ''), p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO new_version;
    ELSE
        UPDATE orleans_grain_state
           SET payload = p_payload, version = version + 1, modified_at = now()
         WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash AND service_id = p_service_id
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1 AND grain_type = p_grain_type
           AND grain_id_string = coalesce(p_grain_id_string, '') AND version = p_expected_version
        RETURNING version INTO new_version;
    END IF;
    RETURN new_version;
END $$;

-- Drops the payload but keeps the row and bumps its version; returns the new version, or NULL on a conflict.
CREATE OR REPLACE FUNCTION creativegen_grain_state_clear(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer, p_grain_type varchar,
    p_grain_id_string varchar, p_service_id varchar, p_expected_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    new_version integer;
BEGIN
    UPDATE orleans_grain_state
       SET payload = NULL, version = version + 1, modified_at = now()
     WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash AND service_id = p_service_id
       AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1 AND grain_type = p_grain_type
       AND grain_id_string = coalesce(p_grain_id_string, '') AND version = p_expected_version
    RETURNING version INTO new_version;
    RETURN new_version;
END $$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS payloadbinary, version
  FROM orleans_grain_state
 WHERE grain_id_hash = @GrainIdHash::integer AND grain_type_hash = @GrainTypeHash::integer AND service_id = @ServiceId::varchar
   AND grain_id_n0 = @GrainIdN0::bigint AND grain_id_n1 = @GrainIdN1::bigint AND grain_type = @GrainTypeString::varchar
   AND grain_id_string = coalesce(@GrainIdExtensionString::varchar, '')
$q$),
('WriteToStorageKey', $q$
SELECT creativegen_grain_state_write(@GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint, @GrainTypeHash::integer,
    @GrainTypeString::varchar, @GrainIdExtensionString::varchar, @ServiceId::varchar, @GrainStateVersion::integer,
    @PayloadBinary::bytea) AS newgrainstateversion
$q$),
('ClearStorageKey', $q$
SELECT creativegen_grain_state_clear(@GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint, @GrainTypeHash::integer,
    @GrainTypeString::varchar, @GrainIdExtensionString::varchar, @ServiceId::varchar, @GrainStateVersion::integer)
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
