using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests;

public sealed class DynamicCollectionTests
{
    [Fact]
    public async Task Dictionary_records_are_stored_filtered_and_searched_by_MaxSim()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreDataProperty("Lang", typeof(string)),
                new VectorStoreVectorProperty("Patches", typeof(MultiVectorEmbedding), Pages.Dimensions),
            ],
        };
        var collection = new LateInteractionVectorStore().GetDynamicCollection("dynamic", definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            Record("en-1", "en", "invoice"),
            Record("fr-1", "fr", "invoice"),
            Record("en-2", "en", "zzz"),
        ]);

        var hits = await collection
            .SearchAsync(CharacterEmbeddingGenerator.Embed("invoice"), top: 2, new() { Filter = r => (string)r["Lang"]! == "en" })
            .ToListAsync();

        Assert.Equal(["en-1", "en-2"], hits.Select(hit => hit.Record["Id"]));
        Assert.Equal("en", (await collection.GetAsync("en-1"))!["Lang"]);
    }

    private static Dictionary<string, object?> Record(string id, string lang, string text)
        => new() { ["Id"] = id, ["Lang"] = lang, ["Patches"] = CharacterEmbeddingGenerator.Embed(text) };
}
