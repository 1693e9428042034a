using System.Net.Http.Headers;

namespace Providers.Core;

/// <summary>
/// How a client proves who it is to a service. Its <see cref="object.ToString"/> never shows the secret. A provider
/// whose service has its own scheme derives from it in the provider's project.
/// </summary>
public abstract class ServiceAuthentication
{
    /// <summary>Initializes a new instance.</summary>
    protected ServiceAuthentication()
    {
    }

    /// <summary>Gets the scheme that sends no credentials (the SV Ray embedding endpoints, ColQwen, local OVMS).</summary>
    public static ServiceAuthentication None { get; } = new NoAuthentication();

    /// <summary>Creates <c>Authorization: Bearer {token}</c> authentication, or <see cref="None"/> for an empty token.</summary>
    /// <param name="token">The API key or token.</param>
    public static ServiceAuthentication Bearer(string? token) =>
        string.IsNullOrEmpty(token) ? None : new HeaderAuthentication(new AuthenticationHeaderValue("Bearer", token), token, "Bearer ***");

    /// <summary>Adds the credentials to a request.</summary>
    /// <param name="headers">The request headers.</param>
    public abstract void Apply(HttpRequestHeaders headers);

    /// <summary>Replaces every occurrence of the secret in a text (such as a server's error message) with <c>***</c>.</summary>
    /// <param name="text">The text.</param>
    public abstract string Redact(string text);

    private sealed class NoAuthentication : ServiceAuthentication
    {
        public override void Apply(HttpRequestHeaders headers)
        {
        }

        public override string Redact(string text) => text;

        public override string ToString() => "none";
    }

    private sealed class HeaderAuthentication(AuthenticationHeaderValue header, string secret, string display) : ServiceAuthentication
    {
        public override void Apply(HttpRequestHeaders headers) => headers.Authorization = header;

        public override string Redact(string text) => text.Replace(secret, "***", StringComparison.Ordinal);

        public override string ToString() => display;
    }
}
