using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Providers.Core;

/// <summary>
/// Logs each HTTP request a provider sends by method, scheme, authority and path, and its status and duration; never a
/// header, the query or user info. Stands in for <c>IHttpClientFactory</c>'s default loggers, which put every header
/// value (<c>Authorization</c> included) unredacted in their structured state and scopes at Trace level: the formatted
/// message shows <c>*</c>, but OpenTelemetry exports the state as log-record attributes.
/// </summary>
internal sealed partial class CredentialFreeHttpClientLogger(ILogger logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        LogStart(logger, request.Method.Method, Describe(request));
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogStop(logger, request.Method.Method, Describe(request), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method.Method, Describe(request), elapsed.TotalMilliseconds, exception.GetType().Name);

    // Uri.Authority leaves out user info (GetLeftPart would keep a password); AbsolutePath leaves out the query.
    private static string Describe(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" : "(no URI)";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending HTTP request {Method} {Url}")]
    private static partial void LogStart(ILogger logger, string method, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Received HTTP response to {Method} {Url}: {StatusCode} after {ElapsedMs} ms")]
    private static partial void LogStop(ILogger logger, string method, string url, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP request {Method} {Url} failed after {ElapsedMs} ms: {ErrorType}")]
    private static partial void LogFailed(ILogger logger, string method, string url, double elapsedMs, string errorType);
}
