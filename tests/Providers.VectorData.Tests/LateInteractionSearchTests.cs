namespace Providers.VectorData.Tests;

/// <summary>The shared search suite on the in-memory store.</summary>
public sealed class LateInteractionSearchTests() : SearchBehaviourTests(new InMemoryStores());
