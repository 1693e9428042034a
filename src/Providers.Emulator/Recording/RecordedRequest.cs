namespace Providers.Emulator;

/// <summary>One request the emulator received, as a test may assert on it. Secrets are already redacted.</summary>
/// <param name="Service">The service the request was addressed to.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path as the service sees it, without the emulator's service prefix (e.g. <c>/v1/embeddings</c>).</param>
/// <param name="Query">The query string including its leading <c>?</c>, or empty.</param>
/// <param name="Headers">The request headers; <c>Authorization</c> and API keys read <c>***</c>.</param>
/// <param name="BodySize">The body's full size in bytes.</param>
/// <param name="Body">The body as UTF-8 text, cut at <see cref="EmulatorOptions.RecordedBodyLimit"/>.</param>
public sealed record RecordedRequest(
    EmulatedService Service,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    long BodySize,
    string Body)
{
    /// <summary>The status code the emulator answered with (0 when the connection was reset first).</summary>
    public int StatusCode { get; internal set; }
}
