using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Providers.VectorData.LateInteraction;

namespace Providers.Benchmarks.MaxSim;

/// <summary>
/// <c>maxsim</c>: times MaxSim over synthetic documents and measures first-stage recall and token pooling, printing
/// <c>median_ms=&lt;value&gt;</c> as its last line.
/// </summary>
/// <remarks>
/// The timed quantity is one query scored against every document in the requested precision: exact for fp32, the
/// first stage alone for int8 and binary (their end-to-end time with exact rescoring is printed before it). Timing
/// uses uniform random unit vectors; recall uses clustered vectors, on which rankings are meaningful.
/// </remarks>
public static class MaxSimCommand
{
    private const int Top = 10;
    private const int WarmUpRuns = 3;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);
    private const int TimedQueries = 4;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The command's options, without the word <c>maxsim</c>.</param>
    /// <returns>0 on success, 2 for bad options.</returns>
    public static int Run(string[] args)
    {
        MaxSimArguments options;
        try
        {
            options = MaxSimArguments.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(MaxSimArguments.Usage);
            return 2;
        }

        string precision = MaxSimArguments.Name(options.Precision);
        Console.WriteLine(
            $"maxsim: docs={options.Documents} doc_tokens={options.DocumentTokens} query_tokens={options.QueryTokens} " +
            $"dim={options.Dimensions} precision={precision} threads={options.Threads} runs={options.Runs}");
        Console.WriteLine(
            $"cpu: vector512={Vector512.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} " +
            $"avx_vnni={AvxVnni.IsSupported} avx512bw={Avx512BW.IsSupported} processors={Environment.ProcessorCount}");

        double median = TimeRandomDocuments(options);

        // fp32 is the exact ranking itself: its recall is 1 by definition.
        if ((options.RecallQueries > 0 && options.Precision != MaxSimPrecision.Float32) || options.PoolFactor > 1)
        {
            MeasureClustered(options);
        }

        Console.WriteLine($"median_ms={Format(median)}");
        return 0;
    }

    private static double TimeRandomDocuments(MaxSimArguments options)
    {
        var stopwatch = Stopwatch.StartNew();
        var documents = Pack(
            options,
            (index, rows) => SyntheticVectors.FillUniform(rows, options.Dimensions, new Random(options.Seed + 1 + index)));
        Console.WriteLine($"pack_ms={Format(stopwatch.Elapsed.TotalMilliseconds)} (generate and pack {options.Documents} documents)");

        var random = new Random(options.Seed);
        var queries = new MaxSimQuery[TimedQueries];
        for (int i = 0; i < queries.Length; i++)
        {
            var rows = new float[options.QueryTokens * options.Dimensions];
            SyntheticVectors.FillUniform(rows, options.Dimensions, random);
            queries[i] = MaxSimQuery.Create(rows, options.Dimensions);
        }

        var scores = new float[documents.Length];
        double[] firstStage = Measure(
            options.Runs,
            run => VectorData.LateInteraction.MaxSim.ScoreAll(queries[run % queries.Length], documents, scores, options.Precision, options.Threads),
            out double cpuMilliseconds);
        double median = Median(firstStage);
        double flops = 2.0 * options.Documents * options.DocumentTokens * options.QueryTokens * options.Dimensions;
        Console.WriteLine($"runs_ms=[{string.Join(", ", firstStage.Select(Format))}]");
        Console.WriteLine(
            $"cpu_ms_per_run_per_thread={Format(cpuMilliseconds / options.Runs / options.Threads)} (process CPU time over the runs / runs / threads: " +
            "about the wall time to expect when no other process competes for the cores)");
        Console.WriteLine($"effective_gflops={Format(flops / (median * 1e6))} (2 x docs x doc_tokens x query_tokens x dim / median)");

        if (options.Precision != MaxSimPrecision.Float32)
        {
            var search = SearchOptions(options);
            double[] endToEnd = Measure(options.Runs, run =>
                VectorData.LateInteraction.MaxSim.Search(queries[run % queries.Length], documents, Top, search));
            Console.WriteLine(
                $"end_to_end_median_ms={Format(Median(endToEnd))} (first stage, then exact rescoring of the top {options.Rescore})");
        }

        return median;
    }

    private static void MeasureClustered(MaxSimArguments options)
    {
        var corpus = new ClusteredCorpus(options.DocumentTokens, options.Dimensions, options.Seed);
        var documents = Pack(options, corpus.WriteDocument);
        var random = new Random(options.Seed + 7);
        int queryCount = Math.Max(options.RecallQueries, 1);
        var queries = new MaxSimQuery[queryCount];
        var exact = new IReadOnlyList<MaxSimHit>[queryCount];
        for (int i = 0; i < queryCount; i++)
        {
            float[] rows = corpus.CreateQuery(random.Next(options.Documents), options.QueryTokens, random);
            queries[i] = MaxSimQuery.Create(rows, options.Dimensions);
            exact[i] = VectorData.LateInteraction.MaxSim.Search(queries[i], documents, Top, new() { MaxDegreeOfParallelism = options.Threads });
        }

        if (options.RecallQueries > 0 && options.Precision != MaxSimPrecision.Float32)
        {
            var scores = new float[documents.Length];
            double firstStageRecall = 0;
            double rescoredRecall = 0;
            for (int i = 0; i < queryCount; i++)
            {
                VectorData.LateInteraction.MaxSim.ScoreAll(queries[i], documents, scores, options.Precision, options.Threads);
                firstStageRecall += Recall(exact[i], TopIndices(scores, Top));
                var hits = VectorData.LateInteraction.MaxSim.Search(queries[i], documents, Top, SearchOptions(options));
                rescoredRecall += Recall(exact[i], hits.Select(hit => hit.Index));
            }

            Console.WriteLine($"recall@10_first_stage_only={Format(firstStageRecall / queryCount, "F3")} (clustered data, {queryCount} queries)");
            Console.WriteLine($"recall@10={Format(rescoredRecall / queryCount, "F3")} (first stage, exact rescoring of the top {options.Rescore})");
        }

        if (options.PoolFactor > 1)
        {
            MeasurePooling(options, corpus, documents, queries, exact);
        }
    }

    private static void MeasurePooling(
        MaxSimArguments options,
        ClusteredCorpus corpus,
        MaxSimDocument[] documents,
        MaxSimQuery[] queries,
        IReadOnlyList<MaxSimHit>[] exact)
    {
        var stopwatch = Stopwatch.StartNew();
        var pooled = Pack(options with { Precision = MaxSimPrecision.Float32 }, corpus.WriteDocument, options.PoolFactor);
        double poolingMs = stopwatch.Elapsed.TotalMilliseconds;
        double tokens = pooled.Average(document => document.TokenCount);

        double recall = 0;
        for (int i = 0; i < queries.Length; i++)
        {
            var hits = VectorData.LateInteraction.MaxSim.Search(queries[i], pooled, Top, new() { MaxDegreeOfParallelism = options.Threads });
            recall += Recall(exact[i], hits.Select(hit => hit.Index));
        }

        var scores = new float[documents.Length];
        double full = Median(Measure(
            options.Runs,
            run => VectorData.LateInteraction.MaxSim.ScoreAll(queries[run % queries.Length], documents, scores, MaxSimPrecision.Float32, options.Threads),
            out double fullCpu));
        double reduced = Median(Measure(
            options.Runs,
            run => VectorData.LateInteraction.MaxSim.ScoreAll(queries[run % queries.Length], pooled, scores, MaxSimPrecision.Float32, options.Threads),
            out double reducedCpu));
        double perRunPerThread = 1.0 / (options.Runs * options.Threads);

        Console.WriteLine(
            $"pooling: factor={options.PoolFactor} tokens={options.DocumentTokens}->{Format(tokens, "F1")} " +
            $"generate_and_pool_ms_per_doc={Format(poolingMs / options.Documents)} recall@10_vs_unpooled={Format(recall / queries.Length, "F3")} " +
            $"fp32_median_ms={Format(full)}->{Format(reduced)} " +
            $"cpu_ms_per_run_per_thread={Format(fullCpu * perRunPerThread)}->{Format(reducedCpu * perRunPerThread)} (clustered data)");
    }

    private static MaxSimSearchOptions SearchOptions(MaxSimArguments options) => new()
    {
        FirstStage = options.Precision,
        RescoreCount = options.Rescore,
        MaxDegreeOfParallelism = options.Threads,
    };

    private static MaxSimDocument[] Pack(MaxSimArguments options, Action<int, Span<float>> writeDocument, int poolFactor = 1)
    {
        var documents = new MaxSimDocument[options.Documents];
        Parallel.For(
            0,
            documents.Length,
            new ParallelOptions { MaxDegreeOfParallelism = options.Threads },
            () => new float[options.DocumentTokens * options.Dimensions],
            (index, _, rows) =>
            {
                writeDocument(index, rows);
                ReadOnlySpan<float> tokens = poolFactor > 1
                    ? HierarchicalTokenPooling.Pool(rows, options.Dimensions, poolFactor)
                    : rows;
                documents[index] = MaxSimDocument.Create(tokens, options.Dimensions, options.Precision);
                return rows;
            },
            _ => { });
        return documents;
    }

    private static double[] Measure(int runs, Action<int> run) => Measure(runs, run, out _);

    /// <summary>Times <paramref name="runs"/> runs after a warm-up of at least 3 runs and a second; also returns the process CPU time they took.</summary>
    private static double[] Measure(int runs, Action<int> run, out double cpuMilliseconds)
    {
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < WarmUpRuns || Stopwatch.GetElapsedTime(warmUpStart) < WarmUpTime; i++)
        {
            run(i);
        }

        using var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        process.Refresh();
        cpuMilliseconds = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        return times;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static IEnumerable<int> TopIndices(float[] scores, int count)
        => Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(count);

    private static double Recall(IReadOnlyList<MaxSimHit> exact, IEnumerable<int> found)
        => (double)exact.Select(hit => hit.Index).Intersect(found).Count() / exact.Count;

    private static string Format(double value) => Format(value, "F2");

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
