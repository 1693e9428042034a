using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core;

namespace Providers.SvInference.Tests.Chat;

public sealed class SvInferenceServiceCollectionExtensionsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SvInferenceServiceCollectionExtensionsTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Registers_a_chat_client_bound_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:SvInference:Endpoint"] = _fixture.Emulator.SvInferenceBaseUrl.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration).AddSvInferenceChatClient().UseRetry();
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hello?");

        Assert.Equal("Qwen/Qwen2.5-VL-72B-Instruct", response.ModelId);
    }

    [Fact]
    public async Task Registers_the_model_catalog_plain_and_keyed()
    {
        var services = new ServiceCollection();
        services.AddSvInferenceModelCatalog(o => o.Endpoint = _fixture.Emulator.SvInferenceBaseUrl);
        services.AddKeyedSvInferenceModelCatalog("vl", o => o.Endpoint = _fixture.Emulator.SvInferenceBaseUrl);
        await using var provider = services.BuildServiceProvider();

        var models = await provider.GetRequiredService<SvInferenceModelCatalog>().ListModelsAsync();
        var keyed = await provider.GetRequiredKeyedService<SvInferenceModelCatalog>("vl").ListModelsAsync();

        Assert.Equal(SvInferenceOptions.DefaultModelId, Assert.Single(models).Id);
        Assert.Equal(SvInferenceOptions.DefaultModelId, Assert.Single(keyed).Id);
        Assert.Equal(["/v1/models", "/v1/models"], _fixture.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Registers_a_keyed_chat_client_with_its_own_model()
    {
        var services = new ServiceCollection();
        services.AddKeyedSvInferenceChatClient("vl", o =>
        {
            o.Endpoint = _fixture.Emulator.SvInferenceBaseUrl;
            o.ModelId = "Qwen/Qwen2.5-VL-7B-Instruct";
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IChatClient>("vl");

        Assert.Equal("Qwen/Qwen2.5-VL-7B-Instruct", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task Fails_at_start_naming_the_bad_endpoint()
    {
        var services = new ServiceCollection();
        services.AddSvInferenceChatClient(o => o.Endpoint = new Uri("/relative", UriKind.Relative));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SvInferenceOptions.Endpoint must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
    }
}
