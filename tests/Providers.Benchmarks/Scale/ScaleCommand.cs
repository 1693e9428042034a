using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData;
using Providers.VectorData.LateInteraction;

namespace Providers.Benchmarks.Scale;

/// <summary>
/// <c>scale</c>: builds a collection of many pages in the late-interaction store, then measures memory, top-10 search
/// latency, recall@10 against exact single-precision MaxSim, and save and load rates. Its last lines are
/// <c>p50_ms=</c>, <c>recall_at_10=</c> and <c>rss_mb=</c>.
/// </summary>
/// <remarks>
/// The store ranks by pooled summaries (shortlist), sign bits (first stage) and int4 or int8 rescoring. Exact MaxSim
/// is computed by producing every page again and scoring it in single precision, so the reference never has to fit
/// in memory.
/// </remarks>
public static class ScaleCommand
{
    private const int Top = 10;
    private const int UpsertBatch = 512;
    private const int TimedRounds = 2;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The command's options, without the word <c>scale</c>.</param>
    /// <returns>0 on success, 2 for bad options.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ScaleArguments options;
        try
        {
            options = ScaleArguments.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ScaleArguments.Usage);
            return 2;
        }

        IPageCorpus corpus = options.Corpus == "text"
            ? TextPageCorpus.Create(options)
            : new SyntheticPageCorpus(options.Pages, options.PageTokens, options.Dimensions, options.QueryTokens, options.Seed);
        Console.WriteLine(
            $"scale: pages={options.Pages} corpus={options.Corpus} dim={corpus.Dimensions} query_tokens={options.QueryTokens} " +
            $"queries={options.Queries} candidates={options.Candidates} rescore={options.Rescore} rescoring={options.Rescoring} threads={options.Threads} " +
            $"load={(options.MapInt8 ? options.VerifyMapped ? "mapped" : "mapped-unverified" : "memory")}");

        var index = new MultiVectorIndexOptions
        {
            CandidateCount = options.Candidates,
            RescoreCount = options.Rescore,
            RescorePrecision = options.Rescoring,
            MaxDegreeOfParallelism = options.Threads,
        };
        var store = new LateInteractionVectorStore(new() { MultiVectorIndex = index });
        var pages = store.GetCollection<int, ScalePage>("pages", Definition(corpus.Dimensions));
        await pages.EnsureCollectionExistsAsync();

        // The exact reference comes first, so that a corpus that caches its pages can let them go before memory is measured.
        var queries = Enumerable.Range(0, options.Queries).Select(i => new MultiVectorEmbedding(corpus.Query(i), corpus.Dimensions)).ToArray();
        var stopwatch = Stopwatch.StartNew();
        var exact = ExactTopTen(corpus, options, queries);
        Console.WriteLine($"exact_reference_s={Format(stopwatch.Elapsed.TotalSeconds)} (every page scored in fp32, never stored)");

        long tokens = await BuildAsync(pages, corpus, options);
        (corpus as IDisposable)?.Dispose();
        var (heapMb, rssMb) = Memory();
        Console.WriteLine(
            $"memory_after_build: heap_mb={Format(heapMb)} rss_mb={Format(rssMb)} heap_kb_per_page={Format(heapMb * 1024 / options.Pages)} " +
            $"tokens={tokens} tokens_per_page={Format(tokens / (double)options.Pages)}");

        var (latencies, found) = await SearchAsync(pages, queries);
        double recall = found.Zip(exact, (approximate, truth) => approximate.Intersect(truth).Count() / (double)Top).Average();
        Console.WriteLine(
            $"search_ms: p50={Format(Percentile(latencies, 0.5))} p95={Format(Percentile(latencies, 0.95))} samples={latencies.Length} " +
            $"recall_at_10={recall.ToString("F3", CultureInfo.InvariantCulture)}");

        string path = Path.Combine(options.Folder, $"scale-{options.Pages}-{Environment.ProcessId}.pvli");
        try
        {
            var (reopened, loadMbPerSecond) = await SaveAndLoadAsync(store, pages, path, options, queries[0], found[0]);
            (heapMb, rssMb) = Memory();
            Console.WriteLine(
                $"memory_after_load: heap_mb={Format(heapMb)} rss_mb={Format(rssMb)} rss_anon_mb={Format(ProcessStatus("RssAnon:") / 1024.0)} " +
                $"rss_file_mb={Format(ProcessStatus("RssFile:") / 1024.0)} peak_rss_mb={Format(ProcessStatus("VmHWM:") / 1024.0)}");
            if (options.MapInt8)
            {
                // The figures that count for a mapped collection are those of searches over it: they make resident what they read.
                (latencies, found) = await SearchAsync(reopened, queries);
                recall = found.Zip(exact, (approximate, truth) => approximate.Intersect(truth).Count() / (double)Top).Average();
                (heapMb, rssMb) = Memory();
                Console.WriteLine(
                    $"mapped_search_ms: p50={Format(Percentile(latencies, 0.5))} p95={Format(Percentile(latencies, 0.95))} " +
                    $"recall_at_10={recall.ToString("F3", CultureInfo.InvariantCulture)} " +
                    $"rss_mb={Format(rssMb)} rss_anon_mb={Format(ProcessStatus("RssAnon:") / 1024.0)} rss_file_mb={Format(ProcessStatus("RssFile:") / 1024.0)}");
            }

            Console.WriteLine($"load_mb_per_s={Format(loadMbPerSecond)}");
        }
        finally
        {
            File.Delete(path);
        }

        Console.WriteLine($"p50_ms={Format(Percentile(latencies, 0.5))}");
        Console.WriteLine($"recall_at_10={recall.ToString("F3", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"rss_mb={Format(rssMb)}");
        return 0;
    }

    private static VectorStoreCollectionDefinition Definition(int dimensions) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(ScalePage.Id), typeof(int)),
            new VectorStoreVectorProperty(nameof(ScalePage.Patches), typeof(MultiVectorEmbedding), dimensions) { IndexKind = MultiVectorIndexKind.BinaryFlat },
        ],
    };

    private static async Task<long> BuildAsync(LateInteractionCollection<int, ScalePage> pages, IPageCorpus corpus, ScaleArguments options)
    {
        var generating = new Stopwatch();
        var upserting = new Stopwatch();
        long tokens = 0;
        var upsertCpu = TimeSpan.Zero;
        var batch = new ScalePage[UpsertBatch];
        for (int start = 0; start < options.Pages; start += UpsertBatch)
        {
            int count = Math.Min(UpsertBatch, options.Pages - start);
            generating.Start();
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, i =>
                batch[i] = new ScalePage { Id = start + i, Patches = new MultiVectorEmbedding(corpus.Page(start + i), corpus.Dimensions) });
            generating.Stop();
            tokens += batch.Take(count).Sum(page => (long)page.Patches!.TokenCount);

            upserting.Start();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await pages.UpsertAsync(batch.Take(count).ToArray());
            upsertCpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
            upserting.Stop();
        }

        Array.Clear(batch);
        Console.WriteLine(
            $"build: upsert_cpu_ms_per_page={Format(upsertCpu.TotalMilliseconds / options.Pages)} generate_s={Format(generating.Elapsed.TotalSeconds)} upsert_s={Format(upserting.Elapsed.TotalSeconds)} " +
            $"upsert_pages_per_s={Format(options.Pages / upserting.Elapsed.TotalSeconds)} (packing the rescoring form, sign bits and the pooled summary)");
        return tokens;
    }

    private static async Task<(double[] Latencies, int[][] Found)> SearchAsync(LateInteractionCollection<int, ScalePage> pages, MultiVectorEmbedding[] queries)
    {
        var found = new int[queries.Length][];
        for (int i = 0; i < Math.Min(3, queries.Length); i++)
        {
            await pages.SearchAsync(queries[i], Top).ToListAsync();
        }

        var latencies = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int round = 0; round < TimedRounds; round++)
        {
            for (int i = 0; i < queries.Length; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                var hits = await pages.SearchAsync(queries[i], Top).ToListAsync();
                latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
                found[i] = hits.Select(hit => hit.Record.Id).ToArray();
            }
        }

        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine($"search_cpu_ms_per_query={Format(cpuMs / latencies.Count)} (process CPU time: the uncontended wall time times the threads busy)");
        return ([.. latencies], found);
    }

    /// <summary>Scores every page exactly against every query, producing each page once, and keeps each query's top ten.</summary>
    private static int[][] ExactTopTen(IPageCorpus corpus, ScaleArguments options, MultiVectorEmbedding[] queries)
    {
        var prepared = queries.Select(MaxSimQuery.Create).ToArray();
        var best = queries.Select(_ => new List<(float Score, int Page)>()).ToArray();
        Parallel.For(
            0,
            options.Threads,
            new ParallelOptions { MaxDegreeOfParallelism = options.Threads },
            worker =>
            {
                var local = queries.Select(_ => new List<(float Score, int Page)>(Top + 1)).ToArray();
                for (int page = worker; page < options.Pages; page += options.Threads)
                {
                    var document = MaxSimDocument.Create(corpus.Page(page), corpus.Dimensions);
                    for (int q = 0; q < prepared.Length; q++)
                    {
                        Keep(local[q], (VectorData.LateInteraction.MaxSim.Score(prepared[q], document), page));
                    }
                }

                lock (best)
                {
                    for (int q = 0; q < prepared.Length; q++)
                    {
                        foreach (var hit in local[q])
                        {
                            Keep(best[q], hit);
                        }
                    }
                }
            });
        return best.Select(hits => hits.Select(hit => hit.Page).ToArray()).ToArray();
    }

    private static void Keep(List<(float Score, int Page)> top, (float Score, int Page) hit)
    {
        int at = top.FindIndex(other => hit.Score > other.Score || (hit.Score == other.Score && hit.Page < other.Page));
        top.Insert(at < 0 ? top.Count : at, hit);
        if (top.Count > Top)
        {
            top.RemoveAt(Top);
        }
    }

    private static async Task<(LateInteractionCollection<int, ScalePage> Reopened, double LoadMbPerSecond)> SaveAndLoadAsync(
        LateInteractionVectorStore store, LateInteractionCollection<int, ScalePage> pages, string path, ScaleArguments options, MultiVectorEmbedding query, int[] expected)
    {
        var stopwatch = Stopwatch.StartNew();
        await pages.SaveAsync(path);
        double saveSeconds = stopwatch.Elapsed.TotalSeconds;
        double megabytes = new FileInfo(path).Length / 1e6;
        Console.WriteLine($"save: file_mb={Format(megabytes)} save_s={Format(saveSeconds)} save_mb_per_s={Format(megabytes / saveSeconds)}");

        // Drop the built records first: a load holds only the file's.
        await pages.EnsureCollectionDeletedAsync();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        int collections = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes();
        if (options.MapInt8 && !options.VerifyMapped)
        {
            // The verified reload first, for comparison; then the one measured below seeks over the int8 vectors.
            var verified = store.GetCollection<int, ScalePage>("pages", Definition(query.Dimensions));
            stopwatch.Restart();
            await verified.LoadAsync(path, new CollectionLoadOptions { MapInt8Tokens = true });
            Console.WriteLine($"verified_mapped_load: load_s={Format(stopwatch.Elapsed.TotalSeconds)} load_mb_per_s={Format(megabytes / stopwatch.Elapsed.TotalSeconds)}");
            await verified.EnsureCollectionDeletedAsync();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        var reopened = store.GetCollection<int, ScalePage>("pages", Definition(query.Dimensions));
        stopwatch.Restart();
        await reopened.LoadAsync(path, new CollectionLoadOptions { MapInt8Tokens = options.MapInt8, VerifyMappedTokens = options.VerifyMapped });
        double loadSeconds = stopwatch.Elapsed.TotalSeconds;
        var hits = await reopened.SearchAsync(query, Top).Select(hit => hit.Record.Id).ToListAsync();
        Console.WriteLine(
            $"load: load_s={Format(loadSeconds)} allocated_mb={Format((GC.GetTotalAllocatedBytes() - allocated) / 1e6)} " +
            $"gen2_collections={GC.CollectionCount(2) - collections} same_results={hits.SequenceEqual(expected)}");
        return (reopened, megabytes / loadSeconds);
    }

    private static (double HeapMb, double RssMb) Memory()
        => (GC.GetTotalMemory(forceFullCollection: true) / (double)(1 << 20), ProcessStatus("VmRSS:") / 1024.0);

    /// <summary>Reads a kB figure from /proc/self/status (0 where there is none).</summary>
    private static long ProcessStatus(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static double Percentile(double[] values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];
    }

    private static string Format(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
