using Npgsql;

namespace Providers.VectorData.Orleans.Postgres;

/// <summary>
/// Brings a PostgreSQL database to the schema this build needs: the store's catalog and records, and the tables
/// and queries Orleans' ADO.NET clustering reads, in numbered steps recorded in <c>pvli_schema_migrations</c>.
/// </summary>
/// <remarks>
/// Every silo and tool may run it at start: an advisory lock serialises concurrent runs, and each step is applied
/// once, in one transaction with its record. A database migrated by a newer build is refused rather than guessed at.
/// </remarks>
public static class StoreMigrations
{
    /// <summary>Gets the schema version this build creates and expects.</summary>
    public const int LatestVersion = 2;

    // Any constant shared by every process that migrates; "pvli" in ASCII.
    private const long AdvisoryLockKey = 0x7076_6c69;

    private static readonly (int Version, string Description, string Sql)[] Steps =
    [
        (1, "late-interaction catalog and records", """
            CREATE TABLE pvli_collections (
                name        text        PRIMARY KEY,
                schema      jsonb       NOT NULL,
                next_seq    bigint      NOT NULL DEFAULT 1,
                created_at  timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE pvli_records (
                collection  text   NOT NULL REFERENCES pvli_collections (name) ON DELETE CASCADE,
                shard       int    NOT NULL,
                key         text   NOT NULL,
                seq         bigint NOT NULL,
                data        jsonb  NOT NULL,
                vectors     bytea  NOT NULL,
                PRIMARY KEY (collection, key)
            );
            CREATE INDEX pvli_records_by_shard ON pvli_records (collection, shard, seq);
            """),
        (2, "Orleans ADO.NET clustering tables and queries", OrleansMembershipSchema.Sql),
    ];

    /// <summary>Applies the steps the database lacks.</summary>
    /// <param name="connectionString">A PostgreSQL connection string with the right to create tables.</param>
    /// <param name="cancellationToken">A token that stops the migration; a step is then rolled back whole.</param>
    /// <returns>The schema version the database had before.</returns>
    /// <exception cref="InvalidOperationException">The database is at a newer version than <see cref="LatestVersion"/>.</exception>
    public static async Task<int> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS pvli_schema_migrations (
                version     int         PRIMARY KEY,
                description text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken).ConfigureAwait(false);

        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM pvli_schema_migrations", connection);
        int current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database's late-interaction schema is at version {current}; this build knows versions up to {LatestVersion}. Upgrade the silos.");
        }

        foreach (var (version, description, sql) in Steps.Where(step => step.Version > current))
        {
            await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO pvli_schema_migrations (version, description) VALUES ($1, $2)", connection);
            record.Parameters.Add(new() { Value = version });
            record.Parameters.Add(new() { Value = description });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
