using System.Net;
using Providers.Core;

namespace Providers.SvInference.Tests.Models;

public sealed class SvInferenceModelCatalogTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SvInferenceModelCatalogTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Lists_the_vision_model_vLLM_serves_from_v1_models()
    {
        using var catalog = new SvInferenceModelCatalog(_fixture.Options);

        var models = await catalog.ListModelsAsync();

        var model = Assert.Single(models);
        Assert.Equal(SvInferenceOptions.DefaultModelId, model.Id);
        Assert.Equal("vllm", model.OwnedBy);
        Assert.NotNull(model.CreatedAt);
        Assert.Equal("/v1/models", _fixture.Requests.Single().Path);
    }

    [Fact]
    public async Task Accepts_a_base_url_that_already_ends_with_v1()
    {
        var options = _fixture.Options;
        options.Endpoint = new Uri(_fixture.Emulator.SvInferenceBaseUrl, "v1");
        using var catalog = new SvInferenceModelCatalog(options);

        await catalog.ListModelsAsync();

        Assert.Equal("/v1/models", _fixture.Requests.Single().Path);
    }

    [Fact]
    public async Task Raises_a_vLLM_error_with_its_status_and_route()
    {
        _fixture.Faults("v1/models").FailNext(1, 503);
        using var catalog = new SvInferenceModelCatalog(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => catalog.ListModelsAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("SvInference", error.ServiceName);
        Assert.True(error.IsRetryable);
        Assert.StartsWith("GET /", error.Route, StringComparison.Ordinal);
        Assert.EndsWith("/v1/models", error.Route, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_an_answer_without_a_list_as_invalid()
    {
        _fixture.Faults("v1/models").FailNext(1, 200, body: """{"object":"list"}""");
        using var catalog = new SvInferenceModelCatalog(_fixture.Options);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => catalog.ListModelsAsync());

        Assert.Contains("'data'", error.Message, StringComparison.Ordinal);
    }
}
