using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Providers.Core;

/// <summary>Makes a factory-made <see cref="HttpClient"/> log without credentials.</summary>
public static class CredentialFreeHttpLoggingExtensions
{
    /// <summary>
    /// Replaces the client's loggers (the default ones put header values, <c>Authorization</c> included, in their log
    /// state and scopes) with one that logs method, URL without query or user info, status and duration only.
    /// </summary>
    /// <param name="builder">The HTTP client's builder.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IHttpClientBuilder LogWithoutCredentials(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string category = $"System.Net.Http.HttpClient.{builder.Name}";
        return builder.RemoveAllLoggers().AddLogger(services => new CredentialFreeHttpClientLogger(services.GetRequiredService<ILoggerFactory>().CreateLogger(category)));
    }
}
