using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// Settings every Spirit-GPU serverless client shares, in handler mode and in proxy mode: where the service is,
/// which serverless endpoint to call, and the API key.
/// </summary>
/// <remarks>
/// <see cref="ServiceClientOptions.Timeout"/> defaults to 3.5 minutes here, because the service itself waits up to
/// 3 minutes for a sync result or a proxied worker's first byte before it answers 408.
/// </remarks>
public class SpiritOptions : ServiceClientOptions
{
    /// <summary>The public Spirit-GPU serverless endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api-serverless.datastone.cn/");

    /// <summary>Initializes a new instance with the public endpoint and a timeout above the service's own 3-minute wait.</summary>
    public SpiritOptions()
    {
        Endpoint = DefaultEndpoint;
        Timeout = TimeSpan.FromMinutes(3.5);
    }

    /// <summary>Gets or sets the API key. Required. Never appears in logs, errors or <see cref="object.ToString"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the id of the serverless endpoint, the <c>{id}</c> in <c>/v1/{id}/sync</c>. Required.</summary>
    public string? ServerlessId { get; set; }

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        string name = GetType().Name;
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return $"{name}.ApiKey is required: set it to the Spirit-GPU API key.";
        }
        else if (HasControlCharacters(ApiKey))
        {
            // Never the value: it is the key.
            yield return $"{name}.ApiKey holds a line break or another control character, which no HTTP header can carry; check how it was pasted.";
        }

        if (string.IsNullOrWhiteSpace(ServerlessId))
        {
            yield return $"{name}.ServerlessId is required: set it to the id of the serverless endpoint.";
        }
        else if (HasControlCharacters(ServerlessId))
        {
            yield return $"{name}.ServerlessId holds a line break or another control character, which no HTTP header can carry.";
        }
    }

    internal static bool HasControlCharacters(string value) => value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || value.Contains('\u007f', StringComparison.Ordinal);
}
