using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData.LateInteraction;

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
        bytes[8] = 5;
        await File.WriteAllBytesAsync(FilePath, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Pages.Collection().LoadAsync(FilePath));

        Assert.Contains("format version 5", error.Message);
        Assert.Contains("reads versions 2 to 4", error.Message);
    }

    [Fact]
    public async Task A_saved_file_ends_with_the_xxh128_of_everything_before_its_checksums()
    {
        await SavedCollectionAsync();
        byte[] bytes = await File.ReadAllBytesAsync(FilePath);

        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(System.IO.Hashing.XxHash128.Hash(bytes.AsSpan(0, bytes.Length - 32)), bytes[^32..^16]);
    }

    [Fact]
    public async Task Opening_a_file_removes_the_temporary_files_killed_saves_left_but_not_one_being_written()
    {
        await SavedCollectionAsync();
        string stale = Path.Combine(_folder, ".pages.pvli.0123456789abcdef0123456789abcdef.tmp");
        string live = Path.Combine(_folder, ".pages.pvli.fedcba9876543210fedcba9876543210.tmp");
        string unrelated = Path.Combine(_folder, ".other.pvli.0123456789abcdef0123456789abcdef.tmp");
        await File.WriteAllBytesAsync(stale, new byte[4096]);
        await File.WriteAllBytesAsync(unrelated, new byte[16]);
        await using var writing = new FileStream(live, FileMode.Create, FileAccess.Write, FileShare.None);

        await Pages.Collection().LoadAsync(FilePath);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public async Task Saving_removes_the_temporary_files_killed_saves_left()
    {
        var collection = await SavedCollectionAsync();
        string stale = Path.Combine(_folder, ".pages.pvli.0123456789abcdef0123456789abcdef.tmp");
        await File.WriteAllBytesAsync(stale, new byte[4096]);

        await collection.SaveAsync(FilePath);

        Assert.Equal([FilePath], Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("a property line longer than the file")]
    [InlineData("more records than the file holds")]
    [InlineData("a multi-vector of more tokens than the file holds")]
    public async Task A_file_with_a_valid_checksum_but_inconsistent_contents_is_invalid_data(string flaw)
    {
        var pages = Pages.Collection();
        await WriteCraftedFileAsync(flaw);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => pages.LoadAsync(FilePath));

        Assert.DoesNotContain("checksum", error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Theory]
    [InlineData(MultiVectorIndexKind.BinaryFlat)]
    [InlineData(MultiVectorIndexKind.Int8Flat)]
    public async Task A_compact_collection_saves_and_loads_with_the_same_rankings(string indexKind)
    {
        var original = CompactPages(indexKind);
        await original.EnsureCollectionExistsAsync();
        await original.UpsertAsync([Pages.Create("a", "chart"), Pages.Create("b", "table"), Pages.Create("c", "tabular")]);
        await original.SaveAsync(FilePath);
        var query = CharacterEmbeddingGenerator.Embed("table");

        var restored = CompactPages(indexKind);
        await restored.LoadAsync(FilePath);

        Assert.Equal(
            await original.SearchAsync(query, top: 3).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync(),
            await restored.SearchAsync(query, top: 3).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync());
    }

    [Fact]
    public async Task Pages_larger_than_the_write_buffer_keep_their_order_and_vectors()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Page.Id), typeof(string)),
                new VectorStoreVectorProperty(nameof(Page.Patches), typeof(MultiVectorEmbedding), 128),
            ],
        };
        var original = new LateInteractionVectorStore().GetCollection<string, Page>("pages", definition);
        await original.EnsureCollectionExistsAsync();
        var rows = Enumerable.Range(0, 3).Select(i => LateInteraction.TestVectors.Unit(700, 128, seed: i)).ToArray();
        await original.UpsertAsync(rows.Select((row, i) => new Page { Id = $"p{i}", Patches = new MultiVectorEmbedding(row, 128) }));
        await original.SaveAsync(FilePath);

        var restored = new LateInteractionVectorStore().GetCollection<string, Page>("pages", definition);
        await restored.LoadAsync(FilePath);

        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i], (await restored.GetAsync($"p{i}", new() { IncludeVectors = true }))!.Patches!.Vectors.ToArray());
        }
    }

    [Fact]
    public async Task A_file_saved_in_full_precision_loads_into_a_compact_collection()
    {
        var original = await SavedCollectionAsync();
        var query = CharacterEmbeddingGenerator.Embed("table");

        var compact = CompactPages(MultiVectorIndexKind.BinaryFlat);
        await compact.LoadAsync(FilePath);

        Assert.Equal(
            await original.SearchAsync(query, top: 3).Select(hit => hit.Record.Id).ToListAsync(),
            await compact.SearchAsync(query, top: 3).Select(hit => hit.Record.Id).ToListAsync());
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

    [Fact]
    public async Task A_version_2_file_with_muvera_encodings_loads_with_pooled_summaries_that_shortlist_as_fresh_ones_do()
    {
        (string Id, string Text)[] pages = [("a", "chart"), ("b", "table"), ("c", "tabular"), ("d", "figure")];
        await WriteVersion2FileAsync(pages);
        var options = new LateInteractionVectorStoreOptions { MultiVectorIndex = { CandidateCount = 2 } };
        var loaded = Pages.Collection(new LateInteractionVectorStore(options));
        var fresh = Pages.Collection(new LateInteractionVectorStore(options));
        await fresh.EnsureCollectionExistsAsync();
        await fresh.UpsertAsync(pages.Select(page => Pages.Create(page.Id, page.Text)));

        await loaded.LoadAsync(FilePath);

        foreach (string text in new[] { "table", "figure", "chart" })
        {
            var query = CharacterEmbeddingGenerator.Embed(text);
            Assert.Equal(
                await fresh.SearchAsync(query, top: 2).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync(),
                await loaded.SearchAsync(query, top: 2).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync());
        }
    }

    /// <summary>
    /// Writes pages as version 2 did: single-precision vectors plus a 2,048-float MUVERA encoding, here one that
    /// would shortlist the wrong pages if it were trusted.
    /// </summary>
    private async Task WriteVersion2FileAsync((string Id, string Text)[] pages)
    {
        using var contents = new MemoryStream();
        contents.Write("PVLATEIX"u8);
        WriteInt32(contents, 2);
        WriteString(contents, "pages");
        WriteInt32(contents, CraftedShape.Length);
        foreach (string line in CraftedShape)
        {
            WriteString(contents, line);
        }

        WriteInt64(contents, pages.Length);
        foreach (var (id, text) in pages)
        {
            foreach (string json in new[] { $"\"{id}\"", "null", "1", "false", "[]" })
            {
                WriteString(contents, json);
            }

            var embedding = CharacterEmbeddingGenerator.Embed(text);
            contents.WriteByte(2);
            WriteInt32(contents, embedding.TokenCount);
            WriteInt32(contents, Pages.Dimensions);
            contents.Write([0, 0, 0, 1 | 16]);
            contents.Write(MaxSimDocument.Create(embedding).Forms.Float32!.Bytes);
            float[] misleading = [.. Enumerable.Repeat(id == "a" ? 1f : -1f, 2048)];
            contents.Write(MemoryMarshal.AsBytes(misleading.AsSpan()));
        }

        contents.Write(SHA256.HashData(contents.ToArray()));
        await File.WriteAllBytesAsync(FilePath, contents.ToArray());
    }

    private static LateInteractionCollection<string, Page> CompactPages(string indexKind)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Page.Id), typeof(string)),
                new VectorStoreDataProperty(nameof(Page.Category), typeof(string)),
                new VectorStoreDataProperty(nameof(Page.Year), typeof(int)),
                new VectorStoreDataProperty(nameof(Page.IsPublished), typeof(bool)),
                new VectorStoreDataProperty(nameof(Page.Tags), typeof(string[])),
                new VectorStoreVectorProperty(nameof(Page.Patches), typeof(MultiVectorEmbedding), Pages.Dimensions) { IndexKind = indexKind },
            ],
        };
        return new LateInteractionVectorStore().GetCollection<string, Page>("pages", definition);
    }

    /// <summary>Writes a file in the collection format, flawed as described, with a checksum that matches its contents.</summary>
    private async Task WriteCraftedFileAsync(string flaw)
    {
        string[] shape = CraftedShape;
        using var contents = new MemoryStream();
        contents.Write("PVLATEIX"u8);
        WriteInt32(contents, 2);
        WriteString(contents, "pages");
        WriteInt32(contents, shape.Length);
        if (flaw == "a property line longer than the file")
        {
            WriteInt32(contents, 1_000_000);
            contents.Write("key"u8);
        }
        else
        {
            foreach (string line in shape)
            {
                WriteString(contents, line);
            }

            WriteInt64(contents, flaw == "more records than the file holds" ? 3 : 1);
            foreach (string json in new[] { "\"a\"", "null", "1", "false", "[]" })
            {
                WriteString(contents, json);
            }

            contents.WriteByte(2);
            WriteInt32(contents, flaw == "more records than the file holds" ? 1 : 100_000);
            WriteInt32(contents, Pages.Dimensions);
            contents.Write([0, 0, 0, 1]);
            contents.Write(new byte[Pages.Dimensions * sizeof(float)]);
        }

        contents.Write(SHA256.HashData(contents.ToArray()));
        await File.WriteAllBytesAsync(FilePath, contents.ToArray());
    }

    private static string[] CraftedShape =>
    [
        "key Id: System.String", "data Category: System.String", "data Year: System.Int32", "data IsPublished: System.Boolean",
        "data Tags: System.String[]", $"multi-vector Patches: {Pages.Dimensions}",
    ];

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteInt64(Stream stream, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteString(Stream stream, string value)
    {
        WriteInt32(stream, Encoding.UTF8.GetByteCount(value));
        stream.Write(Encoding.UTF8.GetBytes(value));
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
