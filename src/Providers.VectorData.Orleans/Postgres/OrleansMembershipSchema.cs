namespace Providers.VectorData.Orleans.Postgres;

/// <summary>
/// The tables and named queries Orleans' ADO.NET clustering provider (10.4) reads from PostgreSQL.
/// </summary>
/// <remarks>
/// The provider loads its SQL from an <c>OrleansQuery</c> table at start (<c>SELECT QueryKey, QueryText FROM
/// OrleansQuery</c>), binds parameters named after membership columns (<c>@DeploymentId</c>, <c>@Address</c>,
/// <c>@Port</c>, <c>@Generation</c>, <c>@Version</c>...) and reads result columns by the same names. The 10.4
/// package ships no scripts, so this is our own implementation of that contract: each write is one statement whose
/// CTEs bump the table version only when the row change also happens (optimistic concurrency on
/// <c>version</c>), and answers the number of rows changed, which the provider reads as success.
/// </remarks>
internal static class OrleansMembershipSchema
{
    // The version row comes back even without a matching silo row (LEFT JOIN): the provider reads the table version from it.
    private const string MembershipColumns = """
        SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
                   m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
                   m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
                   m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
        """;

    public const string Sql = $$"""
        CREATE TABLE orleansquery (
            querykey  varchar(64) PRIMARY KEY,
            querytext text        NOT NULL
        );
        CREATE TABLE orleans_membership_version (
            deployment_id varchar(150) PRIMARY KEY,
            changed_at    timestamptz  NOT NULL DEFAULT now(),
            version       int          NOT NULL DEFAULT 0
        );
        CREATE TABLE orleans_membership (
            deployment_id   varchar(150) NOT NULL,
            address         varchar(45)  NOT NULL,
            port            int          NOT NULL,
            generation      int          NOT NULL,
            silo_name       varchar(150) NOT NULL,
            host_name       varchar(150) NOT NULL,
            status          int          NOT NULL,
            proxy_port      int          NULL,
            suspect_times   text         NULL,
            start_time      timestamptz  NOT NULL,
            i_am_alive_time timestamptz  NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );

        INSERT INTO orleansquery (querykey, querytext) VALUES
        ('InsertMembershipVersionKey', '
            WITH added AS (
                INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
                ON CONFLICT (deployment_id) DO NOTHING
                RETURNING 1)
            SELECT count(*)::int FROM added'),

        ('InsertMembershipKey', '
            WITH bumped AS (
                UPDATE orleans_membership_version
                SET version = version + 1, changed_at = now()
                WHERE deployment_id = @DeploymentId AND version = @Version
                  AND NOT EXISTS (SELECT 1 FROM orleans_membership m
                                  WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                                    AND m.port = @Port AND m.generation = @Generation)
                RETURNING deployment_id),
            added AS (
                INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                                status, proxy_port, start_time, i_am_alive_time)
                SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
                       @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM bumped
                RETURNING 1)
            SELECT count(*)::int FROM added'),

        ('UpdateMembershipKey', '
            WITH bumped AS (
                UPDATE orleans_membership_version
                SET version = version + 1, changed_at = now()
                WHERE deployment_id = @DeploymentId AND version = @Version
                  AND EXISTS (SELECT 1 FROM orleans_membership m
                              WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                                AND m.port = @Port AND m.generation = @Generation)
                RETURNING deployment_id),
            changed AS (
                UPDATE orleans_membership m
                SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM bumped
                WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address
                  AND m.port = @Port AND m.generation = @Generation
                RETURNING 1)
            SELECT count(*)::int FROM changed'),

        ('UpdateIAmAlivetimeKey', '
            UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),

        ('MembershipReadRowKey', '
            {{MembershipColumns}}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m
              ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId'),

        ('MembershipReadAllKey', '
            {{MembershipColumns}}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId'),

        ('DeleteMembershipTableEntriesKey', '
            WITH silos AS (DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId)
            DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId'),

        ('GatewaysQueryKey', '
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0'),

        ('CleanupDefunctSiloEntriesKey', '
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3');
        """;
}
