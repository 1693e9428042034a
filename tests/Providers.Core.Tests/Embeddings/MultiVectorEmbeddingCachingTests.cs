using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Providers.Core.Tests.Embeddings;

public sealed class MultiVectorEmbeddingCachingTests
{
    [Fact]
    public async Task Survives_Microsoft_Extensions_AI_distributed_caching()
    {
        using var inner = new PageEmbedder();
        using var generator = inner.AsBuilder()
            .UseDistributedCache(
                new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())),
                cache => cache.JsonSerializerOptions = ProvidersJsonUtilities.DefaultOptions)
            .Build();

        var first = await generator.GenerateAsync(["page 1"]);
        var second = await generator.GenerateAsync(["page 1"]);

        Assert.Equal(1, inner.Calls);
        var (fresh, cached) = (Assert.Single(first), Assert.Single(second));
        Assert.NotSame(fresh, cached);
        Assert.Equal(fresh.Vectors.ToArray(), cached.Vectors.ToArray());
        Assert.Equal((fresh.Dimensions, fresh.ModelId, fresh.ImagePatches), (cached.Dimensions, cached.ModelId, cached.ImagePatches));
    }

    /// <summary>An in-process generator that counts its calls; the cache must spare the second.</summary>
    private sealed class PageEmbedder : IEmbeddingGenerator<string, MultiVectorEmbedding>
    {
        public int Calls { get; private set; }

        public Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            var embeddings = values.Select(_ => new MultiVectorEmbedding(new float[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f }, dimensions: 2)
            {
                ModelId = "vidore/colqwen2.5-v0.2",
                ImagePatches = new ImagePatchLayout(Start: 1, Length: 2, GridWidth: 2, GridHeight: 1),
            });
            return Task.FromResult(new GeneratedEmbeddings<MultiVectorEmbedding>(embeddings));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}
