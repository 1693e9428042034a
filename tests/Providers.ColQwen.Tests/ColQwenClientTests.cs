using System.Net;
using Providers.ColQwen.Tests.Support;
using Providers.Core;

namespace Providers.ColQwen.Tests;

public sealed class ColQwenClientTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ColQwenClientTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Reads_the_model_details_from_info()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var info = await client.GetInfoAsync();

        Assert.Equal(new ColQwenServiceInfo
        {
            Version = "0.0.2",
            Device = "cuda:0",
            DType = "torch.bfloat16",
            FlashAttention = true,
            SpatialMergeSize = 2,
            Dimensions = 128,
            ImageTokenId = 151655,
        }, info);
    }

    [Fact]
    public async Task Reads_health()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var health = await client.GetHealthAsync();

        Assert.True(health.IsHealthy);
        Assert.Equal("cuda:0", health.Device);
    }

    [Fact]
    public async Task Reads_the_api_name_and_version_from_the_root()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var description = await client.GetServiceDescriptionAsync();

        Assert.Equal("ColQwen2.5 Embedding API", description.Message);
        Assert.Equal("0.0.2", description.Version);
        Assert.Equal("/", Assert.Single(_fixture.Requests).Path);
    }

    [Fact]
    public async Task Reports_an_unavailable_service_as_a_retryable_error()
    {
        _fixture.Faults("health").FailNext(1, 503, body: "{\"detail\":\"model loading\"}");
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetHealthAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.Contains("model loading", error.Message);
        Assert.Equal("ColQwen", error.ServiceName);
    }

    [Fact]
    public async Task Sends_no_credentials()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        await client.GetInfoAsync();

        Assert.False(Assert.Single(_fixture.Requests).Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public void Refuses_options_without_an_endpoint_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ColQwenClient(new ColQwenOptions()));

        Assert.Contains("ColQwenOptions.Endpoint is required", error.Message);
    }
}
