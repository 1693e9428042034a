namespace Providers.VectorData.Tests;

public sealed class LateInteractionCollectionTests() : CollectionBehaviourTests(new InMemoryStores())
{
    [Fact]
    public async Task A_collection_object_of_another_shape_is_refused_when_used_with_both_shapes_named()
    {
        var store = new LateInteractionVectorStore();
        await Pages.Collection(store, "shared").EnsureCollectionExistsAsync();
        var other = store.GetCollection<Guid, GuidRecord>("shared");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.GetAsync(Guid.NewGuid()));

        Assert.Contains("was created with properties [key Id: System.String;", error.Message);
        Assert.Contains("this collection object declares [key Id: System.Guid; data Name: System.String]", error.Message);
    }
}
