namespace Providers.SvRay;

/// <summary>Settings of <see cref="SvRayMultiVectorEmbeddingGenerator"/> (<c>POST /embed-text/v1/multivector-embeddings</c>).</summary>
public sealed class SvRayMultiVectorEmbeddingOptions : SvRayEmbeddingOptionsBase
{
    /// <summary>The ColBERT model newer clusters serve: <c>lightonai/GTE-ModernColBERT-v1</c> (128 dimensions per token).</summary>
    public const string DefaultModelId = "lightonai/GTE-ModernColBERT-v1";

    /// <summary>Initializes a new instance with <see cref="DefaultModelId"/> and a 60-second timeout.</summary>
    public SvRayMultiVectorEmbeddingOptions()
        : base(DefaultModelId, TimeSpan.FromSeconds(60))
    {
    }

    /// <summary>
    /// Gets or sets whether inputs are embedded as queries (<c>is_query: true</c>: ColBERT's query marker and
    /// expansion) rather than documents. Default <see langword="false"/>; a call overrides it with
    /// <c>AdditionalProperties["is_query"]</c>.
    /// </summary>
    public bool IsQuery { get; set; }
}
