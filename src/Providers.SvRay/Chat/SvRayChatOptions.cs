using Providers.Core;

namespace Providers.SvRay;

/// <summary>Settings of the SV Ray cluster's chat endpoint (vLLM serving <c>openai/gpt-oss-20b</c>).</summary>
/// <remarks>
/// Bound from configuration (section <c>Providers:SvRayChat</c> by default); key names are the property names.
/// The chat base URL is configured apart from the embedding one, as newer deployments separate them.
/// </remarks>
public sealed class SvRayChatOptions : ServiceClientOptions
{
    /// <summary>The chat model the cluster serves: <c>openai/gpt-oss-20b</c>.</summary>
    public const string DefaultModelId = "openai/gpt-oss-20b";

    /// <summary>Gets or sets the bearer key; the cluster checks none, so it is optional (the reference client sends a placeholder).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model used when a request names none. Default <see cref="DefaultModelId"/>.</summary>
    public string ModelId { get; set; } = DefaultModelId;

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(ModelId))
        {
            yield return "SvRayChatOptions.ModelId must not be empty.";
        }
    }
}
