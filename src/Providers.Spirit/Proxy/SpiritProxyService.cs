using Providers.Core;

namespace Providers.Spirit;

/// <summary>How proxy-mode clients reach Spirit-GPU: the proxy header <c>{serverlessId}-{apiKey}</c>, no <c>Bearer</c>.</summary>
internal static class SpiritProxyService
{
    public static ServiceHttpClient Create<TOptions>(TOptions options, HttpClient? httpClient)
        where TOptions : SpiritOptions =>
        options.CreateServiceClient(SpiritJobClient.ServiceName, httpClient,
            () => new SpiritProxyAuthentication(options.ServerlessId!, options.ApiKey!));
}
