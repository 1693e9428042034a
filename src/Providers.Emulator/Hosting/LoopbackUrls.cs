using System.Net;

namespace Providers.Emulator.Hosting;

/// <summary>Refuses any listening URL that is not on the loopback interface: the emulator never faces a network.</summary>
internal static class LoopbackUrls
{
    public const string Default = "http://127.0.0.1:5100";

    public static IReadOnlyList<string> Validate(string urls)
    {
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in list)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsLoopback(uri.Host))
            {
                throw new ArgumentException($"The emulator listens on loopback only; '{url}' is not a loopback URL (use 127.0.0.1, [::1] or localhost).");
            }
        }

        return list;
    }

    public static bool IsLoopback(Uri uri) => uri.IsAbsoluteUri && IsLoopback(uri.Host);

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
