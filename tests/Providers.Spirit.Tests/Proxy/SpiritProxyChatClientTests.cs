using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;
using Snapshooter.Xunit;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>The OpenAI path through Spirit-GPU's proxy mode.</summary>
public sealed class SpiritProxyChatClientTests : IClassFixture<ProxyEmulatorFixture>
{
    private const string Route = "v1/chat/completions";
    private static readonly ChatMessage[] Question = [new(ChatRole.System, "The sky is blue because of Rayleigh scattering."), new(ChatRole.User, "Why is the sky blue?")];

    private readonly ProxyEmulatorFixture _fixture;

    public SpiritProxyChatClientTests(ProxyEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Sends_an_OpenAI_request_through_the_proxy_with_the_proxy_credentials()
    {
        using var client = new SpiritProxyChatClient(_fixture.Options());

        var response = await client.GetResponseAsync(Question, new ChatOptions { Temperature = 0 });

        Assert.Equal("The sky is blue because of Rayleigh scattering.", response.Text);
        Assert.Equal("llama3.2", response.ModelId);
        Assert.Equal("/v1/chat/completions", _fixture.Requests.Single().Path);
        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Streams_server_sent_events_through_the_proxy()
    {
        using var client = new SpiritProxyChatClient(_fixture.Options());

        var response = await client.GetStreamingResponseAsync(Question).ToChatResponseAsync();

        Assert.Equal("The sky is blue because of Rayleigh scattering.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);
    }

    [Fact]
    public async Task A_wrong_key_raises_401_without_the_key()
    {
        using var client = new SpiritProxyChatClient(_fixture.Options(apiKey: "wrong-proxy-key"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync(Question));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("unauthorized", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-proxy-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_the_408_the_proxy_answers_when_the_worker_is_slow()
    {
        _fixture.Faults(Route).FailNext(1, 408, body: """{"error":"request timeout"}""");
        using var client = new SpiritProxyChatClient(_fixture.Options()).AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        var response = await client.GetResponseAsync(Question);

        Assert.NotEmpty(response.Text);
        Assert.Equal([408, 200], _fixture.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Raises_the_workers_error_for_an_unknown_model()
    {
        using var client = new SpiritProxyChatClient(_fixture.Options());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync(Question, new ChatOptions { ModelId = "mistral" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("mistral", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describes_itself_through_metadata()
    {
        using var client = new SpiritProxyChatClient(_fixture.Options());

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("Spirit-GPU", metadata?.ProviderName);
        Assert.Equal(_fixture.Emulator.SpiritBaseUrl, metadata?.ProviderUri);
        Assert.Equal("llama3.2", metadata?.DefaultModelId);
    }

    [Fact]
    public void Refuses_settings_without_a_serverless_id_naming_it()
    {
        var options = _fixture.Options();
        options.ServerlessId = null;

        var error = Assert.Throws<ArgumentException>(() => new SpiritProxyChatClient(options));

        Assert.Contains("SpiritProxyOptions.ServerlessId is required", error.Message, StringComparison.Ordinal);
    }
}
