namespace Providers.VectorData.Tests;

/// <summary>Collections of the in-memory store for the tests that need that store's own API (files, shared views).</summary>
internal static partial class Pages
{
    public static LateInteractionCollection<string, Page> Collection(LateInteractionVectorStore? store = null, string name = "pages")
        => (store ?? new LateInteractionVectorStore()).GetCollection<string, Page>(name);

    public static async Task<LateInteractionCollection<string, Page>> CreatedCollectionAsync(params Page[] pages)
    {
        var collection = Collection();
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(pages);
        return collection;
    }
}
