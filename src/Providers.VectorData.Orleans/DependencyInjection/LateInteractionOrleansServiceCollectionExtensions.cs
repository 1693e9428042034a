using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using Npgsql;
using Orleans.Hosting;
using Orleans.Runtime;
using Providers.VectorData.Orleans;
using Providers.VectorData.Orleans.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the sharded late-interaction store: the shards on silos, the store on clients.</summary>
public static partial class LateInteractionOrleansServiceCollectionExtensions
{
    /// <summary>
    /// Hosts the store's shards on this silo, keeping their records in PostgreSQL; by default the schema is brought
    /// up to date before the silo joins the cluster, so ADO.NET clustering on the same database finds its tables.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the connection string.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddLateInteractionShards(this ISiloBuilder builder, Action<LateInteractionPostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<LateInteractionPostgresOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "LateInteractionPostgresOptions.ConnectionString is required.");
        builder.Services.TryAddSingleton(services => NpgsqlDataSource.Create(services.GetRequiredService<IOptions<LateInteractionPostgresOptions>>().Value.ConnectionString));
        builder.Services.TryAddSingleton<ShardRepository>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StoreMigrationParticipant>();
        return builder;
    }

    /// <summary>Registers an <see cref="OrleansLateInteractionVectorStore"/> (also as <see cref="VectorStore"/>) on the registered Orleans client.</summary>
    /// <param name="services">The services, which must provide an <see cref="IGrainFactory"/> (an Orleans client or silo).</param>
    /// <param name="configure">Sets the store's defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOrleansLateInteractionVectorStore(
        this IServiceCollection services, Action<OrleansLateInteractionVectorStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<OrleansLateInteractionVectorStoreOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(provider => new OrleansLateInteractionVectorStore(
            provider.GetRequiredService<IGrainFactory>(), provider.GetRequiredService<IOptions<OrleansLateInteractionVectorStoreOptions>>().Value));
        services.TryAddSingleton<VectorStore>(provider => provider.GetRequiredService<OrleansLateInteractionVectorStore>());
        return services;
    }

    /// <summary>Migrates the schema at the first stage of the silo's start, before membership reads its tables.</summary>
    private sealed partial class StoreMigrationParticipant(IOptions<LateInteractionPostgresOptions> options, ILogger<StoreMigrationParticipant> logger)
        : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle)
        {
            if (options.Value.MigrateOnStart)
            {
                lifecycle.Subscribe(nameof(StoreMigrationParticipant), ServiceLifecycleStage.First, async cancellationToken =>
                {
                    int before = await StoreMigrations.MigrateAsync(options.Value.ConnectionString, cancellationToken).ConfigureAwait(false);
                    LogMigrated(before, StoreMigrations.LatestVersion);
                });
            }
        }

        [LoggerMessage(LogLevel.Information, "Late-interaction schema at version {Version} (was {Before}).")]
        private partial void LogMigrated(int before, int version);
    }
}
