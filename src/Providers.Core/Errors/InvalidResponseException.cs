namespace Providers.Core;

/// <summary>
/// A service answered, but not with something the client can trust: malformed JSON, an HTML page, the wrong number
/// of vectors, inconsistent dimensions, a NaN. Never retried: the same request would most likely get the same answer.
/// </summary>
public class InvalidResponseException : ProviderException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service that answered.</param>
    /// <param name="message">What is wrong with the answer.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public InvalidResponseException(string serviceName, string message, Exception? innerException = null)
        : base(serviceName, message, innerException)
    {
    }
}
