using Providers.Core;

namespace Providers.SvRay;

/// <summary>
/// An http(s) image input could not be downloaded: the host failed or timed out, the file was too large, or it was
/// not an image. <see cref="ProviderException.StatusCode"/> is the image host's status, not the cluster's, and
/// <see cref="ProviderException.FailedInputs"/> names the input (within the request that carried it).
/// </summary>
public sealed class ImageDownloadException : ProviderException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service the image was meant for.</param>
    /// <param name="imageUri">The image's address.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ImageDownloadException(string serviceName, Uri imageUri, string message, Exception? innerException = null)
        : base(serviceName, message, innerException)
    {
        ArgumentNullException.ThrowIfNull(imageUri);
        ImageUri = imageUri;
    }

    /// <summary>Gets the image's address. Messages show it without its query, which may hold a signature.</summary>
    public Uri ImageUri { get; }
}
