namespace Providers.VectorData.Tests;

/// <summary>The shared embedding-generation suite on the in-memory store.</summary>
public sealed class EmbeddingGenerationTests() : EmbeddingGenerationBehaviourTests(new InMemoryStores());
