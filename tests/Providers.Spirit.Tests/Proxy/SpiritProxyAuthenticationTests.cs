using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Emulator;
using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>
/// Spirit-GPU keys are opaque strings the service compares as sent; base64-shaped keys hold <c>/</c>, <c>+</c> and
/// <c>=</c>. Every test here gives the emulator such a key, as the service would issue it.
/// </summary>
public sealed class SpiritProxyAuthenticationTests : IAsyncLifetime
{
    private const string Base64Key = "Zm9v/YmFy+YmF6==";
    private ProvidersEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { SpiritApiKey = Base64Key, SpiritServerlessId = SpiritHarness.ServerlessId });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_key_holding_slash_plus_and_equals_is_sent_as_is_through_the_OpenAI_proxy()
    {
        using var client = new SpiritProxyChatClient(Options(Base64Key));

        var response = await client.GetResponseAsync("Why is the sky blue?");

        // The emulator, like the service, compares the header with "{serverlessId}-{key}" byte for byte.
        Assert.False(string.IsNullOrEmpty(response.Text));
    }

    [Fact]
    public async Task A_key_holding_slash_plus_and_equals_is_sent_as_is_through_the_Ollama_proxy()
    {
        using var client = new SpiritOllamaChatClient(Options(Base64Key));

        var response = await client.GetStreamingResponseAsync("Why is the sky blue?").ToChatResponseAsync();

        Assert.False(string.IsNullOrEmpty(response.Text));
    }

    [Fact]
    public async Task A_key_holding_slash_plus_and_equals_works_in_handler_mode()
    {
        using var client = new SpiritJobClient(new SpiritJobClientOptions
        {
            Endpoint = _emulator.SpiritBaseUrl,
            ApiKey = Base64Key,
            ServerlessId = SpiritHarness.ServerlessId,
        });

        var result = await client.RunSyncAsync(Json.Parse("""{"text":"hi"}"""));

        Assert.Equal("hi", result.GetJson().GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_wrong_key_of_that_shape_is_refused_by_the_service_and_appears_in_no_exception()
    {
        const string WrongKey = "d3Jvbmc/a2V5+w==";
        using var client = new SpiritProxyChatClient(Options(WrongKey));

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        AssertNowhere(WrongKey, error);
    }

    [Theory]
    [InlineData("key\r\nX-Injected: 1")]
    [InlineData("key\u0000")]
    public void A_key_no_header_can_carry_is_refused_at_construction_without_quoting_it(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new SpiritProxyChatClient(Options(key)));

        Assert.Contains("SpiritProxyOptions.ApiKey", error.Message, StringComparison.Ordinal);
        AssertNowhere(key, error);
    }

    [Fact]
    public async Task A_key_the_server_quotes_back_is_redacted_and_the_credentials_print_without_it()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", (HttpRequest request) =>
            Results.Json(new { error = new { message = $"Invalid key in '{request.Headers.Authorization}'" } }, statusCode: 403)));
        using var client = new SpiritProxyChatClient(new SpiritProxyOptions { Endpoint = server.BaseAddress, ServerlessId = "sls-42", ApiKey = Base64Key });

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hi"));

        Assert.Contains("Invalid key in 'sls-42-***'", error.Message, StringComparison.Ordinal);
        AssertNowhere(Base64Key, error);
        Assert.Equal("sls-42-***", client.GetService<ServiceHttpClient>()!.Authentication.ToString());
    }

    private SpiritProxyOptions Options(string apiKey) => new()
    {
        Endpoint = _emulator.SpiritBaseUrl,
        ServerlessId = SpiritHarness.ServerlessId,
        ApiKey = apiKey,
    };

    private static void AssertNowhere(string key, Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(key, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(key, string.Join(' ', e.Data.Values.Cast<object?>()), StringComparison.Ordinal);
        }
    }
}
