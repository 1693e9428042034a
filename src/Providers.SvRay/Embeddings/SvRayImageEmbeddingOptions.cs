using Providers.Core;

namespace Providers.SvRay;

/// <summary>Settings of <see cref="SvRayImageEmbeddingGenerator"/> (<c>POST /embed-image/v1/embeddings</c>).</summary>
public sealed class SvRayImageEmbeddingOptions : SvRayEmbeddingOptionsBase
{
    /// <summary>The image-and-text model the cluster serves: <c>google/siglip2-base-patch16-224</c> (768 dimensions).</summary>
    public const string DefaultModelId = "google/siglip2-base-patch16-224";

    /// <summary>Initializes a new instance with <see cref="DefaultModelId"/> and the reference client's 120-second timeout.</summary>
    public SvRayImageEmbeddingOptions()
        : base(DefaultModelId, TimeSpan.FromSeconds(120))
    {
    }

    /// <summary>
    /// Gets or sets the <c>input_type</c> sent with every request. Default <c>auto</c>, the only value the reference
    /// client uses: the server then takes any input that decodes as a base64 image for an image.
    /// </summary>
    public string InputType { get; set; } = "auto";

    /// <summary>Gets the limits on downloading http(s) image inputs.</summary>
    public ImageDownloadOptions ImageDownload { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors().Concat(ImageDownload.GetValidationErrors(nameof(SvRayImageEmbeddingOptions))))
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(InputType))
        {
            yield return $"{nameof(SvRayImageEmbeddingOptions)}.InputType must not be empty.";
        }
    }
}
