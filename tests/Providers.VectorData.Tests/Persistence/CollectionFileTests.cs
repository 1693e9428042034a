using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests.Persistence;

public sealed class CollectionFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("late-interaction-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FilePath => Path.Combine(_folder, "pages.pvli");

    [Fact]
    public async Task A_saved_collection_loads_into_a_new_store_with_its_records_vectors_and_rankings()
    {
        var original = await SavedCollectionAsync();
        var query = CharacterEmbeddingGenerator.Embed("table");

        var restored = Pages.Collection(new LateInteractionVectorStore());
        await restored.LoadAsync(FilePath);

        var before = await original.SearchAsync(query, top: 3).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync();
        var after = await restored.SearchAsync(query, top: 3).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync();
        Assert.Equal(before, after);

        var page = await restored.GetAsync("b", new() { IncludeVectors = true });
        Assert.Equal(("report", 2019), (page!.Category, page.Year));
        Assert.Equal(["scan"], page.Tags);
        Assert.Equal(new ImagePatchLayout(0, 5, 5, 1), page.Patches!.ImagePatches);
        Assert.Equal((await original.GetAsync("b", new() { IncludeVectors = true }))!.Patches!.Vectors.ToArray(), page.Patches.Vectors.ToArray());
    }

    [Fact]
    public async Task Loading_replaces_the_records_the_collection_had()
    {
        await SavedCollectionAsync();
        var collection = await Pages.CreatedCollectionAsync(Pages.Create("stale", "old"));

        await collection.LoadAsync(FilePath);

        Assert.Null(await collection.GetAsync("stale"));
        Assert.Equal(3, await collection.GetAsync(page => true, top: 10).CountAsync());
    }

    [Fact]
    public async Task Saving_again_replaces_the_file_and_leaves_no_temporary_file()
    {
        var collection = await SavedCollectionAsync();
        await collection.DeleteAsync("a");

        await collection.SaveAsync(FilePath);

        Assert.Equal([FilePath], Directory.GetFiles(_folder));
        var restored = Pages.Collection();
        await restored.LoadAsync(FilePath);
        Assert.Null(await restored.GetAsync("a"));
    }

    [Fact]
    public async Task A_cancelled_save_keeps_the_previous_file()
    {
        var collection = await SavedCollectionAsync();
        byte[] before = await File.ReadAllBytesAsync(FilePath);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => collection.SaveAsync(FilePath, new CancellationToken(canceled: true)));

        Assert.Equal(before, await File.ReadAllBytesAsync(FilePath));
        Assert.Equal([FilePath], Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(-40)]
    public async Task A_corrupted_byte_is_detected_and_the_collection_is_left_as_it_was(int offset)
    {
        await SavedCollectionAsync();
        byte[] bytes = await File.ReadAllBytesAsync(FilePath);
        int at = offset >= 0 ? offset : bytes.Length + offset;
        bytes[at] ^= 0x10;
        await File.WriteAllBytesAsync(FilePath, bytes);
        var collection = await Pages.CreatedCollectionAsync(Pages.Create("kept", "abc"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => collection.LoadAsync(FilePath));

        Assert.Contains("checksum", error.Message);
        Assert.NotNull(await collection.GetAsync("kept"));
    }

    [Fact]
    public async Task A_truncated_file_is_detected()
    {
        await SavedCollectionAsync();
        byte[] bytes = await File.ReadAllBytesAsync(FilePath);
        await File.WriteAllBytesAsync(FilePath, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Pages.Collection().LoadAsync(FilePath));

        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public async Task A_file_of_another_kind_is_refused()
    {
        await File.WriteAllTextAsync(FilePath, "{\"this is\": \"JSON, and long enough to pass the length check\"}");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Pages.Collection().LoadAsync(FilePath));

        Assert.Contains("not a late-interaction collection file", error.Message);
    }

    [Fact]
    public async Task A_file_from_a_newer_format_version_is_refused_with_both_versions()
    {
        await SavedCollectionAsync();
        byte[] bytes = await File.ReadAllBytesAsync(FilePath);
        bytes[8] = 2;
        await File.WriteAllBytesAsync(FilePath, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Pages.Collection().LoadAsync(FilePath));

        Assert.Contains("format version 2", error.Message);
        Assert.Contains("reads version 1", error.Message);
    }

    [Fact]
    public async Task A_file_saved_from_a_collection_of_another_shape_is_refused()
    {
        await SavedCollectionAsync();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Page.Id), typeof(string)),
                new VectorStoreVectorProperty(nameof(Page.Patches), typeof(MultiVectorEmbedding), 32),
            ],
        };
        var other = new LateInteractionVectorStore().GetCollection<string, Page>("pages", definition);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => other.LoadAsync(FilePath));

        Assert.Contains("multi-vector Patches: 32", error.Message);
    }

    [Fact]
    public async Task A_missing_file_fails_as_file_not_found()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => Pages.Collection().LoadAsync(FilePath));
    }

    private async Task<LateInteractionCollection<string, Page>> SavedCollectionAsync()
    {
        var b = Pages.Create("b", "table", category: "report", year: 2019);
        b.Tags = ["scan"];
        b.Patches = new MultiVectorEmbedding(b.Patches!.Vectors, Pages.Dimensions) { ImagePatches = new ImagePatchLayout(0, 5, 5, 1) };
        var collection = await Pages.CreatedCollectionAsync(Pages.Create("a", "chart"), b, Pages.Create("c", "tabular"));
        await collection.SaveAsync(FilePath);
        return collection;
    }
}
