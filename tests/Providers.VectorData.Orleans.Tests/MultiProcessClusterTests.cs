using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Providers.VectorData.Orleans.Tests;

/// <summary>
/// Three silo processes and a client on loopback, clustered through PostgreSQL: one silo is killed with SIGKILL
/// while queries and writes run.
/// </summary>
public sealed class MultiProcessClusterTests(ITestOutputHelper output)
{
    private const string ClusterId = "pvli-test";
    private const int ShardCount = 6;

    [PostgresFact]
    public async Task Killing_a_silo_mid_query_fails_retryably_and_loses_no_acknowledged_record()
    {
        await using var postgres = await PostgresServer.StartAsync();
        string connectionString = await postgres.CreateDatabaseAsync("cluster");
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Start(connectionString, ClusterId)).ToList();
        try
        {
            await Task.WhenAll(silos.Select(silo => silo.WaitUntilReadyAsync()));
            using var client = await StartClientAsync(connectionString);
            var store = client.Services.GetRequiredService<VectorStore>();
            var collection = store.GetCollection<string, Article>("pages", Articles.Definition());
            var initial = Articles.Create(240);

            // The first calls activate grains and open connections on a machine that may be busy: retry them too.
            await RetryAsync(async () =>
            {
                await collection.EnsureCollectionExistsAsync();
                await collection.UpsertAsync(initial);
                return true;
            });

            var single = new LateInteractionCollection<string, Article>("pages", new() { Definition = Articles.Definition() });
            await single.EnsureCollectionExistsAsync();
            await single.UpsertAsync(initial);
            var query = Articles.Embedding(new Random(17), 6);
            var options = new VectorSearchOptions<Article> { VectorProperty = a => a.Patches, Filter = a => a.Category != "written" };
            var expected = await single.SearchAsync(query, 10, options).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync();
            Assert.Equal(expected, await RetryAsync(() => SearchAsync(collection, query, options)));

            // Writers and readers run on while the silo holding shard 0 dies.
            using var stop = new CancellationTokenSource();
            var acknowledged = new List<string>();
            var writer = WriteUntilStoppedAsync(collection, acknowledged, stop.Token);
            int completed = 0;
            int failedRetryably = 0;
            var reader = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        Assert.Equal(expected, await SearchAsync(collection, query, options));
                        Interlocked.Increment(ref completed);
                    }
                    catch (ShardUnavailableException error) when (error.IsRetryable)
                    {
                        failedRetryably++;
                        await Task.Delay(200);
                    }
                }
            });

            await Task.Delay(300);
            var victim = await SiloHostingAsync(client, silos, "0/pages");
            int completedBeforeKill = completed;
            victim.Kill();

            // Retry until every shard answers again: shard 0 has been reactivated on a live silo.
            var sinceKill = Stopwatch.StartNew();
            var recovered = await RetryAsync(() => SearchAsync(collection, query, options));
            output.WriteLine($"recovered {sinceKill.ElapsedMilliseconds} ms after the kill; queries before it {completedBeforeKill}, failed retryably {failedRetryably}");

            // The reader may still be waiting out a call to the dead silo (the client's response timeout), so give it
            // a generous bound to complete a query after recovery rather than a fixed window.
            int completedAtRecovery = Volatile.Read(ref completed);
            var resumeWait = Stopwatch.StartNew();
            while (Volatile.Read(ref completed) <= completedAtRecovery && resumeWait.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }

            stop.Cancel();
            await Task.WhenAll(writer, reader);

            Assert.True(completedBeforeKill > 0);
            Assert.True(completed > completedAtRecovery, "Queries did not resume after recovery.");
            Assert.Equal(expected, recovered);
            Assert.NotEmpty(acknowledged);

            var stored = await collection.GetAsync(a => true, top: 100_000).Select(a => a.Id).ToListAsync();
            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.Empty(initial.Select(a => a.Id).Concat(acknowledged).Except(stored));
            Assert.Equal((stored.Count, stored.Count), await CountRowsAsync(connectionString));
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    /// <summary>Retries on the store's retryable error for up to 90 seconds.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> operation)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (ShardUnavailableException error) when (error.IsRetryable && elapsed.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<List<(string, double?)>> SearchAsync(VectorStoreCollection<string, Article> collection, Providers.Core.MultiVectorEmbedding query, VectorSearchOptions<Article> options)
        => await collection.SearchAsync(query, 10, options).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync();

    /// <summary>Upserts small batches; a batch counts as acknowledged only once its upsert returned.</summary>
    private static Task WriteUntilStoppedAsync(VectorStoreCollection<string, Article> collection, List<string> acknowledged, CancellationToken stop)
        => Task.Run(async () =>
        {
            var random = new Random(5);
            for (int batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var records = Enumerable.Range(0, 4).Select(i => new Article
                {
                    Id = $"w{batch:D4}-{i}",
                    Category = "written",
                    Tags = [],
                    Patches = Articles.Embedding(random, 3),
                }).ToList();
                try
                {
                    await collection.UpsertAsync(records, CancellationToken.None);
                    acknowledged.AddRange(records.Select(r => r.Id));
                }
                catch (ShardUnavailableException)
                {
                    // Not acknowledged: it may or may not have been committed; either is allowed.
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        });

    private static async Task<SiloProcess> SiloHostingAsync(IHost client, List<SiloProcess> silos, string shardKey)
    {
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var placement = statistics.Single(s => s.GrainId.Key.ToString() == shardKey);
        return silos.Single(silo => silo.SiloPort == placement.SiloAddress.Endpoint.Port);
    }

    private static async Task<(long Rows, long DistinctKeys)> CountRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT key) FROM pvli_records WHERE collection = 'pages'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<IHost> StartClientAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterId;
                options.ServiceId = "late-interaction";
            });
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
        });
        builder.Services.AddOrleansLateInteractionVectorStore(options => options.ShardCount = ShardCount);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
