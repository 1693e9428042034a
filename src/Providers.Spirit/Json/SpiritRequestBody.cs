using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// Writes <c>{"input":..,"webhook":"..","policy":{"ttl":ms}}</c> in one pass, serializing the caller's input straight
/// into the body rather than through an intermediate JSON tree.
/// </summary>
internal static class SpiritRequestBody
{
    /// <summary>The largest body the service accepts before answering 400 "request body too large" (API.md: 20 MB).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public static HttpContent Create<TInput>(TInput input, JsonTypeInfo<TInput> inputType, Uri? webhook, TimeSpan? timeToLive)
    {
        var content = JsonRequestContent.Create(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("input");
            JsonSerializer.Serialize(writer, input, inputType);
            if (webhook is not null)
            {
                writer.WriteString("webhook", webhook.AbsoluteUri);
            }

            if (timeToLive is { } ttl)
            {
                writer.WriteStartObject("policy");
                writer.WriteNumber("ttl", (long)ttl.TotalMilliseconds);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });

        if (content.Headers.ContentLength is { } length && length > MaxBytes)
        {
            content.Dispose();
            throw new ArgumentException(
                $"The Spirit-GPU request body would be {length} bytes; the service accepts at most {MaxBytes} bytes (20 MB).",
                nameof(input));
        }

        return content;
    }
}
