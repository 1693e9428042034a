using Snapshooter.Xunit;

namespace Providers.Ovms.Tests.Rerank;

public sealed class OvmsRerankClientTests : IClassFixture<EmulatorFixture>
{
    private static readonly string[] Documents = ["Paris is the capital of France.", "Bananas are yellow.", "France has many cities; its capital is Paris."];

    private readonly EmulatorFixture _fixture;

    public OvmsRerankClientTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Sends_the_query_and_documents_to_v3_rerank()
    {
        using var client = new OvmsRerankClient(_fixture.Options);

        await client.RerankAsync("capital of France", Documents, new OvmsRerankOptions { TopN = 2, ReturnDocuments = true });

        Assert.Equal("/v3/rerank", _fixture.Requests.Single().Path);
        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Returns_every_document_best_first_with_its_text()
    {
        using var client = new OvmsRerankClient(_fixture.Options);

        var results = await client.RerankAsync("capital of France", Documents);

        Assert.Equal(3, results.Count);
        Assert.Equal([0, 1, 2], results.Select(r => r.Index).Order());
        Assert.Equal(results.Select(r => r.RelevanceScore).OrderDescending(), results.Select(r => r.RelevanceScore));
        Assert.Equal(1, results[^1].Index);
        Assert.All(results, r => Assert.Equal(Documents[r.Index], r.Document));
    }

    [Fact]
    public async Task Returns_only_the_top_n_without_texts_when_asked()
    {
        using var client = new OvmsRerankClient(_fixture.Options);

        var results = await client.RerankAsync("capital of France", Documents, new OvmsRerankOptions { TopN = 1, ReturnDocuments = false });

        var best = Assert.Single(results);
        Assert.NotEqual(1, best.Index);
        Assert.Null(best.Document);
    }

    [Fact]
    public async Task Refuses_to_guess_a_rerank_graph()
    {
        var options = _fixture.Options;
        options.RerankModelId = null;
        using var client = new OvmsRerankClient(options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RerankAsync("q", Documents));

        Assert.Contains("OvmsOptions.RerankModelId", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_an_answer_pointing_at_a_document_that_was_not_sent()
    {
        _fixture.Faults("v3/rerank").FailNext(1, 200, body: """{"results":[{"index":0,"relevance_score":0.9},{"index":7,"relevance_score":0.5},{"index":2,"relevance_score":0.1}]}""");
        using var client = new OvmsRerankClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<Providers.Core.InvalidResponseException>(() => client.RerankAsync("q", Documents));

        Assert.Contains("document 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_answer_that_leaves_documents_unranked()
    {
        _fixture.Faults("v3/rerank").FailNext(1, 200, body: """{"results":[{"index":0,"relevance_score":0.5}]}""");
        using var client = new OvmsRerankClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<Providers.Core.InvalidResponseException>(() => client.RerankAsync("q", Documents));

        Assert.Equal("OVMS rerank: the answer holds 1 results for 3 documents (3 expected).", error.Message);
    }

    [Fact]
    public async Task Refuses_a_null_document_naming_its_position_before_sending()
    {
        using var client = new OvmsRerankClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.RerankAsync("q", ["first", null!, "third"]));

        Assert.StartsWith("Document 1 is null", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }
}
