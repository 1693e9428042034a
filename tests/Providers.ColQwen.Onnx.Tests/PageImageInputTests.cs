using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen.Onnx.Tests;

/// <summary>The input contract every page generator shares (Core's ImageInputLoader), and its checks ahead of batching.</summary>
[Collection(TinyModelCollection.Name)]
public class PageImageInputTests(TinyModelFixture model)
{
    [Fact]
    public async Task A_page_gives_the_same_vectors_as_bytes_data_uri_file_uri_and_http_url()
    {
        await using var sources = await PageImageSources.StartAsync(Fixtures.Image("page-56x84.png"));

        var embeddings = await model.Pages.GenerateAsync(sources.All);

        Assert.Equal(sources.All.Count, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(embeddings[0].Vectors.ToArray(), e.Vectors.ToArray()));
        Assert.Equal(1, sources.Host.RequestCount);
    }

    [Fact]
    public async Task Batching_runs_and_fetches_nothing_when_page_7_of_10_is_not_an_image()
    {
        await using var sources = await PageImageSources.StartAsync(Fixtures.Image("page-56x84.png"));
        using var generator = model.Pages.AsBuilder().UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (2, 1)).Build();
        var pages = Enumerable.Range(0, 10).Select(i => i == 3 ? sources.All[4] : new DataContent(Fixtures.Image("page-56x84.png"), "image/png")).ToList();
        pages[7] = new TextContent("not a page");

        var error = await Assert.ThrowsAsync<PageImageException>(() => generator.GenerateAsync(pages));

        Assert.Equal(7, error.InputIndex);
        Assert.Equal(0, sources.Host.RequestCount);
    }

    [Fact]
    public async Task Batching_names_query_7_of_10_by_its_place_in_the_callers_list()
    {
        using var generator = model.Queries.AsBuilder().UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (2, 1)).Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync(Enumerable.Range(0, 10).Select(i => i == 7 ? null! : $"query {i}")));

        Assert.Contains("Query 7 is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_unsupported_scheme_naming_the_page()
    {
        var error = await Assert.ThrowsAsync<PageImageException>(() =>
            model.Pages.GenerateAsync([new DataContent(Fixtures.Image("page-56x84.png"), "image/png"), new UriContent(new Uri("ftp://files.example/p.png"), "image/png")]));

        Assert.Equal(1, error.InputIndex);
        Assert.Contains("'ftp' URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_missing_file_with_the_index_of_the_page()
    {
        var missing = new Uri(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.png"));

        var error = await Assert.ThrowsAsync<ImageLoadException>(() =>
            model.Pages.GenerateAsync([new DataContent(Fixtures.Image("page-56x84.png"), "image/png"), new UriContent(missing, "image/png")]));

        Assert.Equal(1, error.InputIndex);
        Assert.Equal(ColQwenOnnxEmbeddingGenerator<AIContent>.ProviderName, error.ServiceName);
    }
}
