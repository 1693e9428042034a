using Providers.Core;

namespace Providers.SvRay;

/// <summary>Creates the HTTP plumbing every SV Ray embedding generator shares.</summary>
internal static class SvRayEmbeddingService
{
    /// <summary>The service name used in errors, telemetry and metadata.</summary>
    public const string Name = "SvRay";

    /// <summary>
    /// Validates the settings and creates the service client, which sends no credentials (the cluster's embedding
    /// endpoints take none). Without <paramref name="httpClient"/> it creates one, owned by the service client.
    /// </summary>
    /// <returns>The service client, and the HTTP client it sends with (image downloads use it too).</returns>
    public static (ServiceHttpClient Service, HttpClient Http) Create(SvRayEmbeddingOptionsBase options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = options.CreateServiceClient(Name, httpClient);
        return (service, service.HttpClient);
    }
}
