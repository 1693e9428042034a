namespace Providers.SciBox.Tests.Models;

public sealed class SciBoxModelCatalogTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SciBoxModelCatalogTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Lists_the_chat_and_embedding_models_with_LiteLLMs_owner_and_date()
    {
        using var catalog = new SciBoxModelCatalog(_fixture.Options);

        var models = await catalog.ListModelsAsync();

        Assert.Equal(["Qwen2.5-72B-Instruct-AWQ", "bge-m3"], models.Select(m => m.Id));
        Assert.All(models, m => Assert.Equal("openai", m.OwnedBy));
        Assert.All(models, m => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1677610602), m.CreatedAt));
        Assert.Equal("/v1/models", _fixture.Requests.Single().Path);
    }

    [Fact]
    public async Task Raises_an_answer_without_a_list_as_invalid()
    {
        _fixture.Faults("v1/models").FailNext(1, 200, body: """{"object":"list"}""");
        using var catalog = new SciBoxModelCatalog(_fixture.Options);

        var error = await Assert.ThrowsAsync<Providers.Core.InvalidResponseException>(() => catalog.ListModelsAsync());

        Assert.Contains("'data'", error.Message, StringComparison.Ordinal);
    }
}
