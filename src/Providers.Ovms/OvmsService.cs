using System.Net;
using Providers.Core;

namespace Providers.Ovms;

/// <summary>What every OVMS client shares: the service's name, how to reach it, and how its errors read.</summary>
internal static class OvmsService
{
    public const string Name = "OVMS";

    private const string UnauthorizedMessage = "Unauthorized request due to invalid or missing api-key";

    public static ServiceHttpClient Create(OvmsOptions options, HttpClient? httpClient) =>
        options.CreateServiceClient(Name, httpClient, () => ServiceAuthentication.Bearer(options.ApiKey));

    /// <summary>
    /// Runs a call, turning OVMS's answer to a wrong or missing API key (a 500, which would otherwise be retried) into
    /// a non-retryable error that says what to fix.
    /// </summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ProviderException e) when (e.StatusCode == HttpStatusCode.InternalServerError && e.Message.Contains(UnauthorizedMessage, StringComparison.Ordinal))
        {
            throw new ProviderException(Name, $"OVMS refused the API key (it answers 500 '{UnauthorizedMessage}'): check OvmsOptions.ApiKey.", e)
            {
                StatusCode = e.StatusCode,
                RequestId = e.RequestId,
                Route = e.Route,
                IsRetryable = false,
            };
        }
    }
}
