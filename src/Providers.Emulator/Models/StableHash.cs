namespace Providers.Emulator.Models;

/// <summary>
/// FNV-1a over UTF-16 code units: stable across processes and runs, unlike <see cref="string.GetHashCode()"/>,
/// so a stand-in model gives the same vector for the same text every time.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(ReadOnlySpan<char> text, ulong salt = 0)
    {
        var hash = Offset ^ salt;
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }
}
