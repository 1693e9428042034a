namespace Providers.Emulator.Faults;

/// <summary>
/// Route matching for faults: a route is a service-local path without the leading slash
/// (<c>v1/embeddings</c>); a trailing <c>*</c> matches any path that starts with what precedes it.
/// </summary>
internal static class FaultRoute
{
    public static string? Normalize(string? route) => route?.Trim().TrimStart('/');

    public static bool Matches(string? route, string localPath)
    {
        if (route is null)
        {
            return true;
        }

        var path = localPath.TrimStart('/');
        return route.EndsWith('*')
            ? path.StartsWith(route[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(route, path, StringComparison.OrdinalIgnoreCase);
    }
}
