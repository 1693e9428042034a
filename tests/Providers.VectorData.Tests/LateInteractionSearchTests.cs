using Microsoft.Extensions.VectorData;

namespace Providers.VectorData.Tests;

public sealed class LateInteractionSearchTests : SearchBehaviourTests
{
    protected override string SystemName => LateInteractionVectorStore.SystemName;

    protected override Task<VectorStore> NewStoreAsync(StoreSettings? settings = null) => InMemorySuite.NewStoreAsync(settings);
}
