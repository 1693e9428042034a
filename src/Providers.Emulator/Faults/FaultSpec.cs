using System.Globalization;

namespace Providers.Emulator.Faults;

/// <summary>
/// Parses the text form of faults used by the <c>x-emulator-fault</c> header and the dev server's
/// <c>--fault</c> option: faults separated by <c>|</c>, each <c>kind[=value]</c> followed by
/// <c>;modifier=value</c> pairs, e.g. <c>status=429;count=2;retry-after=1.5|delay=200</c>.
/// </summary>
internal static class FaultSpec
{
    public static IReadOnlyList<Action<FaultBuilder>> Parse(string text)
    {
        var faults = new List<Action<FaultBuilder>>();
        foreach (var group in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            faults.Add(ParseOne(group));
        }

        return faults.Count > 0 ? faults : throw new FormatException("No fault given.");
    }

    private static Action<FaultBuilder> ParseOne(string group)
    {
        var pairs = group.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToList();
        var (kind, value) = (pairs[0][0].ToLowerInvariant(), pairs[0].ElementAtOrDefault(1));
        var modifiers = pairs.Skip(1).ToDictionary(p => p[0].ToLowerInvariant(), p => p.ElementAtOrDefault(1) ?? string.Empty);
        var count = modifiers.TryGetValue("count", out var c) ? Int(c, "count") : 1;

        return kind switch
        {
            "status" => b => b.FailNext(count, Int(value, kind), modifiers.GetValueOrDefault("retry-after"), modifiers.GetValueOrDefault("retry-after-ms"), modifiers.GetValueOrDefault("body")),
            "html" => b => b.HtmlErrorPage(Int(value, kind), count),
            "delay" => b => b.Delay(TimeSpan.FromMilliseconds(Int(value, kind)), count),
            "reset" when value is null => b => b.ResetConnectionMidBody(count),
            "reset" => b => b.ResetStreamAfter(Int(value, kind), count),
            "truncate" => b => b.TruncateStreamAfter(Int(value, kind), count),
            "error-frame" => b => b.ErrorFrameAfter(Int(value, kind), count),
            "malformed" => b => b.MalformedJson(count),
            "wrong-count" => b => b.WrongVectorCount(count),
            "nan" => b => b.InjectNaN(count),
            "oversized" => b => b.OversizedBody(value is null ? FaultBuilder.DefaultOversizedBytes : Int(value, kind), count),
            "rate-limit" => RateLimit(value),
            _ => throw new FormatException($"Unknown fault '{kind}'."),
        };
    }

    private static Action<FaultBuilder> RateLimit(string? value)
    {
        var parts = value?.Split('/') ?? [];
        if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var refill))
        {
            throw new FormatException("rate-limit takes capacity/refill-per-second, e.g. rate-limit=5/0.5.");
        }

        var capacity = Int(parts[0], "rate-limit");
        return b => b.RateLimit(capacity, refill);
    }

    private static int Int(string? value, string key) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"'{key}' needs an integer value, not '{value}'.");
}
