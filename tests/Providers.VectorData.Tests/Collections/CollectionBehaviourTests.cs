using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests;

public abstract class CollectionBehaviourTests(StoreFactory stores) : CollectionSuite(stores)
{
    [CollectionFact]
    public async Task A_collection_exists_once_ensured_and_is_listed_by_the_store()
    {
        var store = await NewStoreAsync();
        var collection = store.GetCollection<string, Page>("manuals");
        Assert.False(await collection.CollectionExistsAsync());

        await collection.EnsureCollectionExistsAsync();

        Assert.True(await collection.CollectionExistsAsync());
        Assert.True(await store.CollectionExistsAsync("manuals"));
        Assert.Equal(["manuals"], await store.ListCollectionNamesAsync().ToListAsync());
    }

    [CollectionFact]
    public async Task Deleting_a_collection_removes_its_records()
    {
        var store = await NewStoreAsync();
        var collection = store.GetCollection<string, Page>("pages");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Pages.Create("a", "abc"));

        await store.EnsureCollectionDeletedAsync("pages");
        await collection.EnsureCollectionExistsAsync();

        Assert.Null(await collection.GetAsync("a"));
    }

    [CollectionFact]
    public async Task Using_a_collection_that_does_not_exist_fails_with_its_name()
    {
        var collection = await CollectionAsync();

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(Pages.Create("a", "abc")));

        Assert.Equal("pages", error.CollectionName);
        Assert.Contains("does not exist", error.Message);
    }

    [CollectionFact]
    public async Task Collections_opened_on_the_same_name_share_records()
    {
        var store = await NewStoreAsync();
        var writer = store.GetCollection<string, Page>("pages");
        await writer.EnsureCollectionExistsAsync();
        await writer.UpsertAsync(Pages.Create("a", "abc"));

        var reader = store.GetCollection<string, Page>("pages");

        Assert.NotNull(await reader.GetAsync("a"));
    }

    [CollectionFact]
    public async Task A_collection_object_of_another_shape_is_refused()
    {
        var store = await NewStoreAsync();
        await store.GetCollection<string, Page>("shared").EnsureCollectionExistsAsync();
        var other = store.GetCollection<Guid, GuidRecord>("shared");

        await Assert.ThrowsAsync<InvalidOperationException>(() => other.EnsureCollectionExistsAsync());
    }

    [CollectionFact]
    public async Task Get_returns_a_copy_with_the_data_but_no_vectors_unless_asked()
    {
        var collection = await CreatedCollectionAsync(Pages.Create("a", "abc", category: "manual", year: 2021));

        var page = await collection.GetAsync("a");

        Assert.NotNull(page);
        Assert.Equal(("a", "manual", 2021), (page.Id, page.Category, page.Year));
        Assert.Null(page.Patches);
    }

    [CollectionFact]
    public async Task Get_with_vectors_returns_the_stored_token_vectors_and_their_patch_layout()
    {
        var page = Pages.Create("a", "abcdef");
        page.Patches = new MultiVectorEmbedding(page.Patches!.Vectors, Pages.Dimensions)
        {
            ModelId = "colqwen",
            ImagePatches = new ImagePatchLayout(0, 6, 3, 2),
        };
        var collection = await CreatedCollectionAsync(page);

        var stored = await collection.GetAsync("a", new RecordRetrievalOptions { IncludeVectors = true });

        Assert.Equal(page.Patches.Vectors.ToArray(), stored!.Patches!.Vectors.ToArray());
        Assert.Equal(page.Patches.ImagePatches, stored.Patches.ImagePatches);
        Assert.Equal("colqwen", stored.Patches.ModelId);
    }

    [CollectionFact]
    public async Task Get_with_vectors_returns_a_copy_of_a_single_vector()
    {
        float[] vector = [0.5f, 0.5f, 0.5f, 0.5f];
        var collection = await NotesAsync(new Note { Id = "n", Embedding = vector });
        vector[0] = 9f;

        var note = await collection.GetAsync("n", new RecordRetrievalOptions { IncludeVectors = true });

        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], note!.Embedding!.Value.ToArray());
    }

    [CollectionFact]
    public async Task A_missing_key_gets_null()
    {
        var collection = await CreatedCollectionAsync();

        Assert.Null(await collection.GetAsync("nothing"));
    }

    [CollectionFact]
    public async Task Upserting_an_existing_key_replaces_the_record()
    {
        var collection = await CreatedCollectionAsync(Pages.Create("a", "abc", category: "old"));

        await collection.UpsertAsync(Pages.Create("a", "xyz", category: "new"));

        Assert.Equal("new", (await collection.GetAsync("a"))!.Category);
    }

    [CollectionFact]
    public async Task Editing_a_record_after_upserting_it_changes_nothing_stored()
    {
        var page = Pages.Create("a", "abc", category: "original");
        var collection = await CreatedCollectionAsync(page);

        page.Category = "edited";
        (await collection.GetAsync("a"))!.Category = "edited too";

        Assert.Equal("original", (await collection.GetAsync("a"))!.Category);
    }

    [CollectionFact]
    public async Task Batches_are_upserted_fetched_and_deleted_by_key()
    {
        var collection = await CreatedCollectionAsync(
            Pages.Create("a", "abc"), Pages.Create("b", "bcd"), Pages.Create("c", "cde"), Pages.Create("d", "def"));

        await collection.DeleteAsync(["b", "d"]);

        var found = await collection.GetAsync(["a", "b", "c", "d"]).Select(page => page.Id).ToListAsync();
        Assert.Equal(["a", "c"], found);
    }

    [CollectionFact]
    public async Task Deleting_a_single_record_leaves_the_others()
    {
        var collection = await CreatedCollectionAsync(Pages.Create("a", "abc"), Pages.Create("b", "bcd"));

        await collection.DeleteAsync("a");

        Assert.Null(await collection.GetAsync("a"));
        Assert.NotNull(await collection.GetAsync("b"));
    }

    [CollectionFact]
    public async Task A_vector_of_the_wrong_dimension_is_rejected_with_the_record_key_and_property()
    {
        var collection = await NotesAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => collection.UpsertAsync(new Note { Id = "bad", Embedding = new float[] { 1f, 2f } }));

        Assert.Contains("Record 'bad'", error.Message);
        Assert.Contains("'Embedding' has 2 dimensions; the property declares 4", error.Message);
    }

    [CollectionFact]
    public async Task A_NaN_in_a_multi_vector_is_rejected_and_the_whole_batch_is_left_out()
    {
        var collection = await CreatedCollectionAsync();
        var bad = Pages.Create("bad", "abc");
        float[] vectors = bad.Patches!.Vectors.ToArray();
        vectors[Pages.Dimensions + 3] = float.NaN;
        bad.Patches = new MultiVectorEmbedding(vectors, Pages.Dimensions);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([Pages.Create("good", "xyz"), bad]));

        Assert.Contains("Record 'bad'", error.Message);
        Assert.Contains("Token 1, dimension 3 is NaN", error.Message);
        Assert.Null(await collection.GetAsync("good"));
    }

    [CollectionFact]
    public async Task An_all_zero_vector_is_rejected_for_cosine_similarity()
    {
        var collection = await NotesAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync(new Note { Id = "zero", Embedding = new float[4] }));

        Assert.Contains("all zeros", error.Message);
    }

    [CollectionFact]
    public async Task An_auto_generated_guid_key_is_assigned_and_written_back()
    {
        var store = await NewStoreAsync();
        var collection = store.GetCollection<Guid, GuidRecord>("guids");
        await collection.EnsureCollectionExistsAsync();
        var record = new GuidRecord { Name = "x" };

        await collection.UpsertAsync(record);

        Assert.NotEqual(Guid.Empty, record.Id);
        Assert.Equal("x", (await collection.GetAsync(record.Id))!.Name);
    }

    [CollectionFact]
    public async Task The_collection_describes_itself_with_the_store_system_name()
    {
        var collection = await CollectionAsync();

        var metadata = (VectorStoreCollectionMetadata?)collection.GetService(typeof(VectorStoreCollectionMetadata));

        Assert.Equal((SystemName, "pages"), (metadata!.VectorStoreSystemName, metadata.CollectionName));
    }
}
