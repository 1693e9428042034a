using System.Text.Json;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>Reads a sync request's answer: the handler's output as sent, refused when it is a proxy's HTML page or broken JSON.</summary>
internal static class SpiritSyncOutput
{
    public static async Task<SpiritResult> ReadAsync(ServiceHttpClient http, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new ProviderException(http.ServiceName, $"The connection to {http.ServiceName} broke while reading the handler's output.", e)
            {
                StatusCode = response.StatusCode,
                Route = HttpRoute.Of(response),
                IsRetryable = true,
            };
        }

        if (mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            string page = ServiceErrorBody.Parse(System.Text.Encoding.UTF8.GetString(body)).Message ?? "an empty page";
            throw new InvalidResponseException(http.ServiceName, $"{http.ServiceName} answered with {page}, not the handler's output.")
            {
                StatusCode = response.StatusCode,
                Route = HttpRoute.Of(response),
            };
        }

        if (IsJson(mediaType) && !IsWellFormedJson(body, out string? problem))
        {
            throw new InvalidResponseException(http.ServiceName, $"{http.ServiceName} sent malformed JSON as the handler's output ({body.Length} bytes): {problem}")
            {
                StatusCode = response.StatusCode,
                Route = HttpRoute.Of(response),
            };
        }

        return new SpiritResult(body, mediaType);
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool IsWellFormedJson(ReadOnlySpan<byte> json, out string? problem)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
            }

            problem = null;
            return true;
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
