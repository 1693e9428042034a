using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Hosting;

/// <summary>The path prefix each service lives under, and the split of a request path into service and local path.</summary>
internal static class ServicePath
{
    private static readonly Dictionary<string, EmulatedService> ByPrefix = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sv-ray"] = EmulatedService.SvRay,
        ["sv-inference"] = EmulatedService.SvInference,
        ["scibox"] = EmulatedService.SciBox,
        ["colqwen"] = EmulatedService.ColQwen,
        ["spirit"] = EmulatedService.Spirit,
        ["ovms"] = EmulatedService.Ovms,
    };

    public static IEnumerable<EmulatedService> All => ByPrefix.Values;

    public static string Prefix(EmulatedService service) => ByPrefix.First(p => p.Value == service).Key;

    public static bool TryParseName(string name, out EmulatedService service) => ByPrefix.TryGetValue(name, out service);

    /// <summary>Splits <c>/scibox/v1/models</c> into <see cref="EmulatedService.SciBox"/> and <c>/v1/models</c>.</summary>
    public static bool TryParse(PathString path, out EmulatedService service, out string localPath)
    {
        var value = path.Value ?? string.Empty;
        var end = value.IndexOf('/', 1);
        var prefix = end < 0 ? value.TrimStart('/') : value[1..end];
        localPath = end < 0 ? "/" : value[end..];
        return ByPrefix.TryGetValue(prefix, out service);
    }
}
