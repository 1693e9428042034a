namespace Providers.VectorData.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Readers_and_writers_running_at_once_see_only_whole_records()
    {
        var collection = await Pages.CreatedCollectionAsync(Enumerable.Range(0, 50).Select(i => Pages.Create($"keep{i}", $"stable {i}")).ToArray());
        var query = CharacterEmbeddingGenerator.Embed("stable");

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                string key = $"w{w}-{i % 10}";
                await collection.UpsertAsync(Pages.Create(key, $"churn {i}", category: key));
                if (i % 3 == 0)
                {
                    await collection.DeleteAsync(key);
                }
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                await foreach (var hit in collection.SearchAsync(query, top: 20, new() { IncludeVectors = true }))
                {
                    // A record is never seen with another record's data.
                    Assert.True(hit.Record.Id.StartsWith("keep", StringComparison.Ordinal) || hit.Record.Category == hit.Record.Id);
                    Assert.NotNull(hit.Record.Patches);
                }

                Assert.Equal("stable 7".Length, (await collection.GetAsync("keep7", new() { IncludeVectors = true }))!.Patches!.TokenCount);
            }
        }));

        await Task.WhenAll(writers.Concat(readers));

        int kept = await collection.GetAsync(page => page.Year == 2024, top: 1000).CountAsync();
        // Each writer ends with the six of its ten keys whose last write (i = 90..99) was not followed by a delete.
        Assert.Equal(50 + (4 * 6), kept);
    }
}
