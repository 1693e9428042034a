namespace Providers.Emulator.Hosting;

/// <summary>
/// The largest request body each kind of route takes. The Python servers behind FastAPI, vLLM and LiteLLM set no
/// byte limit of their own (what stops a huge body there is the model's token limit, after the whole body was read
/// and tokenised, or the proxy in front of them); the emulator caps every route instead, at a size no real request
/// of that kind reaches, so that a runaway body is refused at once rather than keeping a core busy.
/// </summary>
internal static class RequestSizeLimits
{
    /// <summary>JSON of text: chat, embeddings, tokenize, rerank, queries, patches.</summary>
    public const long Text = 8L * 1024 * 1024;

    /// <summary>Routes that carry images: base64 image batches, multipart page images, vision chat.</summary>
    public const long Images = 64L * 1024 * 1024;

    /// <summary>Spirit-GPU's gateway refuses bodies over 20 MB (its API.md) with 400 <c>body too large</c>.</summary>
    public const long Spirit = 20L * 1024 * 1024;

    /// <summary>
    /// What Kestrel itself reads: beyond a route's limit the emulator reads and drops the rest of a body, so that
    /// the client gets the refusal; past this it gives up and Kestrel closes the connection.
    /// </summary>
    public const long Drained = 1024L * 1024 * 1024;
}
