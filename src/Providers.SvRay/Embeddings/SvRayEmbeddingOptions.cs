namespace Providers.SvRay;

/// <summary>Settings of <see cref="SvRayEmbeddingGenerator"/> (<c>POST /embed-text/v1/embeddings</c>).</summary>
public sealed class SvRayEmbeddingOptions : SvRayEmbeddingOptionsBase
{
    /// <summary>The text model the cluster serves: <c>sentence-transformers/all-MiniLM-L6-v2</c> (384 dimensions).</summary>
    public const string DefaultModelId = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>Initializes a new instance with <see cref="DefaultModelId"/> and the reference client's 60-second timeout.</summary>
    public SvRayEmbeddingOptions()
        : base(DefaultModelId, TimeSpan.FromSeconds(60))
    {
    }
}
