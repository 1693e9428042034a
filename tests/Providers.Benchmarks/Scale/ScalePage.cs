using Providers.Core;

namespace Providers.Benchmarks.Scale;

/// <summary>A page record: a key and its token vectors (mapped by the command's record definition).</summary>
public sealed class ScalePage
{
    public int Id { get; set; }

    public MultiVectorEmbedding? Patches { get; set; }
}
