using System.Globalization;

namespace Providers.Emulator.Hosting;

/// <summary><c>Retry-After</c> as whole seconds, rounded up so a client that obeys it never comes back early.</summary>
internal static class RetryAfter
{
    public static string WholeSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
