using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Persistence;
using Providers.VectorData.Storage;

namespace Providers.VectorData.Tests.Persistence;

/// <summary>Loading with the int8 token vectors left in the file, memory-mapped (<see cref="CollectionLoadOptions.MapInt8Tokens"/>).</summary>
public sealed class MappedLoadTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "quarterly revenue", "regional sales", "balance sheet", "cash flow", "annual report", "board minutes",
        "product roadmap", "hiring plan", "office lease", "tax filing", "audit letter", "press release",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("late-interaction-mapped").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FilePath => Path.Combine(_folder, "pages.pvli");

    [Theory]
    [InlineData(MultiVectorIndexKind.BinaryFlat)]
    [InlineData(MultiVectorIndexKind.Int8Flat)]
    public async Task A_mapped_load_ranks_and_scores_exactly_as_a_load_into_memory(string indexKind)
    {
        await (await BuiltAsync(indexKind)).SaveAsync(FilePath);
        var inMemory = Collection(indexKind);
        await inMemory.LoadAsync(FilePath);
        var mapped = Collection(indexKind);

        await mapped.LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true });

        foreach (string query in new[] { "revenue", "sheet", "letter of audit", "plan" })
        {
            Assert.Equal(await HitsAsync(inMemory, query), await HitsAsync(mapped, query));
        }

        Assert.Equal(
            (await inMemory.GetAsync("p3", new() { IncludeVectors = true }))!.Patches!.Vectors.ToArray(),
            (await mapped.GetAsync("p3", new() { IncludeVectors = true }))!.Patches!.Vectors.ToArray());
    }

    [Fact]
    public async Task A_mapped_load_leaves_the_int8_vectors_in_the_file_and_a_plain_load_copies_them()
    {
        await (await BuiltAsync(MultiVectorIndexKind.BinaryFlat)).SaveAsync(FilePath);
        var schema = new CollectionSchema(new Providers.VectorData.Model.LateInteractionModelBuilder().Build(typeof(Page), typeof(string), Definition(MultiVectorIndexKind.BinaryFlat), null));

        var mapped = await CollectionFile.LoadAsync(FilePath, schema, () => new Page(), new MultiVectorIndexOptions(), mapInt8: true, verifyMapped: true, CancellationToken.None);
        var copied = await CollectionFile.LoadAsync(FilePath, schema, () => new Page(), new MultiVectorIndexOptions(), mapInt8: false, verifyMapped: true, CancellationToken.None);

        Assert.All(mapped, record => Assert.True(Int8Of(record).IsMapped));
        Assert.All(copied, record => Assert.False(Int8Of(record).IsMapped));
    }

    [Fact]
    public async Task A_mapped_collection_saves_over_its_own_file_and_reopens_with_the_same_results()
    {
        var original = await BuiltAsync(MultiVectorIndexKind.BinaryFlat);
        await original.SaveAsync(FilePath);
        var mapped = Collection(MultiVectorIndexKind.BinaryFlat);
        await mapped.LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true });
        await mapped.DeleteAsync("p0");

        await mapped.SaveAsync(FilePath);
        var reopened = Collection(MultiVectorIndexKind.BinaryFlat);
        await reopened.LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true });

        Assert.Null(await reopened.GetAsync("p0"));
        Assert.Equal(await HitsAsync(mapped, "cash flow"), await HitsAsync(reopened, "cash flow"));
        await original.DeleteAsync("p0");
        Assert.Equal(await HitsAsync(original, "cash flow"), await HitsAsync(reopened, "cash flow"));
    }

    [Fact]
    public async Task A_corrupted_byte_in_the_mapped_vectors_is_refused_and_changes_nothing()
    {
        await (await BuiltAsync(MultiVectorIndexKind.BinaryFlat)).SaveAsync(FilePath);
        var collection = Collection(MultiVectorIndexKind.BinaryFlat);
        await collection.LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true });
        var before = await HitsAsync(collection, "revenue");
        byte[] bytes = await File.ReadAllBytesAsync(FilePath);
        bytes[bytes.Length / 2] ^= 0x5A;
        string damaged = Path.Combine(_folder, "damaged.pvli");
        await File.WriteAllBytesAsync(damaged, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => collection.LoadAsync(damaged, new CollectionLoadOptions { MapInt8Tokens = true }));

        Assert.Contains("damaged", error.Message);
        Assert.Equal(before, await HitsAsync(collection, "revenue"));
    }

    [Fact]
    public async Task An_unverified_mapped_load_ranks_and_scores_as_a_verified_one()
    {
        await (await BuiltAsync(MultiVectorIndexKind.BinaryFlat)).SaveAsync(FilePath);
        var verified = Collection(MultiVectorIndexKind.BinaryFlat);
        await verified.LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true });
        var unverified = Collection(MultiVectorIndexKind.BinaryFlat);

        await unverified.LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true, VerifyMappedTokens = false });

        foreach (string query in new[] { "revenue", "sheet", "letter of audit", "plan" })
        {
            Assert.Equal(await HitsAsync(verified, query), await HitsAsync(unverified, query));
        }
    }

    [Fact]
    public async Task An_unverified_mapped_load_still_refuses_damage_outside_the_int8_vectors()
    {
        await (await BuiltAsync(MultiVectorIndexKind.BinaryFlat)).SaveAsync(FilePath);
        byte[] bytes = await File.ReadAllBytesAsync(FilePath);
        bytes[IndexOf(bytes, "\"odd\""u8.ToArray()) + 1] ^= 0x20;
        await File.WriteAllBytesAsync(FilePath, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => Collection(MultiVectorIndexKind.BinaryFlat).LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true, VerifyMappedTokens = false }));

        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public async Task Only_a_verified_load_notices_damage_inside_the_int8_vectors()
    {
        var built = await BuiltAsync(MultiVectorIndexKind.BinaryFlat);
        await built.SaveAsync(FilePath);
        var schema = new CollectionSchema(new Providers.VectorData.Model.LateInteractionModelBuilder().Build(typeof(Page), typeof(string), Definition(MultiVectorIndexKind.BinaryFlat), null));
        var records = await CollectionFile.LoadAsync(FilePath, schema, () => new Page(), new MultiVectorIndexOptions(), mapInt8: false, verifyMapped: true, CancellationToken.None);
        byte[] words = Int8Of(records[5]).WordBytes.ToArray();
        byte[] bytes = await File.ReadAllBytesAsync(FilePath);
        bytes[IndexOf(bytes, words) + (words.Length / 2)] ^= 0x5A;
        await File.WriteAllBytesAsync(FilePath, bytes);

        await Assert.ThrowsAsync<InvalidDataException>(
            () => Collection(MultiVectorIndexKind.BinaryFlat).LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true }));
        var unverified = Collection(MultiVectorIndexKind.BinaryFlat);
        await unverified.LoadAsync(FilePath, new CollectionLoadOptions { MapInt8Tokens = true, VerifyMappedTokens = false });
        Assert.Equal(Texts.Length, await unverified.GetAsync(Texts.Select((_, i) => $"p{i}")).CountAsync());
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, "the bytes sought are not in the file");
        return at;
    }

    private static Int8Panels Int8Of(StoredRecord record) => ((StoredMultiVector)record.Vectors[0]!).Document.Forms.Int8!;

    private static async Task<List<(string Id, double? Score)>> HitsAsync(LateInteractionCollection<string, Page> collection, string query)
        => await collection.SearchAsync(CharacterEmbeddingGenerator.Embed(query), top: 5).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync();

    private static async Task<LateInteractionCollection<string, Page>> BuiltAsync(string indexKind)
    {
        var collection = Collection(indexKind);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Texts.Select((text, i) => Pages.Create($"p{i}", text, category: i % 2 == 0 ? "even" : "odd")));
        return collection;
    }

    // A rescore count below the page count, so that the first stage's ranking matters.
    private static LateInteractionCollection<string, Page> Collection(string indexKind)
        => new LateInteractionVectorStore(new() { MultiVectorIndex = { RescoreCount = 4 } }).GetCollection<string, Page>("pages", Definition(indexKind));

    private static VectorStoreCollectionDefinition Definition(string indexKind) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Page.Id), typeof(string)),
            new VectorStoreDataProperty(nameof(Page.Category), typeof(string)),
            new VectorStoreVectorProperty(nameof(Page.Patches), typeof(MultiVectorEmbedding), Pages.Dimensions) { IndexKind = indexKind },
        ],
    };
}
