using Npgsql;
using Providers.VectorData.Orleans.Postgres;

namespace Providers.VectorData.Orleans.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DurabilityTests(ClusterFixture fixture)
{
    [PostgresFact]
    public async Task Shards_reload_their_records_from_PostgreSQL_when_the_cluster_restarts()
    {
        var definition = Articles.Definition(MultiVectorIndexKind.BinaryFlat);
        var articles = Articles.Create(200, seed: 21);
        var single = new LateInteractionCollection<string, Article>("restart", new() { Definition = definition });
        await single.EnsureCollectionExistsAsync();
        await single.UpsertAsync(articles);
        var before = new OrleansLateInteractionCollection<string, Article>(fixture.Grains, "restart", new() { Definition = definition, ShardCount = 3 });
        await before.EnsureCollectionExistsAsync();
        await before.UpsertAsync(articles);
        await before.DeleteAsync("a0010");
        await single.DeleteAsync("a0010");

        await fixture.RestartClusterAsync();
        var after = new OrleansLateInteractionCollection<string, Article>(fixture.Grains, "restart", new() { Definition = definition, ShardCount = 3 });

        Assert.Equal(199, await after.GetAsync(a => true, top: 1000).CountAsync());
        await ShardedCollectionTests.AssertSameHitsAsync(after, single, Articles.Embedding(new Random(5), 6), 15, new());
        var expected = (await single.GetAsync("a0007", new() { IncludeVectors = true }))!.Patches!.Vectors.ToArray();
        Assert.Equal(expected, (await after.GetAsync("a0007", new() { IncludeVectors = true }))!.Patches!.Vectors.ToArray());
    }

    [PostgresFact]
    public async Task Migration_is_applied_once_and_a_newer_schema_is_refused()
    {
        string connectionString = await fixture.Postgres!.CreateDatabaseAsync("migrations");

        int fresh = await StoreMigrations.MigrateAsync(connectionString);
        int again = await StoreMigrations.MigrateAsync(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"INSERT INTO pvli_schema_migrations (version, description) VALUES ({StoreMigrations.LatestVersion + 1}, 'from the future')", connection);
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StoreMigrations.MigrateAsync(connectionString));

        Assert.Equal(0, fresh);
        Assert.Equal(StoreMigrations.LatestVersion, again);
        Assert.Contains($"version {StoreMigrations.LatestVersion + 1}", error.Message, StringComparison.Ordinal);
    }
}
