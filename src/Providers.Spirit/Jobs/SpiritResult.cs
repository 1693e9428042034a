using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// What a Spirit-GPU handler returned: the JSON it serialized (a generator handler's items as a JSON array) or the raw
/// bytes it returned. Results from a job's status arrive base64-encoded and are already decoded here.
/// </summary>
public sealed class SpiritResult
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="data">The handler's output.</param>
    /// <param name="mediaType">The media type the output came with, if the service named one.</param>
    public SpiritResult(ReadOnlyMemory<byte> data, string? mediaType = null)
    {
        Data = data;
        MediaType = mediaType;
    }

    /// <summary>Gets the handler's output, byte for byte.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the media type the output came with (for example <c>application/json</c>), or <see langword="null"/>.</summary>
    public string? MediaType { get; }

    /// <summary>Reads the output as JSON.</summary>
    /// <returns>The root element, independent of this instance.</returns>
    /// <exception cref="InvalidResponseException">The output is not JSON.</exception>
    public JsonElement GetJson() => Deserialize(SpiritJsonContext.Default.JsonElement);

    /// <summary>Reads the output as JSON of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type the handler's output has.</typeparam>
    /// <param name="typeInfo">Source-generated type information for <typeparamref name="T"/>.</param>
    /// <returns>The output.</returns>
    /// <exception cref="InvalidResponseException">The output is not JSON of that shape, or is JSON <c>null</c>.</exception>
    public T Deserialize<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            return JsonSerializer.Deserialize(Data.Span, typeInfo)
                ?? throw new InvalidResponseException(SpiritJobClient.ServiceName, "The Spirit-GPU handler returned JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidResponseException(
                SpiritJobClient.ServiceName, $"The Spirit-GPU handler's output ({Data.Length} bytes) is not the JSON expected: {e.Message}", e);
        }
    }

    /// <summary>Reads the output as UTF-8 text.</summary>
    /// <returns>The text.</returns>
    public string GetText() => Encoding.UTF8.GetString(Data.Span);

    /// <inheritdoc />
    public override string ToString() => $"{Data.Length} bytes of {MediaType ?? "handler output"}";
}
