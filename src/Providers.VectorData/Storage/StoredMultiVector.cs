using Providers.Core;
using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Storage;

/// <summary>A packed multi-vector with the metadata of the embedding it came from.</summary>
internal sealed record StoredMultiVector(MaxSimDocument Document, string? ModelId, DateTimeOffset? CreatedAt, ImagePatchLayout? ImagePatches)
{
    public MultiVectorEmbedding ToEmbedding() => new(Document.ToArray(), Document.Dimensions)
    {
        ModelId = ModelId,
        CreatedAt = CreatedAt,
        ImagePatches = ImagePatches,
    };
}
