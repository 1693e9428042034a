using System.Globalization;
using Providers.VectorData.LateInteraction;

namespace Providers.Benchmarks.Scale;

/// <summary>The options of the <c>scale</c> command.</summary>
internal sealed record ScaleArguments
{
    public int Pages { get; init; } = 10_000;

    public string Corpus { get; init; } = "synthetic";

    public int PageTokens { get; init; } = 1030;

    public int Dimensions { get; init; } = 128;

    public int QueryTokens { get; init; } = 32;

    public int Queries { get; init; } = 20;

    public int Candidates { get; init; } = 2000;

    public int Rescore { get; init; } = 100;

    public MaxSimPrecision Rescoring { get; init; } = MaxSimPrecision.Int4;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public string Folder { get; init; } = Path.GetTempPath();

    public int Seed { get; init; } = 42;

    /// <summary>Gets whether the reloaded collection leaves its int8 token vectors in the file, memory-mapped.</summary>
    public bool MapInt8 { get; init; }

    /// <summary>Gets whether a mapped reload reads the int8 vectors once to verify them (<see cref="Providers.VectorData.CollectionLoadOptions.VerifyMappedTokens"/>).</summary>
    public bool VerifyMapped { get; init; } = true;

    public const string Usage =
        "scale --pages N [--corpus synthetic|text] [--page-tokens N] [--dim N] [--query-tokens N] [--queries N]\n" +
        "      [--candidates N (0 = no shortlist)] [--rescore N] [--rescoring int4|int8|fp32] [--threads N] [--folder PATH] [--seed N]\n" +
        "      [--load memory|mapped|mapped-unverified (mapped: the reloaded collection maps its int8 vectors, and search is\n" +
        "       measured again on it; unverified: the reload seeks over them, checking the checksum of the rest)]";

    public static ScaleArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ScaleArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new FormatException($"Option {name} needs a value.");
            }

            string value = args[++i];
            parsed = name switch
            {
                "--pages" => parsed with { Pages = Number(name, value, 1) },
                "--corpus" => parsed with { Corpus = value is "synthetic" or "text" ? value : throw new FormatException("--corpus must be synthetic or text.") },
                "--page-tokens" => parsed with { PageTokens = Number(name, value, 1) },
                "--dim" => parsed with { Dimensions = Number(name, value, 1) },
                "--query-tokens" => parsed with { QueryTokens = Number(name, value, 1) },
                "--queries" => parsed with { Queries = Number(name, value, 1) },
                "--candidates" => parsed with { Candidates = Number(name, value, 0) },
                "--rescore" => parsed with { Rescore = Number(name, value, 1) },
                "--rescoring" => parsed with { Rescoring = value switch
                {
                    "int4" => MaxSimPrecision.Int4,
                    "int8" => MaxSimPrecision.Int8,
                    "fp32" => MaxSimPrecision.Float32,
                    _ => throw new FormatException($"--rescoring must be int4, int8 or fp32, not '{value}'."),
                } },
                "--threads" => parsed with { Threads = Number(name, value, 1) },
                "--folder" => parsed with { Folder = value },
                "--seed" => parsed with { Seed = Number(name, value, 0) },
                "--load" => value switch
                {
                    "memory" => parsed with { MapInt8 = false },
                    "mapped" => parsed with { MapInt8 = true },
                    "mapped-unverified" => parsed with { MapInt8 = true, VerifyMapped = false },
                    _ => throw new FormatException($"--load must be memory, mapped or mapped-unverified, not '{value}'."),
                },
                _ => throw new FormatException($"Unknown option {name}."),
            };
        }

        return parsed;
    }

    private static int Number(string name, string value, int minimum)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed >= minimum
            ? parsed
            : throw new FormatException($"{name} needs a whole number of at least {minimum}, not '{value}'.");
}
