using Providers.Core;

namespace Providers.SvRay;

/// <summary>Settings of <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> (<c>POST /embed-image/v1/multivector-embeddings</c>).</summary>
public sealed class SvRayImageMultiVectorEmbeddingOptions : SvRayEmbeddingOptionsBase
{
    /// <summary>The ColPali-style page model: <c>vidore/colpali-v1.3</c> (128 dimensions per patch).</summary>
    public const string DefaultModelId = "vidore/colpali-v1.3";

    /// <summary>Initializes a new instance with <see cref="DefaultModelId"/> and the reference client's 120-second image timeout.</summary>
    public SvRayImageMultiVectorEmbeddingOptions()
        : base(DefaultModelId, TimeSpan.FromSeconds(120))
    {
    }

    /// <summary>Gets the limits on downloading http(s) image inputs.</summary>
    public ImageDownloadOptions ImageDownload { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors() =>
        base.GetValidationErrors().Concat(ImageDownload.GetValidationErrors(nameof(SvRayImageMultiVectorEmbeddingOptions)));
}
