-- Grain state (Microsoft.Orleans.Persistence.AdoNet): one row per grain state, with an integer version as its etag.
--
-- A state is named by (service, state name, grain key): @GrainTypeString is the state's NAME ("state", or the name in
-- [PersistentState("name", ...)]), not the grain class, so two grain classes must not share a state name. Integer and
-- Guid keys arrive as two bigint halves; string keys (and key extensions) as text. The two hashes Orleans sends are
-- stored for reference only: no query filters on them, so a change of hash function never hides a row.
-- Every write and clear answers exactly one row: Orleans reports a version conflict (InconsistentStateException) when
-- the answer is NULL or equal to the version it sent, and must never get zero rows.

CREATE TABLE IF NOT EXISTS iea_grain_state
(
    service_id       text        NOT NULL,
    state_name       text        NOT NULL,
    key_n0           bigint      NOT NULL,
    key_n1           bigint      NOT NULL,
    key_extension    text        NULL,
    key_hash         integer     NOT NULL,
    state_name_hash  integer     NOT NULL,
    payload          bytea       NULL,
    version          integer     NOT NULL,
    modified_at      timestamptz NOT NULL DEFAULT now(),
    -- NULLS NOT DISTINCT (PostgreSQL 15+): two rows for the same grain without a key extension are a conflict too.
    CONSTRAINT iea_grain_state_identity UNIQUE NULLS NOT DISTINCT (service_id, state_name, key_n0, key_n1, key_extension)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
-- The state and its version; no row means "never written".
('ReadFromStorageKey', $iea$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM iea_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1 AND key_extension IS NOT DISTINCT FROM @GrainIdExtensionString;
$iea$),

-- A write. Without a version (the state was never stored) it inserts version 1, unless a row appeared meanwhile.
-- With a version it updates the row only if it still holds that version (a concurrent writer makes the second one
-- wait, then find the version moved on). The answer: the new version, or NULL for a conflict.
('WriteToStorageKey', $iea$
WITH inserted AS (
    INSERT INTO iea_grain_state (service_id, state_name, key_n0, key_n1, key_extension, key_hash, state_name_hash,
                                 payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainIdHash,
           @GrainTypeHash, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT iea_grain_state_identity DO NOTHING
    RETURNING version),
updated AS (
    UPDATE iea_grain_state SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1 AND key_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version)
SELECT COALESCE((SELECT version FROM inserted), (SELECT version FROM updated)) AS "NewGrainStateVersion";
$iea$),

-- A clear keeps the row with no payload and moves its version on, so the next write (which sends that version)
-- updates it. Clearing a state that was never stored stores an empty row at version 1 on the same terms as a first
-- write. The answer is the first column: the new version, or NULL for a conflict.
('ClearStorageKey', $iea$
WITH inserted AS (
    INSERT INTO iea_grain_state (service_id, state_name, key_n0, key_n1, key_extension, key_hash, state_name_hash,
                                 payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainIdHash,
           @GrainTypeHash, NULL, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT iea_grain_state_identity DO NOTHING
    RETURNING version),
cleared AS (
    UPDATE iea_grain_state SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1 AND key_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version)
SELECT COALESCE((SELECT version FROM inserted), (SELECT version FROM cleared)) AS "NewGrainStateVersion";
$iea$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext
WHERE orleansquery.querytext IS DISTINCT FROM excluded.querytext;
