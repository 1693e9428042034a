using System.Globalization;
using Providers.VectorData.LateInteraction;

namespace Providers.Benchmarks.MaxSim;

/// <summary>The options of the <c>maxsim</c> command.</summary>
internal sealed record MaxSimArguments
{
    public int Documents { get; init; } = 1000;

    public int DocumentTokens { get; init; } = 1030;

    public int QueryTokens { get; init; } = 24;

    public int Dimensions { get; init; } = 128;

    public MaxSimPrecision Precision { get; init; } = MaxSimPrecision.Float32;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public int Runs { get; init; } = 9;

    public int Rescore { get; init; } = 100;

    public int RecallQueries { get; init; } = 20;

    public int PoolFactor { get; init; } = 1;

    public int Seed { get; init; } = 42;

    public const string Usage =
        "maxsim [--docs N] [--doc-tokens N] [--query-tokens N] [--dim N] [--precision fp32|int8|binary] [--threads N]\n" +
        "       [--runs N (>= 5)] [--rescore N] [--recall-queries N (0 skips recall)] [--pool-factor N (1 = none)] [--seed N]";

    public static MaxSimArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new MaxSimArguments();
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
                "--docs" => parsed with { Documents = Positive(name, value) },
                "--doc-tokens" => parsed with { DocumentTokens = Positive(name, value) },
                "--query-tokens" => parsed with { QueryTokens = Positive(name, value) },
                "--dim" => parsed with { Dimensions = Positive(name, value) },
                "--precision" => parsed with { Precision = ParsePrecision(value) },
                "--threads" => parsed with { Threads = Positive(name, value) },
                "--runs" => parsed with { Runs = Math.Max(5, Positive(name, value)) },
                "--rescore" => parsed with { Rescore = Positive(name, value) },
                "--recall-queries" => parsed with { RecallQueries = NonNegative(name, value) },
                "--pool-factor" => parsed with { PoolFactor = Positive(name, value) },
                "--seed" => parsed with { Seed = NonNegative(name, value) },
                _ => throw new FormatException($"Unknown option {name}."),
            };
        }

        return parsed;
    }

    public static string Name(MaxSimPrecision precision) => precision switch
    {
        MaxSimPrecision.Float32 => "fp32",
        MaxSimPrecision.Int8 => "int8",
        _ => "binary",
    };

    private static MaxSimPrecision ParsePrecision(string value) => value switch
    {
        "fp32" => MaxSimPrecision.Float32,
        "int8" => MaxSimPrecision.Int8,
        "binary" => MaxSimPrecision.Binary,
        _ => throw new FormatException($"--precision must be fp32, int8 or binary, not '{value}'."),
    };

    private static int Positive(string name, string value)
    {
        int parsed = NonNegative(name, value);
        return parsed > 0 ? parsed : throw new FormatException($"{name} must be positive.");
    }

    private static int NonNegative(string name, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed)
            ? parsed
            : throw new FormatException($"{name} needs a whole number, not '{value}'.");
}
