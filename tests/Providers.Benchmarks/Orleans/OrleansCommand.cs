using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Orleans.Hosting;
using Orleans.TestingHost;
using Providers.Core;
using Providers.VectorData;
using Providers.VectorData.Orleans;
using Providers.VectorData.Orleans.Postgres;

namespace Providers.Benchmarks.Orleans;

/// <summary>
/// <c>orleans</c>: query latency and throughput of the sharded collection with 1, 2 and 3 in-process silos against
/// the single-machine store on the same pages, and the reactivation time of one shard, on a PostgreSQL the caller
/// names. Prints <c>key=value</c> lines.
/// </summary>
public static class OrleansCommand
{
    private const string Usage =
        "orleans --connection <PostgreSQL connection string> [--pages N (2000)] [--tokens N (128)] [--dim N (128)] [--shards N (6)]\n" +
        "        [--queries N (30)] [--query-tokens N (24)] [--reload-pages N (10000)] [--reload-tokens N (32)] [--silos 1,2,3]";

    private static string s_connection = "";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        if (!options.TryGetValue("--connection", out var connection))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        s_connection = connection;
        int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        int pages = Int("--pages", 2000), tokens = Int("--tokens", 128), dim = Int("--dim", 128), shards = Int("--shards", 6);
        int queries = Int("--queries", 30), queryTokens = Int("--query-tokens", 24);
        int reloadPages = Int("--reload-pages", 10_000), reloadTokens = Int("--reload-tokens", 32);
        int[] siloCounts = (options.GetValueOrDefault("--silos") ?? "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        await StoreMigrations.MigrateAsync(connection);
        var random = new Random(42);
        var records = Enumerable.Range(0, pages).Select(i => new BenchPage { Id = i, Patches = Embedding(random, tokens, dim) }).ToList();
        var queryEmbeddings = Enumerable.Range(0, queries).Select(_ => Embedding(random, queryTokens, dim)).ToArray();
        var definition = Definition(dim);

        var single = new LateInteractionCollection<int, BenchPage>("single", new() { Definition = definition });
        await single.EnsureCollectionExistsAsync();
        await single.UpsertAsync(records);
        var singleMs = await TimeQueriesAsync(single, queryEmbeddings);
        Print("single_p50_ms", Percentile(singleMs, 0.5));
        Print("single_qps", 1000 / singleMs.Average());

        foreach (int silos in siloCounts)
        {
            await using var cluster = await StartClusterAsync(silos);
            string name = $"bench-{silos}-{Guid.NewGuid():N}";
            var sharded = new OrleansLateInteractionCollection<int, BenchPage>(cluster.Client, name, new() { Definition = definition, ShardCount = shards });
            await sharded.EnsureCollectionExistsAsync();
            var upsert = Stopwatch.StartNew();
            await sharded.UpsertAsync(records);
            Print($"silos{silos}_upsert_pages_per_s", pages / upsert.Elapsed.TotalSeconds);
            var shardedMs = await TimeQueriesAsync(sharded, queryEmbeddings);
            Print($"silos{silos}_p50_ms", Percentile(shardedMs, 0.5));
            Print($"silos{silos}_p95_ms", Percentile(shardedMs, 0.95));
            Print($"silos{silos}_fanout_overhead_ms", Percentile(shardedMs, 0.5) - Percentile(singleMs, 0.5));
            var concurrent = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TimeQueriesAsync(sharded, queryEmbeddings)));
            Print($"silos{silos}_qps_4_clients", 4 * queries / concurrent.Elapsed.TotalSeconds);
            await sharded.EnsureCollectionDeletedAsync();
        }

        await MeasureReactivationAsync(reloadPages, reloadTokens, dim);
        return 0;
    }

    private static async Task MeasureReactivationAsync(int pages, int tokens, int dim)
    {
        var random = new Random(7);
        var definition = Definition(dim);
        string name = $"reload-{Guid.NewGuid():N}";
        var cluster = await StartClusterAsync(1);
        var collection = new OrleansLateInteractionCollection<int, BenchPage>(cluster.Client, name, new() { Definition = definition, ShardCount = 1 });
        await collection.EnsureCollectionExistsAsync();
        for (int start = 0; start < pages; start += 1000)
        {
            await collection.UpsertAsync(Enumerable.Range(start, Math.Min(1000, pages - start)).Select(i => new BenchPage { Id = i, Patches = Embedding(random, tokens, dim) }).ToList());
        }

        await cluster.DisposeAsync();
        cluster = await StartClusterAsync(1);
        collection = new OrleansLateInteractionCollection<int, BenchPage>(cluster.Client, name, new() { Definition = definition, ShardCount = 1 });
        var reload = Stopwatch.StartNew();
        await collection.GetAsync(0);
        double seconds = reload.Elapsed.TotalSeconds;
        double megabytes = (double)pages * tokens * dim * sizeof(float) / (1 << 20);
        Print("reactivation_pages", pages);
        Print("reactivation_ms", seconds * 1000);
        Print("reactivation_mb_per_s", megabytes / seconds);
        await collection.EnsureCollectionDeletedAsync();
        await cluster.DisposeAsync();
    }

    private static async Task<List<double>> TimeQueriesAsync(VectorStoreCollection<int, BenchPage> collection, MultiVectorEmbedding[] queries)
    {
        await collection.SearchAsync(queries[0], 10).CountAsync();
        var times = new List<double>(queries.Length);
        foreach (var query in queries)
        {
            var watch = Stopwatch.StartNew();
            await collection.SearchAsync(query, 10).CountAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<ClusterHandle> StartClusterAsync(int silos)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<ShardSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ClusterHandle(cluster);
    }

    private static VectorStoreCollectionDefinition Definition(int dim) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(BenchPage.Id), typeof(int)),
            new VectorStoreVectorProperty(nameof(BenchPage.Patches), typeof(MultiVectorEmbedding), dim),
        ],
    };

    private static MultiVectorEmbedding Embedding(Random random, int tokens, int dim)
    {
        var values = new float[tokens * dim];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextSingle() * 2) - 1;
        }

        return new MultiVectorEmbedding(values, dim);
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
    }

    private static void Print(string key, double value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.###}"));

    public sealed class BenchPage
    {
        public int Id { get; set; }

        public MultiVectorEmbedding? Patches { get; set; }
    }

    private sealed class ShardSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
            => siloBuilder.AddLateInteractionShards(options =>
            {
                options.ConnectionString = s_connection;
                options.MigrateOnStart = false;
            });
    }

    private sealed class ClusterHandle(TestCluster cluster) : IAsyncDisposable
    {
        public IClusterClient Client => cluster.Client;

        public async ValueTask DisposeAsync()
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
