using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Providers.Core;
using Providers.SvRay.Tests.Support;

namespace Providers.SvRay.Tests.Models;

public sealed class SvRayModelCatalogTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SvRayModelCatalogTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Lists_the_chat_model_the_cluster_serves_from_v1_models()
    {
        using var catalog = new SvRayModelCatalog(Options());

        var models = await catalog.ListModelsAsync();

        var model = Assert.Single(models);
        Assert.Equal(SvRayChatOptions.DefaultModelId, model.Id);
        Assert.Equal("vllm", model.OwnedBy);
        Assert.Equal("/v1/models", _fixture.Requests.Single().Path);
    }

    [Fact]
    public async Task Sends_a_key_only_when_one_is_configured_as_the_chat_client_does()
    {
        using var keyed = new SvRayModelCatalog(Options(apiKey: "placeholder"));
        using var open = new SvRayModelCatalog(Options());

        await keyed.ListModelsAsync();
        await open.ListModelsAsync();

        Assert.True(_fixture.Requests[0].Headers.ContainsKey("Authorization"));
        Assert.False(_fixture.Requests[1].Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Raises_a_cluster_error_with_its_status_and_route()
    {
        _fixture.Faults("v1/models").FailNext(1, 500);
        using var catalog = new SvRayModelCatalog(Options());

        var error = await Assert.ThrowsAsync<ProviderException>(() => catalog.ListModelsAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("SvRay", error.ServiceName);
        Assert.StartsWith("GET /", error.Route, StringComparison.Ordinal);
        Assert.EndsWith("/v1/models", error.Route, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_an_entry_without_an_id_as_invalid()
    {
        _fixture.Faults("v1/models").FailNext(1, 200, body: """{"object":"list","data":[{"object":"model"}]}""");
        using var catalog = new SvRayModelCatalog(Options());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => catalog.ListModelsAsync());

        Assert.Contains("entry 0 has no 'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registers_through_dependency_injection_plain_and_keyed()
    {
        var services = new ServiceCollection();
        services.AddSvRayModelCatalog(o => o.Endpoint = _fixture.Emulator.SvRayBaseUrl);
        services.AddKeyedSvRayModelCatalog("gpt-oss", o => o.Endpoint = _fixture.Emulator.SvRayBaseUrl);
        await using var provider = services.BuildServiceProvider();

        var models = await provider.GetRequiredService<SvRayModelCatalog>().ListModelsAsync();
        var keyed = await provider.GetRequiredKeyedService<SvRayModelCatalog>("gpt-oss").ListModelsAsync();

        Assert.Equal(SvRayChatOptions.DefaultModelId, Assert.Single(models).Id);
        Assert.Equal(SvRayChatOptions.DefaultModelId, Assert.Single(keyed).Id);
    }

    private SvRayChatOptions Options(string? apiKey = null) => new() { Endpoint = _fixture.Emulator.SvRayBaseUrl, ApiKey = apiKey };
}
