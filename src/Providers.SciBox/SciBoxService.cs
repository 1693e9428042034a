using Providers.Core;

namespace Providers.SciBox;

/// <summary>What every SciBox client shares: the service's name and how to reach it.</summary>
internal static class SciBoxService
{
    public const string Name = "SciBox";

    public static ServiceHttpClient Create(SciBoxOptions options, HttpClient? httpClient) =>
        options.CreateServiceClient(Name, httpClient, () => ServiceAuthentication.Bearer(options.ApiKey));
}
