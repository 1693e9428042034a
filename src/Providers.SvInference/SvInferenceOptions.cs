using Providers.Core;

namespace Providers.SvInference;

/// <summary>Settings of the SV inference server (vLLM serving a vision-language model, by default Qwen2.5-VL-72B).</summary>
/// <remarks>Bound from configuration (section <c>Providers:SvInference</c> by default); key names are the property names.</remarks>
public sealed class SvInferenceOptions : ServiceClientOptions
{
    /// <summary>The model the service documents: <c>Qwen/Qwen2.5-VL-72B-Instruct</c>.</summary>
    public const string DefaultModelId = "Qwen/Qwen2.5-VL-72B-Instruct";

    /// <summary>Gets or sets the bearer key, for a server started with <c>--api-key</c>; none by default.</summary>
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
            yield return "SvInferenceOptions.ModelId must not be empty.";
        }
    }
}
