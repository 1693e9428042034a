using System.Text.Json.Serialization;

namespace Providers.Spirit;

// The shapes of wire-formats.md §5 (handler mode). Request bodies carrying `input` are written by SpiritRequestBody,
// because `input` is the caller's own type.

internal sealed class SpiritSubmitResponse
{
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Id { get; set; }

    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Sequence { get; set; }
}

internal sealed class SpiritQueueResponse
{
    public int? QueueingCount { get; set; }
}

internal sealed class SpiritStatusResponse
{
    public int? StatusCode { get; set; }

    [JsonPropertyName("serverlessID")]
    public string? ServerlessId { get; set; }

    [JsonPropertyName("requestID")]
    public string? RequestId { get; set; }

    public string? Status { get; set; }

    public string? Message { get; set; }

    [JsonConverter(typeof(SpiritResultBytesJsonConverter))]
    public byte[]? Result { get; set; }
}

internal sealed class SpiritBatchStatusRequest
{
    [JsonPropertyName("requestIDs")]
    public required IReadOnlyList<string> RequestIds { get; init; }
}

internal sealed class SpiritBatchStatusResponse
{
    public List<SpiritStatusResponse?>? Statuses { get; set; }
}

internal sealed class SpiritCancelResponse
{
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Id { get; set; }

    public List<string>? Cleaned { get; set; }
}
