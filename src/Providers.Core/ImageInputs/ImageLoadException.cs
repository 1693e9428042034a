namespace Providers.Core;

/// <summary>
/// An image input given by address could not be fetched: the host failed or timed out, the file was missing or too
/// large, or what came back was not an image. Nothing was sent to the service. <see cref="ProviderException.StatusCode"/>
/// is the image host's status (not the service's), and <see cref="ProviderException.FailedInputs"/> and
/// <see cref="InputIndex"/> name the input.
/// </summary>
public sealed class ImageLoadException : ProviderException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service the image was meant for.</param>
    /// <param name="imageUri">The image's address.</param>
    /// <param name="inputIndex">The input's position in the call.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ImageLoadException(string serviceName, Uri imageUri, int inputIndex, string message, Exception? innerException = null)
        : base(serviceName, message, innerException)
    {
        ArgumentNullException.ThrowIfNull(imageUri);
        ImageUri = imageUri;
        InputIndex = inputIndex;
        FailedInputs = new InputRange(inputIndex, 1);
    }

    /// <summary>Gets the image's address. Messages show it without its query, which may hold a signature, and without user info.</summary>
    public Uri ImageUri { get; }

    /// <summary>Gets the position of the input in the call's list.</summary>
    public int InputIndex { get; }
}
