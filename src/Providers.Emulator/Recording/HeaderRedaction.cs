namespace Providers.Emulator.Recording;

/// <summary>Which request headers carry secrets and must never be recorded as sent.</summary>
internal static class HeaderRedaction
{
    public const string Redacted = "***";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Auth", "api-key", "x-api-key", "Cookie",
    };

    public static bool IsSecret(string headerName) => SecretHeaders.Contains(headerName);
}
