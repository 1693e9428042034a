using System.Net.Http.Headers;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// Spirit-GPU's proxy-mode credentials, <c>Authorization: {serverlessId}-{apiKey}</c> with no scheme word
/// (wire-formats.md §5). The value is sent as the service takes it: <see cref="AuthenticationHeaderValue"/> would
/// read it as a scheme, refuse a key holding <c>/</c>, <c>+</c> or <c>=</c> (base64 keys do), and quote the whole
/// value, key included, in its <see cref="FormatException"/>.
/// </summary>
internal sealed class SpiritProxyAuthentication : ServiceAuthentication
{
    private readonly string _headerValue;
    private readonly string _apiKey;
    private readonly string _display;

    public SpiritProxyAuthentication(string serverlessId, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverlessId);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (SpiritOptions.HasControlCharacters(serverlessId) || SpiritOptions.HasControlCharacters(apiKey))
        {
            // The message names the problem, never the value: it would be the key.
            throw new ArgumentException("The Spirit-GPU serverless id and API key must not hold line breaks or other control characters.", nameof(apiKey));
        }

        _headerValue = $"{serverlessId}-{apiKey}";
        _apiKey = apiKey;
        _display = $"{serverlessId}-***";
    }

    public override void Apply(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Remove("Authorization");
        headers.TryAddWithoutValidation("Authorization", _headerValue);
    }

    public override string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(_apiKey, "***", StringComparison.Ordinal);
    }

    public override string ToString() => _display;
}
