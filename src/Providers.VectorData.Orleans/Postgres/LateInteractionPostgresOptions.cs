namespace Providers.VectorData.Orleans.Postgres;

/// <summary>Where the shards keep their records.</summary>
public sealed class LateInteractionPostgresOptions
{
    /// <summary>Gets or sets the PostgreSQL connection string; the same database may hold Orleans' membership tables.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Gets or sets whether silos bring the schema up to date at start (<see cref="StoreMigrations"/>). Defaults to true.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
