namespace Providers.Ovms.Tests.Models;

public sealed class OvmsModelCatalogTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public OvmsModelCatalogTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Lists_the_served_graphs_from_v3_models()
    {
        using var catalog = new OvmsModelCatalog(_fixture.Options);

        var models = await catalog.ListModelsAsync();

        Assert.Equal(["Alibaba-NLP/gte-large-en-v1.5", "BAAI/bge-reranker-large"], models.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(models, m => Assert.Equal("OVMS", m.OwnedBy));
        Assert.Equal("/v3/models", _fixture.Requests.Single().Path);
    }
}
