using Providers.Core;

namespace Providers.Spirit;

/// <summary>How proxy-mode clients reach Spirit-GPU: the proxy header <c>{serverlessId}-{apiKey}</c>, no <c>Bearer</c>.</summary>
internal static class SpiritProxyService
{
    public static ServiceHttpClient Create(SpiritProxyOptions options, HttpClient? httpClient) =>
        options.CreateServiceClient(SpiritJobClient.ServiceName, httpClient,
            () => ServiceAuthentication.SpiritProxy(options.ServerlessId!, options.ApiKey!));
}
