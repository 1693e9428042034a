using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests.Model;

public sealed class LateInteractionModelBuilderTests
{
    [Fact]
    public void A_multi_vector_property_scored_by_Euclidean_distance_is_refused()
    {
        var error = Assert.Throws<NotSupportedException>(() => Open(DistanceFunction.EuclideanDistance, indexKind: null));

        Assert.Contains("scored by MaxSim over dot products", error.Message);
    }

    [Fact]
    public void An_unknown_multi_vector_index_kind_is_refused_with_the_supported_ones()
    {
        var error = Assert.Throws<NotSupportedException>(() => Open(distanceFunction: null, IndexKind.Hnsw));

        Assert.Contains(MultiVectorIndexKind.BinaryFlat, error.Message);
    }

    [Fact]
    public void A_vector_property_of_an_unsupported_type_without_a_generator_is_refused()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreKeyProperty("Id", typeof(string)), new VectorStoreVectorProperty("Text", typeof(string), 16)],
        };

        Assert.Throws<InvalidOperationException>(() => new LateInteractionVectorStore().GetDynamicCollection("x", definition));
    }

    [Fact]
    public async Task A_generator_of_multi_vectors_is_not_called_to_search_a_single_vector_property()
    {
        var generator = new CharacterEmbeddingGenerator();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreKeyProperty("Id", typeof(string)), new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>?), 4)],
        };
        var collection = new LateInteractionVectorStore(new() { EmbeddingGenerator = generator }).GetCollection<string, Note>("notes", definition);
        await collection.EnsureCollectionExistsAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => collection.SearchAsync("text", top: 1).ToListAsync().AsTask());

        Assert.Empty(generator.BatchSizes);
    }

    private static LateInteractionCollection<string, Page> Open(string? distanceFunction, string? indexKind)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreVectorProperty("Patches", typeof(MultiVectorEmbedding), 16) { DistanceFunction = distanceFunction, IndexKind = indexKind },
            ],
        };
        return new LateInteractionVectorStore().GetCollection<string, Page>("pages", definition);
    }
}
