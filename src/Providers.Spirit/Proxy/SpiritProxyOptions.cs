namespace Providers.Spirit;

/// <summary>
/// Settings of a Spirit-GPU endpoint in proxy mode, which forwards <c>/v1/*</c> (OpenAI API) and <c>/api/*</c>
/// (Ollama API) to the LLM server running in the worker; requests authenticate with
/// <c>Authorization: {ServerlessId}-{ApiKey}</c>.
/// </summary>
/// <remarks>Bound from configuration (section <c>Providers:SpiritProxy</c> by default); key names are the property names.</remarks>
public sealed class SpiritProxyOptions : SpiritOptions
{
    /// <summary>The model of Spirit-GPU's proxy-mode example (an Ollama worker): <c>llama3.2</c>.</summary>
    public const string DefaultModelId = "llama3.2";

    /// <summary>Gets or sets the model the worker serves, used when a request names none. Default <see cref="DefaultModelId"/>.</summary>
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
            yield return "SpiritProxyOptions.ModelId must not be empty.";
        }
    }
}
