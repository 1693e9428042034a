using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// Reads Ollama's NDJSON stream: one JSON object a line, the last with <c>done: true</c>. An error line
/// (<c>{"error":".."}</c>) is raised as <see cref="ProviderException"/>; a stream that ends before the
/// <c>done</c> line raises <see cref="StreamTruncatedException"/>.
/// </summary>
internal static class OllamaStreamReader
{
    public static async IAsyncEnumerable<TLine> ReadAsync<TLine>(
        ServiceHttpClient service, HttpResponseMessage response, JsonTypeInfo<TLine> lineType, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TLine : class, IOllamaAnswer
    {
        await service.ThrowIfNotStreamAsync(response, "an NDJSON stream", jsonIsStream: true, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        int received = 0;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw Truncated(service, response, $"The connection to {service.ServiceName} broke after {received} line(s) of the Ollama stream; the answer is incomplete.", e);
            }

            if (line is null)
            {
                throw Truncated(service, response, $"The Ollama stream from {service.ServiceName} ended after {received} line(s) without a 'done' line; the answer is incomplete.", null);
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TLine chunk;
            try
            {
                chunk = JsonSerializer.Deserialize(line, lineType)
                    ?? throw new JsonException("The line is a JSON null.");
            }
            catch (JsonException e)
            {
                throw new InvalidResponseException(service.ServiceName,
                    $"Line {received} of the Ollama stream from {service.ServiceName} is not valid JSON: {service.Authentication.Redact(e.Message)}", e)
                {
                    StatusCode = response.StatusCode,
                    Route = HttpRoute.Of(response),
                };
            }

            OllamaChatResponseReader.ThrowIfError(chunk, service);
            received++;
            yield return chunk;
            if (chunk.Done)
            {
                yield break;
            }
        }
    }

    private static StreamTruncatedException Truncated(ServiceHttpClient service, HttpResponseMessage response, string message, Exception? inner) =>
        new(service.ServiceName, message, inner) { StatusCode = response.StatusCode, Route = HttpRoute.Of(response) };
}
