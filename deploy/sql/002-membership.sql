-- CreativeGen PostgreSQL schema, part 2: cluster membership (Orleans ADO.NET clustering).
-- One version row per cluster (deployment id) and one row per silo incarnation (address, port, generation).
-- Every change to membership bumps the version row in the same statement, guarded by the version the silo
-- read: that is the optimistic concurrency the Orleans membership protocol relies on.
-- Idempotent: safe to run on every start.

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id varchar(150) PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    updated_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,   -- Orleans SiloStatus: 3 Active, 6 Dead, ...
    proxy_port      integer      NOT NULL DEFAULT 0,
    suspect_times   text,                    -- "silo,time|silo,time" as Orleans formats it
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo row and bumps the cluster version, both or neither. False if the version moved on or the row exists.
CREATE OR REPLACE FUNCTION creativegen_membership_insert(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo_name varchar, p_host_name varchar, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM orleans_membership
               WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation) THEN
        RETURN false;
    END IF;
    UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, coalesce(p_proxy_port, 0),
            p_start_time, p_i_am_alive_time);
    RETURN true;
END $$;

-- Changes a silo's status and suspicions and bumps the cluster version, both or neither.
CREATE OR REPLACE FUNCTION creativegen_membership_update(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM orleans_membership
                   WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation) THEN
        RETURN false;
    END IF;
    UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    RETURN true;
END $$;

-- The statements the clustering provider (silos) and the gateway list provider (clients) run, by key.
-- Result columns are aliased to the names the providers read (matched case-insensitively).
INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId::varchar)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),
('InsertMembershipKey', $q$
SELECT creativegen_membership_insert(@DeploymentId::varchar, @Address::varchar, @Port::integer, @Generation::integer,
    @SiloName::varchar, @HostName::varchar, @Status::integer, @ProxyPort::integer,
    @StartTime::timestamptz, @IAmAliveTime::timestamptz, @Version::integer)
$q$),
('UpdateMembershipKey', $q$
SELECT creativegen_membership_update(@DeploymentId::varchar, @Address::varchar, @Port::integer, @Generation::integer,
    @Status::integer, @SuspectTimes::text, @IAmAliveTime::timestamptz, @Version::integer)
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime::timestamptz
 WHERE deployment_id = @DeploymentId::varchar AND address = @Address::varchar AND port = @Port::integer AND generation = @Generation::integer
$q$),
('MembershipReadRowKey', $q$
SELECT v.version, m.address, m.port, m.generation, m.silo_name AS siloname, m.host_name AS hostname, m.status,
       m.proxy_port AS proxyport, m.suspect_times AS suspecttimes, m.start_time AS starttime, m.i_am_alive_time AS iamalivetime
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m
    ON m.deployment_id = v.deployment_id AND m.address = @Address::varchar AND m.port = @Port::integer AND m.generation = @Generation::integer
 WHERE v.deployment_id = @DeploymentId::varchar
$q$),
('MembershipReadAllKey', $q$
SELECT v.version, m.address, m.port, m.generation, m.silo_name AS siloname, m.host_name AS hostname, m.status,
       m.proxy_port AS proxyport, m.suspect_times AS suspecttimes, m.start_time AS starttime, m.i_am_alive_time AS iamalivetime
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId::varchar
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId::varchar
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId::varchar AND i_am_alive_time < @IAmAliveTime::timestamptz AND status = 6
$q$),
('GatewaysQueryKey', $q$
SELECT address, proxy_port AS proxyport, generation
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId::varchar AND status = @Status::integer AND proxy_port > 0
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
