using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Providers.Core;

/// <summary>Request bodies as UTF-8 JSON (<c>Content-Type: application/json; charset=utf-8</c>).</summary>
/// <remarks>
/// Bodies are written with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: the default encoder escapes
/// '+' (common in base64 images) as <c>\u002B</c> and every non-ASCII character as <c>\uXXXX</c>, so that JSON can be
/// embedded in HTML. A request body never is, and the escapes only make it larger (base64 images by about a tenth).
/// </remarks>
public static class JsonRequestContent
{
    /// <summary>Gets the writer settings for request bodies: compact, with relaxed escaping.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes <paramref name="body"/> into a request body.</summary>
    /// <typeparam name="TBody">The body type.</typeparam>
    /// <param name="body">The body.</param>
    /// <param name="bodyType">Source-generated type information for the body.</param>
    /// <returns>The content, with its length known.</returns>
    public static ByteArrayContent Create<TBody>(TBody body, JsonTypeInfo<TBody> bodyType)
    {
        ArgumentNullException.ThrowIfNull(bodyType);
        return Create(writer => JsonSerializer.Serialize(writer, body, bodyType));
    }

    /// <summary>Builds a request body with a writer, for bodies that wrap a caller's value in an envelope of their own.</summary>
    /// <param name="write">Writes exactly one JSON value.</param>
    /// <returns>The content, with its length known.</returns>
    public static ByteArrayContent Create(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new PooledByteBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
