using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Providers.Core;

/// <summary>
/// Reads an OpenAI-style <c>text/event-stream</c>: JSON <c>data:</c> frames ending with <c>data: [DONE]</c>.
/// Error objects sent as frames after HTTP 200 (LiteLLM's mid-stream errors) are raised as
/// <see cref="ProviderException"/>, and a stream that ends without <c>[DONE]</c> raises
/// <see cref="StreamTruncatedException"/>: a partial answer is never passed off as a whole one.
/// </summary>
/// <remarks>Framing (multi-line data, comments, CRLF, BOM) is parsed by <see cref="SseParser"/>.</remarks>
public static class ServerSentEventReader
{
    private static ReadOnlySpan<byte> DoneMarker => "[DONE]"u8;

    private static ReadOnlySpan<byte> ErrorKey => "\"error\""u8;

    /// <summary>Reads the frames of a successful streaming response as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The chunk type.</typeparam>
    /// <param name="service">The client that sent the request; names the service in errors.</param>
    /// <param name="response">The response, whose body is the event stream. The caller disposes it.</param>
    /// <param name="chunkType">Source-generated type information for a chunk.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async IAsyncEnumerable<T> ReadJsonAsync<T>(
        ServiceHttpClient service, HttpResponseMessage response, JsonTypeInfo<T> chunkType,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(chunkType);

        await service.ThrowIfNotStreamAsync(response, "an event stream", jsonIsStream: false, cancellationToken).ConfigureAwait(false);
        string? route = HttpRoute.Of(response);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        var frames = SseParser.Create(stream, (eventType, data) => Frame<T>.Parse(eventType, data, chunkType))
            .EnumerateAsync(cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        await using var __ = frames.ConfigureAwait(false);

        int received = 0;
        while (true)
        {
            Frame<T> frame;
            try
            {
                if (!await frames.MoveNextAsync().ConfigureAwait(false))
                {
                    if (received == 0 && IsPlainText(response))
                    {
                        throw new InvalidResponseException(service.ServiceName,
                            $"{service.ServiceName} answered {route} with plain text, not an event stream.")
                        {
                            StatusCode = response.StatusCode,
                            Route = route,
                        };
                    }

                    throw new StreamTruncatedException(service.ServiceName,
                        $"The stream from {service.ServiceName} ended after {received} frame(s) without [DONE]; the answer is incomplete.")
                    {
                        StatusCode = response.StatusCode,
                        Route = route,
                    };
                }

                frame = frames.Current.Data;
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new StreamTruncatedException(service.ServiceName,
                    $"The connection to {service.ServiceName} broke after {received} frame(s); the answer is incomplete.", e)
                {
                    StatusCode = response.StatusCode,
                    Route = route,
                };
            }

            if (frame.IsDone)
            {
                yield break;
            }

            if (frame.Error is { } error)
            {
                throw service.CreateError(error, response);
            }

            if (frame.Malformed is { } problem)
            {
                throw new InvalidResponseException(service.ServiceName,
                    $"Frame {received} of the stream from {service.ServiceName} is not valid JSON: {service.Authentication.Redact(problem)}")
                {
                    StatusCode = response.StatusCode,
                    Route = route,
                };
            }

            received++;
            yield return frame.Value!;
        }
    }

    // Some servers label a stream text/plain, so such a body is read as one; only when it held no frame at all was it text.
    private static bool IsPlainText(HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase);

    private readonly record struct Frame<T>(T? Value, bool IsDone, ServiceErrorBody? Error, string? Malformed)
    {
        public static Frame<T> Parse(string eventType, ReadOnlySpan<byte> data, JsonTypeInfo<T> chunkType)
        {
            if (data.Trim((byte)' ').SequenceEqual(DoneMarker))
            {
                return new(default, true, null, null);
            }

            try
            {
                if (eventType == "error" || (data.IndexOf(ErrorKey) >= 0 && HasTopLevelError(data)))
                {
                    // An `event: error` frame may carry plain text rather than JSON; Parse reads either.
                    return new(default, false, ServiceErrorBody.Parse(Encoding.UTF8.GetString(data)), null);
                }

                var value = JsonSerializer.Deserialize(data, chunkType);
                return value is null ? new(default, false, null, "null chunk") : new(value, false, null, null);
            }
            catch (JsonException e)
            {
                return new(default, false, null, e.Message);
            }
        }

        private static bool HasTopLevelError(ReadOnlySpan<byte> data)
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    return reader.TokenType is not JsonTokenType.Null;
                }

                reader.Read();
                reader.Skip();
            }

            return false;
        }
    }
}
