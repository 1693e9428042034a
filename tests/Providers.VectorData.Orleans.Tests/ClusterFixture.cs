using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Providers.VectorData.Orleans.Postgres;

namespace Providers.VectorData.Orleans.Tests;

/// <summary>Two in-process silos (Orleans' TestCluster) whose shards keep their records in a throwaway PostgreSQL.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const string ConnectionProperty = "PvliConnectionString";

    public PostgresServer? Postgres { get; private set; }

    public TestCluster? Cluster { get; private set; }

    public string ConnectionString { get; private set; } = "";

    public IGrainFactory Grains => Cluster!.Client;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        Postgres = await PostgresServer.StartAsync();
        ConnectionString = await Postgres.CreateDatabaseAsync("logic");
        Cluster = await StartClusterAsync();
    }

    /// <summary>Stops every silo and starts new ones on the same database: every shard must reload from PostgreSQL.</summary>
    public async Task RestartClusterAsync()
    {
        await Cluster!.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionProperty] = ConnectionString;
        builder.AddSiloBuilderConfigurator<ShardSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class ShardSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
            => siloBuilder.AddLateInteractionShards(options => options.ConnectionString = siloBuilder.Configuration[ConnectionProperty]!);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Orleans cluster on PostgreSQL";
}
