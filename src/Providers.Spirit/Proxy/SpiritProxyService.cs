using Providers.Core;
using Providers.Core.OpenAI;

namespace Providers.Spirit;

/// <summary>How proxy-mode clients reach Spirit-GPU: the proxy header <c>{serverlessId}-{apiKey}</c>, no <c>Bearer</c>.</summary>
internal static class SpiritProxyService
{
    public static ServiceHttpClient Create<TOptions>(TOptions options, HttpClient? httpClient)
        where TOptions : SpiritOptions =>
        OpenAICompatibleService.CreateClient(SpiritJobClient.ServiceName, options, httpClient,
            o => new SpiritProxyAuthentication(o.ServerlessId!, o.ApiKey!));
}
