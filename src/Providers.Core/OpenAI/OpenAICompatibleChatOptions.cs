namespace Providers.Core.OpenAI;

/// <summary>
/// Settings of an OpenAI-style chat server such as vLLM: where it is, its optional bearer key, and the model used
/// when a request names none.
/// </summary>
public abstract class OpenAICompatibleChatOptions : ModelServiceOptions
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="defaultModelId">The model the server serves, the default of <see cref="ModelServiceOptions.ModelId"/>.</param>
    protected OpenAICompatibleChatOptions(string defaultModelId)
        : base(defaultModelId)
    {
    }

    /// <summary>Gets or sets the bearer key, for a server started with <c>--api-key</c>; none by default.</summary>
    public string? ApiKey { get; set; }
}
