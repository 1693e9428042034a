namespace Providers.Core.OpenAI;

/// <summary>Creates the <see cref="ServiceHttpClient"/> a service class hands to the OpenAI-style base classes.</summary>
public static class OpenAICompatibleService
{
    /// <summary>
    /// Validates the settings, then creates the service client. With no <paramref name="httpClient"/> it creates an
    /// <see cref="HttpClient"/> without a timeout of its own (the settings' timeout applies) and disposes it with the client.
    /// </summary>
    /// <typeparam name="TOptions">The service's settings type.</typeparam>
    /// <param name="serviceName">The service's name, used in errors, telemetry and metadata.</param>
    /// <param name="options">The settings.</param>
    /// <param name="httpClient">The HTTP client to send with, or <see langword="null"/> to create one.</param>
    /// <param name="authenticate">Builds the credentials from the validated settings.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public static ServiceHttpClient CreateClient<TOptions>(
        string serviceName, TOptions options, HttpClient? httpClient, Func<TOptions, ServiceAuthentication> authenticate)
        where TOptions : ServiceClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(authenticate);
        var baseAddress = options.GetBaseAddress();
        var authentication = authenticate(options);
        return new ServiceHttpClient(serviceName, httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, baseAddress,
            authentication, options.Timeout, disposeHttpClient: httpClient is null)
        {
            IdleTimeout = options.IdleTimeout,
        };
    }
}
