-- Cluster membership (Microsoft.Orleans.Clustering.AdoNet): which silos are in a cluster and their status.
--
-- Orleans keeps, per cluster (its "deployment id"), one version number for the whole membership table. Every insert
-- or status change of a silo must present the version it last read and moves it on by one; a silo whose version is
-- stale gets `false` and re-reads. Heartbeats (IAmAlive) are the one write that leaves the version alone.
-- Parameters arrive typed from Orleans (text, integer, bigint, timestamptz), so no casts are needed on them. Results
-- are read by column name; the quoted aliases give the names Orleans asks for.

CREATE TABLE IF NOT EXISTS iea_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation: a restarted silo at the same address and port comes back with a new generation.
-- Times are timestamptz: Orleans sends UTC DateTimes as timestamptz and compares read values for equality (cleanup),
-- which microsecond precision round-trips.
CREATE TABLE IF NOT EXISTS iea_membership
(
    deployment_id  text        NOT NULL REFERENCES iea_membership_version (deployment_id) ON DELETE CASCADE,
    address        text        NOT NULL,
    port           integer     NOT NULL,
    generation     integer     NOT NULL,
    silo_name      text        NOT NULL,
    host_name      text        NOT NULL,
    status         integer     NOT NULL,
    proxy_port     integer     NOT NULL,
    suspect_times  text        NULL,
    start_time     timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
-- Run by every silo at start: make the cluster's version row if it is missing. One row, one boolean: did we make it.
('InsertMembershipVersionKey', $iea$
WITH made AS (
    INSERT INTO iea_membership_version (deployment_id, version) VALUES (@DeploymentId, 0)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM made);
$iea$),

-- The cluster's snapshot: the version row with every silo row joined to it (one row with empty silo columns when
-- there is no silo yet; Orleans reads a NULL StartTime as "no silo"). One statement, so one consistent snapshot.
('MembershipReadAllKey', $iea$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM iea_membership_version v
LEFT JOIN iea_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$iea$),

-- The same for one silo incarnation.
('MembershipReadRowKey', $iea$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM iea_membership_version v
LEFT JOIN iea_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$iea$),

-- A silo joins. The version row is locked first, and only while it still holds @Version; a concurrent writer that
-- got there first has moved it on, so this one finds nothing to lock, inserts nothing and answers false. The version
-- moves on only if the silo row was really inserted (an existing incarnation also answers false).
('InsertMembershipKey', $iea$
WITH current_version AS (
    SELECT deployment_id FROM iea_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE),
joined AS (
    INSERT INTO iea_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM current_version
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
    RETURNING deployment_id),
bumped AS (
    UPDATE iea_membership_version SET version = version + 1
    WHERE deployment_id IN (SELECT deployment_id FROM joined)
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM bumped);
$iea$),

-- A silo's status or suspicion votes change: the same version rule as joining, and the silo row must exist.
-- A NULL @SuspectTimes clears the votes.
('UpdateMembershipKey', $iea$
WITH current_version AS (
    SELECT deployment_id FROM iea_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE),
changed AS (
    UPDATE iea_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM current_version c
    WHERE m.deployment_id = c.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.deployment_id),
bumped AS (
    UPDATE iea_membership_version SET version = version + 1
    WHERE deployment_id IN (SELECT deployment_id FROM changed)
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM bumped);
$iea$),

-- Heartbeat: only the silo's last-alive time; the version and every other column stay as they are.
('UpdateIAmAlivetimeKey', $iea$
UPDATE iea_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$iea$),

-- Clients: the active silos (@Status is Active) that listen for clients.
('GatewaysQueryKey', $iea$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM iea_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$iea$),

-- Tools and tests: forget a cluster (its silo rows go with the version row, ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $iea$
DELETE FROM iea_membership_version WHERE deployment_id = @DeploymentId;
$iea$),

-- Dead silos (status 6) not heard of since the cut-off @IAmAliveTime, and without suspicion votes (their dates are
-- inside the text, so rows with votes stay): removed. Silos in any other status never are. The version stays.
('CleanupDefunctSiloEntriesKey', $iea$
DELETE FROM iea_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
  AND COALESCE(suspect_times, '') = '';
$iea$),

-- One dead silo that Orleans picked after reading the table: removed only if the row is still exactly what it read
-- (still dead, same start, heartbeat and votes; no votes and empty votes count as the same). The version stays.
('CleanupDefunctSiloEntryKey', $iea$
DELETE FROM iea_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '');
$iea$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext
WHERE orleansquery.querytext IS DISTINCT FROM excluded.querytext;
