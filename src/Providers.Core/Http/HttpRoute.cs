namespace Providers.Core;

/// <summary>Describes which call failed, for errors: the method and the path, never the query or credentials.</summary>
public static class HttpRoute
{
    /// <summary>Describes a request as <c>POST /v1/chat/completions</c>.</summary>
    /// <param name="request">The request, or <see langword="null"/>.</param>
    /// <returns>The method and path, or <see langword="null"/> when there is no request or no URI.</returns>
    public static string? Of(HttpRequestMessage? request) =>
        request?.RequestUri is { IsAbsoluteUri: true } uri ? $"{request.Method.Method} {uri.AbsolutePath}" : null;

    /// <summary>Describes the request that <paramref name="response"/> answers.</summary>
    /// <param name="response">The response, or <see langword="null"/>.</param>
    /// <returns>The method and path, or <see langword="null"/> when unknown.</returns>
    public static string? Of(HttpResponseMessage? response) => Of(response?.RequestMessage);
}
