using Providers.Core;
using Providers.Core.OpenAI;

namespace Providers.SciBox;

/// <summary>What every SciBox client shares: the service's name and how to reach it.</summary>
internal static class SciBoxService
{
    public const string Name = "SciBox";

    public static ServiceHttpClient Create(SciBoxOptions options, HttpClient? httpClient) =>
        OpenAICompatibleService.CreateClient(Name, options, httpClient, o => ServiceAuthentication.Bearer(o.ApiKey));
}
