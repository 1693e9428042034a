using System.Net;
using System.Text;

namespace Providers.Core;

/// <summary>
/// A model service failed or answered something a client cannot use. The base of every error this project raises
/// for a service: it names the service and, where known, the HTTP status, the service's own error code and type,
/// the delay the service asked for, and the request id to quote to the service's operators.
/// </summary>
/// <remarks>Messages never contain API keys or tokens: providers redact them before raising.</remarks>
public class ProviderException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service that failed, e.g. "SciBox".</param>
    /// <param name="message">What went wrong, in the service's words where it gave any.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ProviderException(string serviceName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ServiceName = serviceName;
    }

    /// <summary>Gets the name of the service that failed.</summary>
    public string ServiceName { get; }

    /// <summary>Gets the HTTP status the service answered with, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets the service's own error code (LiteLLM's string <c>code</c>, vLLM's number, OVMS's <c>error_code</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the service's error type, such as <c>auth_error</c> or <c>BadRequestError</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets how long the service asked the client to wait before trying again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the request id the service assigned (<c>x-request-id</c>, <c>x-litellm-call-id</c>, ...).</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the call that failed as method and path (<c>POST /v1/chat/completions</c>); never the query or credentials.</summary>
    public string? Route { get; init; }

    /// <summary>Gets a value indicating whether trying the same request again may succeed.</summary>
    public bool IsRetryable { get; init; }

    /// <summary>Gets which inputs of a batch the failed request carried, when the request was part of a batch.</summary>
    public InputRange? FailedInputs { get; init; }

    /// <summary>Gets a value indicating whether the status is one that retrying can cure (408, 429, 500, 502, 503, 504).</summary>
    /// <param name="status">The HTTP status.</param>
    public static bool IsTransientStatus(HttpStatusCode status) => status is
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(GetType().FullName).Append(": ").Append(Message);
        text.Append(" (service ").Append(ServiceName);
        if (StatusCode is { } status)
        {
            text.Append(", HTTP ").Append((int)status);
        }

        if (Route is not null)
        {
            text.Append(", ").Append(Route);
        }

        if (ErrorCode is not null)
        {
            text.Append(", code ").Append(ErrorCode);
        }

        if (RequestId is not null)
        {
            text.Append(", request ").Append(RequestId);
        }

        if (FailedInputs is { } range)
        {
            text.Append(", inputs ").Append(range);
        }

        text.Append(')');
        if (InnerException is not null)
        {
            text.Append(Environment.NewLine).Append(" ---> ").Append(InnerException);
        }

        if (StackTrace is not null)
        {
            text.Append(Environment.NewLine).Append(StackTrace);
        }

        return text.ToString();
    }
}
