using System.Text.Json.Serialization;

namespace Providers.ColQwen;

/// <summary>What <c>GET /info</c> reports about the running model.</summary>
public sealed record ColQwenServiceInfo
{
    /// <summary>Gets the service version, e.g. <c>0.0.2</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>Gets the device the model runs on, e.g. <c>cuda:0</c> or <c>cpu</c>.</summary>
    [JsonPropertyName("device")]
    public string? Device { get; init; }

    /// <summary>Gets the model's dtype, e.g. <c>torch.bfloat16</c>.</summary>
    [JsonPropertyName("dtype")]
    public string? DType { get; init; }

    /// <summary>Gets a value indicating whether Flash Attention 2 is in use.</summary>
    [JsonPropertyName("flash_attn")]
    public bool? FlashAttention { get; init; }

    /// <summary>Gets how many patches merge into one image token along each side (2).</summary>
    [JsonPropertyName("spatial_merge_size")]
    public int? SpatialMergeSize { get; init; }

    /// <summary>Gets the length of each token vector (128).</summary>
    [JsonPropertyName("dim")]
    public int? Dimensions { get; init; }

    /// <summary>Gets the id of the <c>&lt;|image_pad|&gt;</c> token (151655).</summary>
    [JsonPropertyName("image_token_id")]
    public int? ImageTokenId { get; init; }
}

/// <summary>What <c>GET /health</c> reports.</summary>
public sealed record ColQwenHealth
{
    /// <summary>Gets the status word, <c>healthy</c> when the model is loaded.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Gets the device the model runs on.</summary>
    [JsonPropertyName("device")]
    public string? Device { get; init; }

    /// <summary>Gets a value indicating whether the service says it is healthy.</summary>
    [JsonIgnore]
    public bool IsHealthy => string.Equals(Status, "healthy", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What <c>GET /</c> reports: the API's name and version.</summary>
public sealed record ColQwenServiceDescription
{
    /// <summary>Gets the API's name, e.g. <c>ColQwen2.5 Embedding API</c>.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Gets the service version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }
}
